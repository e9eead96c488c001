#include "config/installation_config.h"

#include "config/playbook_loader.h"
#include "config/priority_loader.h"
#include "config/rules_loader.h"
#include "config/scenario_loader.h"
#include "config/toml_fields.h"
#include "core/subject.h"
#include "core/text.h"

namespace rightsdesk::config {
namespace {

const toml::table* Section(const toml::table& doc, std::string_view key,
                           std::optional<Error>& error, std::string_view source) {
  const toml::node* node = doc.get(key);
  if (!node) return nullptr;
  if (const toml::table* table = node->as_table()) return table;
  error = Error(ErrorCode::kInvalidArgument,
                std::string(source) + ": [" + std::string(key) + "] must be a table");
  return nullptr;
}

Result<void> LoadMailSettings(const toml::table& table, std::string_view source,
                              MailSettings& mail) {
  TomlFields f(table, std::string(source) + ": [mail]");
  f.CheckKnownKeys({"smtp_url", "require_tls", "from", "from_name", "username", "password_env",
                    "public_url", "max_attempts", "poll_seconds", "timeout_seconds"});
  for (auto [key, into] :
       {std::pair{"smtp_url", &mail.smtp_url}, std::pair{"from", &mail.from},
        std::pair{"from_name", &mail.from_name}, std::pair{"username", &mail.username},
        std::pair{"password_env", &mail.password_env}, std::pair{"public_url", &mail.public_url}}) {
    if (auto value = f.OptString(key)) *into = *value;
  }
  if (auto value = f.OptBool("require_tls")) mail.require_tls = *value;
  if (auto n = f.OptInt("max_attempts", 1, 100)) mail.max_attempts = static_cast<int>(*n);
  if (auto n = f.OptInt("poll_seconds", 1, 3600)) mail.poll_seconds = static_cast<int>(*n);
  if (auto n = f.OptInt("timeout_seconds", 1, 600)) mail.timeout_seconds = static_cast<int>(*n);
  if (f.failed()) return std::unexpected(*f.error());
  const bool smtp = mail.smtp_url.starts_with("smtp://") || mail.smtp_url.starts_with("smtps://");
  if (!mail.smtp_url.empty() && !smtp) {
    return Fail(ErrorCode::kInvalidArgument, std::string(source) +
                                                 ": [mail] smtp_url must start with smtp:// or "
                                                 "smtps://, not '" +
                                                 mail.smtp_url + "'");
  }
  for (std::string_view value : {std::string_view(mail.from), std::string_view(mail.from_name)}) {
    if (value.find_first_of("\r\n") != std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(source) + ": [mail] from and from_name must be one line");
    }
  }
  // Checked here, not when sending: a bad sender address would make every message fail for good.
  if (!NormalizeEmail(mail.from)) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(source) + ": [mail] from '" + mail.from + "' is not an email address");
  }
  if (!mail.public_url.starts_with("http://") && !mail.public_url.starts_with("https://")) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(source) + ": [mail] public_url must start with http:// or https://");
  }
  while (mail.public_url.ends_with('/')) mail.public_url.pop_back();
  return {};
}

Result<void> LoadSmsSettings(const toml::table& table, std::string_view source, SmsSettings& sms) {
  const std::string where = std::string(source) + ": [sms]";
  TomlFields f(table, where);
  f.CheckKnownKeys({"gateway_url", "token_env", "sender", "country_code", "timeout_seconds"});
  for (auto [key, into] :
       {std::pair{"gateway_url", &sms.gateway_url}, std::pair{"token_env", &sms.token_env},
        std::pair{"sender", &sms.sender}, std::pair{"country_code", &sms.country_code}}) {
    if (auto value = f.OptString(key)) *into = *value;
  }
  if (auto n = f.OptInt("timeout_seconds", 1, 120)) sms.timeout_seconds = static_cast<int>(*n);
  if (f.failed()) return std::unexpected(*f.error());
  const bool scheme =
      sms.gateway_url.starts_with("http://") || sms.gateway_url.starts_with("https://");
  if (!sms.gateway_url.empty() && !scheme) {
    return Fail(ErrorCode::kInvalidArgument, where +
                                                 " gateway_url must start with https:// (or "
                                                 "http://), not '" +
                                                 sms.gateway_url + "'");
  }
  const bool digits = !sms.country_code.empty() && sms.country_code.size() <= 3 &&
                      sms.country_code.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || sms.country_code.front() == '0') {
    return Fail(ErrorCode::kInvalidArgument,
                where + " country_code must be 1 to 3 digits without '+' (e.g. \"1\", \"44\")");
  }
  return {};
}

Result<void> LoadImapSettings(const toml::table& table, std::string_view source, ImapConfig& imap) {
  const std::string where = std::string(source) + ": [imap]";
  TomlFields f(table, where);
  f.CheckKnownKeys({"url", "require_tls", "username", "password_env", "processed_folder",
                    "rejected_folder", "poll_seconds", "timeout_seconds"});
  for (auto [key, into] : {std::pair{"url", &imap.url}, std::pair{"username", &imap.username},
                           std::pair{"password_env", &imap.password_env},
                           std::pair{"processed_folder", &imap.processed_folder},
                           std::pair{"rejected_folder", &imap.rejected_folder}}) {
    if (auto value = f.OptString(key)) *into = *value;
  }
  if (auto value = f.OptBool("require_tls")) imap.require_tls = *value;
  if (auto n = f.OptInt("poll_seconds", 1, 3600)) imap.poll_seconds = static_cast<int>(*n);
  if (auto n = f.OptInt("timeout_seconds", 1, 600)) imap.timeout_seconds = static_cast<int>(*n);
  if (f.failed()) return std::unexpected(*f.error());
  if (imap.url.empty()) return {};
  const bool scheme = imap.url.starts_with("imap://") || imap.url.starts_with("imaps://");
  std::size_t path = imap.url.find('/', imap.url.find("://") + 3);
  std::string mailbox = path == std::string::npos ? "" : imap.url.substr(path + 1);
  if (!scheme || !IsSimpleMailboxName(mailbox)) {
    return Fail(
        ErrorCode::kInvalidArgument,
        where + " url must be imaps://host[:port]/MAILBOX (or imap://), not '" + imap.url + "'");
  }
  if (imap.username.empty()) {
    return Fail(ErrorCode::kInvalidArgument, where + " username is required with url");
  }
  for (const std::string& folder : {imap.processed_folder, imap.rejected_folder}) {
    if (!IsSimpleMailboxName(folder) || folder == mailbox) {
      return Fail(ErrorCode::kInvalidArgument,
                  where + " folder '" + folder +
                      "' must be a name of letters, digits, . _ - / other than the mailbox");
    }
  }
  return {};
}

// An address for the team's alerts: empty, or one that parses.
Result<void> CheckTeamAddress(const std::string& address, std::string_view key,
                              std::string_view source) {
  if (address.empty() || NormalizeEmail(address)) return {};
  return Fail(ErrorCode::kInvalidArgument, std::string(source) + ": [scheduler] " +
                                               std::string(key) + " '" + address +
                                               "' is not an email address");
}

Result<void> LoadSchedulerSettings(const toml::table& table, std::string_view source,
                                   SchedulerConfig& scheduler) {
  const std::string where = std::string(source) + ": [scheduler]";
  TomlFields f(table, where);
  f.CheckKnownKeys({"enabled", "target_days_before_due", "reminder_days", "extension_prompt_days",
                    "verification_expiry_days", "team_email", "escalation_email",
                    "outbox_retention_days", "request_retention_months", "poll_seconds",
                    "review_due_soon_days"});
  ScheduleSettings& s = scheduler.schedule;
  if (auto value = f.OptBool("enabled")) scheduler.enabled = *value;
  if (auto n = f.OptInt("target_days_before_due", 0, 60)) s.target_days_before_due = int(*n);
  if (auto n = f.OptInt("extension_prompt_days", 0, 60)) s.extension_prompt_days = int(*n);
  if (auto n = f.OptInt("verification_expiry_days", 0, 365)) s.verification_expiry_days = int(*n);
  if (auto n = f.OptInt("outbox_retention_days", 0, 3650)) {
    scheduler.outbox_retention_days = int(*n);
  }
  if (auto n = f.OptInt("request_retention_months", 0, 1200)) {
    scheduler.request_retention_months = int(*n);
  }
  if (auto n = f.OptInt("poll_seconds", 1, 3600)) scheduler.poll_seconds = int(*n);
  if (auto n = f.OptInt("review_due_soon_days", 0, 365)) scheduler.review_due_soon_days = int(*n);
  if (auto value = f.OptString("team_email")) scheduler.team_email = *value;
  if (auto value = f.OptString("escalation_email")) scheduler.escalation_email = *value;
  if (const toml::array* days = f.OptArray("reminder_days")) {
    s.reminder_days.clear();
    for (const toml::node& day : *days) {
      auto n = day.value<std::int64_t>();
      if (!n || *n < 1 || *n > 60) {
        return Fail(ErrorCode::kInvalidArgument,
                    where + " reminder_days must be whole numbers of days from 1 to 60");
      }
      s.reminder_days.push_back(static_cast<int>(*n));
    }
  }
  if (f.failed()) return std::unexpected(*f.error());
  if (auto ok = CheckTeamAddress(scheduler.team_email, "team_email", source); !ok) return ok;
  return CheckTeamAddress(scheduler.escalation_email, "escalation_email", source);
}

// [intake]: the duplicate window and the installation's own disposable domains, added to the
// shipped list (a company cannot remove a shipped domain: a false signal costs staff a glance).
Result<void> LoadIntakeSettings(const toml::table& table, std::string_view source,
                                IntakeScreening& screening) {
  const std::string where = std::string(source) + ": [intake]";
  TomlFields f(table, where);
  f.CheckKnownKeys({"duplicate_window_days", "disposable_email_domains"});
  if (auto n = f.OptInt("duplicate_window_days", 0, 365)) {
    screening.duplicate_window_days = static_cast<int>(*n);
  }
  auto domains = f.OptStringArray("disposable_email_domains");
  if (f.failed()) return std::unexpected(*f.error());
  for (const std::string& domain : domains.value_or(std::vector<std::string>{})) {
    if (auto added = screening.disposable_domains.Add(domain); !added) {
      return std::unexpected(
          std::move(added.error()).WithContext(where + " disposable_email_domains"));
    }
  }
  return {};
}

Result<void> LoadAccountTokenSettings(const toml::table& table, std::string_view source,
                                      AccountTokenConfig& token) {
  TomlFields f(table, std::string(source) + ": [verification.account_token]");
  f.CheckKnownKeys({"keys", "issuer", "audience", "leeway_seconds", "consumer_claim"});
  token.keys = f.String("keys");
  token.issuer = f.String("issuer");
  token.audience = f.String("audience");
  if (auto n = f.OptInt("leeway_seconds", 0, 600)) token.leeway_seconds = static_cast<int>(*n);
  if (auto claim = f.OptString("consumer_claim")) {
    auto parsed = ParseAccountTokenIdentity(*claim);
    if (!parsed) f.Problem("consumer_claim", "must be \"email\" or \"sub\", not '" + *claim + "'");
    token.consumer_claim = parsed.value_or(token.consumer_claim);
  }
  for (auto [key, value] : {std::pair{"keys", &token.keys}, std::pair{"issuer", &token.issuer},
                            std::pair{"audience", &token.audience}}) {
    if (!f.failed() && value->empty()) f.Problem(key, "must not be empty");
  }
  if (f.failed()) return std::unexpected(*f.error());
  return {};
}

Result<void> LoadVerificationSettings(const toml::table& table, std::string_view source,
                                      VerificationSettings& verification) {
  TomlFields f(table, std::string(source) + ": [verification]");
  f.CheckKnownKeys({"contacts_need_code", "account_token"});
  if (auto value = f.OptBool("contacts_need_code")) verification.contacts_need_code = *value;
  if (f.failed()) return std::unexpected(*f.error());
  const toml::node* token = table.get("account_token");
  if (token == nullptr) return {};
  if (const toml::table* section = token->as_table()) {
    return LoadAccountTokenSettings(*section, source, verification.account_token);
  }
  return Fail(ErrorCode::kInvalidArgument,
              std::string(source) + ": [verification] account_token must be a table");
}

Result<void> LoadOperatingSettings(const toml::table& doc, std::string_view source,
                                   InstallationConfig& config) {
  std::optional<Error> error;
  if (const toml::table* store = Section(doc, "store", error, source)) {
    TomlFields f(*store, std::string(source) + ": [store]");
    f.CheckKnownKeys({"group_commit_max_batch"});
    if (auto n = f.OptInt("group_commit_max_batch", 1, 100000)) {
      config.store.group_commit_max_batch = static_cast<int>(*n);
    }
    if (f.failed()) return std::unexpected(*f.error());
  }
  if (const toml::table* audit = Section(doc, "audit", error, source)) {
    TomlFields f(*audit, std::string(source) + ": [audit]");
    f.CheckKnownKeys({"checkpoint_every_events", "checkpoint_every_seconds"});
    if (auto n = f.OptInt("checkpoint_every_events", 1, 100'000'000)) {
      config.audit.checkpoint_every_events = *n;
    }
    if (auto n = f.OptInt("checkpoint_every_seconds", 1, 31'536'000)) {
      config.audit.checkpoint_every_seconds = *n;
    }
    if (f.failed()) return std::unexpected(*f.error());
  }
  if (const toml::table* http = Section(doc, "http", error, source)) {
    TomlFields f(*http, std::string(source) + ": [http]");
    f.CheckKnownKeys({"intake_per_minute", "intake_burst", "intake_per_email_per_hour",
                      "intake_per_agent_per_hour"});
    struct Limit {
      const char* key;
      double* into;
    };
    for (Limit limit :
         {Limit{"intake_per_minute", &config.http.intake_per_minute},
          Limit{"intake_burst", &config.http.intake_burst},
          Limit{"intake_per_email_per_hour", &config.http.intake_per_email_per_hour},
          Limit{"intake_per_agent_per_hour", &config.http.intake_per_agent_per_hour}}) {
      if (auto n = f.OptInt(limit.key, 1, 1'000'000)) *limit.into = static_cast<double>(*n);
    }
    if (f.failed()) return std::unexpected(*f.error());
  }
  if (const toml::table* mail = Section(doc, "mail", error, source)) {
    if (auto loaded = LoadMailSettings(*mail, source, config.mail); !loaded) return loaded;
  }
  if (const toml::table* imap = Section(doc, "imap", error, source)) {
    if (auto loaded = LoadImapSettings(*imap, source, config.imap); !loaded) return loaded;
  }
  if (const toml::table* verification = Section(doc, "verification", error, source)) {
    auto loaded = LoadVerificationSettings(*verification, source, config.verification);
    if (!loaded) return loaded;
  }
  if (const toml::table* sms = Section(doc, "sms", error, source)) {
    if (auto loaded = LoadSmsSettings(*sms, source, config.sms); !loaded) return loaded;
  }
  if (const toml::table* intake = Section(doc, "intake", error, source)) {
    auto loaded = LoadIntakeSettings(*intake, source, config.ruleset.screening());
    if (!loaded) return loaded;
  }
  if (const toml::table* scheduler = Section(doc, "scheduler", error, source)) {
    auto loaded = LoadSchedulerSettings(*scheduler, source, config.scheduler);
    if (!loaded) return loaded;
  }
  if (error) return std::unexpected(*error);
  return {};
}

Result<void> CheckTopLevelKeys(const toml::table& doc, std::string_view source) {
  for (const auto& [key, node] : doc) {
    std::string_view k = key.str();
    if (k != "business" && k != "store" && k != "audit" && k != "http" && k != "intake" &&
        k != "mail" && k != "scheduler" && k != "imap" && k != "rule" && k != "jurisdiction" &&
        k != "calendar" && k != "change" && k != "version" && k != "priority_rule" &&
        k != "verification" && k != "sms" && k != "playbook") {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(source) + ": '" + std::string(k) + "' is not a known section");
    }
  }
  return {};
}

// Whatever went wrong inside a settings file (an unknown jurisdiction or calendar, a duplicate
// row...), what is invalid is the file.
std::unexpected<Error> InvalidFile(const Error& error) {
  return std::unexpected(Error(ErrorCode::kInvalidArgument, error.message(), error.field()));
}

}  // namespace

Result<InstallationConfig> LoadInstallationConfig(std::optional<std::string_view> company_toml,
                                                  std::string_view source) {
  auto defaults = DefaultRuleset();
  if (!defaults) return std::unexpected(defaults.error());
  auto playbooks = DefaultPlaybooks();
  if (!playbooks) return std::unexpected(playbooks.error());
  auto scenarios = DefaultScenarios();
  if (!scenarios) return std::unexpected(scenarios.error());
  InstallationConfig config{.ruleset = std::move(*defaults),
                            .playbooks = std::move(*playbooks),
                            .scenarios = std::move(*scenarios)};
  if (!company_toml) return config;
  auto doc = ParseToml(*company_toml, source);
  if (!doc) return std::unexpected(doc.error());
  if (auto ok = CheckTopLevelKeys(*doc, source); !ok) return std::unexpected(ok.error());
  if (auto ok = LoadRules(*doc, source, Origin::kCompany, config.ruleset); !ok) {
    return InvalidFile(ok.error());
  }
  if (auto ok = LoadOperatingSettings(*doc, source, config); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = LoadPriorityRules(*doc, source, config.ruleset); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = LoadPlaybooks(*doc, source, config.playbooks); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = config.ruleset.Validate(); !ok) {
    return InvalidFile(std::move(ok.error()).WithContext(source));
  }
  return config;
}

std::string_view StarterConfigText() {
  return R"(# RightsDesk installation settings. Every key is optional; the values shown are the defaults.
# Shipped rules and calendars: see docs/rules.md. Rows below override or extend them.

[business]
name = "Demo Company"
time_zone = "America/Los_Angeles"   # IANA zone; deadlines are dates in this zone
calendar = "US-CA"                  # holiday calendar for business-day deadlines
default_jurisdiction = "US-CA"      # when a request does not say where the consumer lives
drp_id = "RIGHTSDESK"               # our business-id in the Data Rights Protocol (docs/drp.md)
# Statuses the consumer is told about when a request reaches them (docs/messaging.md)
status_updates = ["verified", "completed", "closed_unverified", "withdrawn"]

[store]
group_commit_max_batch = 1024       # writes that may share one commit (one fsync)

[audit]
checkpoint_every_events = 1000      # sign a checkpoint at least this often...
checkpoint_every_seconds = 600      # ...or when the last one is this old

[http]
intake_per_minute = 10              # consumer intakes per client address, on average...
intake_burst = 20                   # ...after a burst of this many
intake_per_email_per_hour = 5       # requests about one consumer's email address per hour
intake_per_agent_per_hour = 100     # requests from one authorized agent's address per hour

[intake]
# Fraud defences (docs/verification.md, "Fraud signals").
duplicate_window_days = 45          # a repeat of an open request received this recently is
                                    # linked to it and closed as a duplicate (0: never)
disposable_email_domains = []       # more throwaway domains, beside the shipped list

[mail]
# Messages to consumers (acknowledgments, updates) are stored at once and sent by the worker
# inside `serve` (or `rightsdesk worker`). Without smtp_url they wait in the outbox.
smtp_url = ""                       # e.g. "smtp://mail.example.com:587" or "smtps://...:465"
require_tls = true                  # STARTTLS or smtps required; false only for a local relay
from = "privacy@example.com"
from_name = ""                      # defaults to the business name
username = ""
password_env = "RIGHTSDESK_SMTP_PASSWORD"   # the password is read from this variable
public_url = "http://127.0.0.1:8080"        # the privacy center's address, for links in messages
max_attempts = 10                   # temporary failures are retried with backoff, then failed
poll_seconds = 5
timeout_seconds = 30

[imap]
# Email intake: the worker inside `serve` (or `rightsdesk worker`) takes in what arrives in this
# mailbox, then moves each message to processed_folder (rejected_folder if it is not email).
# Mail servers may instead pipe each message to `rightsdesk intake email`.
url = ""                            # e.g. "imaps://mail.example.com/INBOX"
require_tls = true
username = ""
password_env = "RIGHTSDESK_IMAP_PASSWORD"   # the password is read from this variable
processed_folder = "RightsDesk-Processed"
rejected_folder = "RightsDesk-Rejected"
poll_seconds = 60
timeout_seconds = 30

[verification]
# A matched email or phone counts towards the level a request needs only once the consumer typed
# the one-time code sent to it (docs/verification.md): anyone can type a known address.
contacts_need_code = true

# Account holders may re-authenticate with a token (a signed JWT: RS256, ES256 or EdDSA) from the
# company's own login instead of matching data points (Cal. Code Regs. tit. 11 §7061):
# `rightsdesk request verify REF --account-token FILE` (docs/verification.md). Off until set.
# [verification.account_token]
# keys = "login-keys.jwks"           # the login's public keys, JWKS or PEM (data dir relative)
# issuer = "https://login.example.com"   # the tokens' iss
# audience = "rightsdesk"            # a value of the tokens' aud
# leeway_seconds = 60                # clock skew allowed on exp, nbf and iat
# consumer_claim = "email"           # "email" (the request's email, any case) or "sub" (account id)

[sms]
# One-time codes by text message, through the company's HTTP gateway (docs/verification.md).
# Without gateway_url, codes go by email only.
gateway_url = ""                    # e.g. "https://sms-relay.example.com/send"
token_env = "RIGHTSDESK_SMS_TOKEN"  # the bearer token is read from this variable
sender = ""                         # the number or name the provider shows
country_code = "1"                  # for phone numbers given without one
timeout_seconds = 10

[scheduler]
# Inside `serve` (or `rightsdesk worker`), once a minute: reminders before the team's internal
# target, escalation when it or the legal due date passes, an alarm when an acknowledgment due
# today has not gone out, a prompt to decide an extension, and the closing of requests never
# verified (the consumer is told). Once a day: priorities re-evaluated, old messages' contents
# erased. Every step is an audit event; with team_email it is also an email to the team.
enabled = true
target_days_before_due = 5          # the team aims to answer this many days before the due date
reminder_days = [10, 3]             # reminders this many days before that target
extension_prompt_days = 5           # prompt to decide an extension this many days before day 45
verification_expiry_days = 30       # close unverified requests after this many days (0: never)
team_email = ""                     # e.g. "privacy-team@example.com"
escalation_email = ""               # missed targets and deadlines (default: team_email)
outbox_retention_days = 30          # erase sent messages' names and links after this many days
request_retention_months = 24       # erase closed requests' personal data after this (0: never);
                                    # the minimal record (type, dates, status, events) stays
review_due_soon_days = 14           # remind rule review owners this many days before due, and
                                    # again once overdue (docs/rules.md "Review checklist")
poll_seconds = 60

# Priority (high, medium, low) with the reasons staff see: every rule whose conditions all hold
# gives its priority, the request takes the highest, low when none holds. Rules written here
# replace the shipped ones, which are:
#   high:   due within 7 days; the consumer is a minor; opt-out or limit (act at once)
#   medium: due within 21 days; made by an authorized agent; held in 5 or more systems;
#           a repeat requester
# Conditions: types = [...], days_left_at_most, minor, systems_at_least, repeat_requester, by_agent.
# [[priority_rule]]
# priority = "high"
# reason = "due within 7 days"
# days_left_at_most = 7

# A company's own rule: fields left out are inherited from the row in effect on effective_from.
# [[rule]]
# jurisdiction = "US-CA"
# types = ["access"]
# effective_from = 2027-01-01
# respond = "30 calendar days"
#
# A company's own calendar (then set calendar = "ACME" above): its weekend, holidays, closures.
# [[calendar]]
# id = "ACME"
# weekend = ["saturday", "sunday"]
# holidays = [ { name = "Christmas Day", month = 12, day = 25, observed = "sunday_to_monday" } ]
# closures = [ { date = 2026-12-24, name = "Company holiday" } ]
# effective_from = 2027-01-01       # optional: a new version from that day (earlier requests keep
#                                   # the deadlines the earlier version gave them)
#
# Record each change to the rules or calendars above in the change log (`rightsdesk rules
# changelog`, docs/rules.md "Versions and change log"):
# [[change]]
# version = "acme-1"
# published = 2026-12-01
# effective = 2027-01-01
# area = "rules"                    # or "calendar"
# summary = "Access requests answered within 30 days, an internal policy"
# source = "Privacy policy v4, section 2"
# reviewed_by = "J. Doe, counsel"
)";
}

}  // namespace rightsdesk::config
