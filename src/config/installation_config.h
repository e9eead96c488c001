// The installation's settings file, <data>/rightsdesk.toml: the business's defaults, the company's
// own rules and calendars (over the shipped ones), and operating settings of the store and the
// audit trail. Every key is optional; unknown keys are errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/account_token.h"
#include "core/error.h"
#include "core/playbook.h"
#include "core/review_item.h"
#include "core/ruleset.h"
#include "core/schedule.h"
#include "core/training.h"

namespace rightsdesk::config {

struct StoreSettings {
  // Most writes one commit (one fsync) may carry; 1 turns group commit off.
  int group_commit_max_batch = 1024;
};

struct AuditSettings {
  // A signed checkpoint is written when this many events have been added since the last one,
  // or when the last one is older than checkpoint_every_seconds (checked at each commit).
  std::int64_t checkpoint_every_events = 1000;
  std::int64_t checkpoint_every_seconds = 600;
};

struct HttpSettings {
  // The consumer's intake endpoint, per client address: `intake_burst` at once, then
  // `intake_per_minute` on average (429 beyond).
  double intake_per_minute = 10;
  double intake_burst = 20;
  // Per consumer (the subject's email) and per authorized agent (the agent's email), per hour,
  // whatever address the requests come from; the hour's allowance may be used at once.
  double intake_per_email_per_hour = 5;
  double intake_per_agent_per_hour = 100;
};

// The outbox's delivery by SMTP (issue 6). With no `smtp_url`, messages are stored and wait.
struct MailSettings {
  std::string smtp_url;     // "smtp://host:587" (STARTTLS when offered) or "smtps://host:465"
  bool require_tls = true;  // refuse to send in clear: set false only for a local relay
  std::string from = "privacy@example.com";
  std::string from_name;  // shown beside `from`; the business's name when empty
  std::string username;
  std::string password_env = "RIGHTSDESK_SMTP_PASSWORD";  // read from the environment, not here
  std::string public_url = "http://127.0.0.1:8080";       // where links in messages point
  int max_attempts = 10;  // then the message is marked failed and staff are told
  int poll_seconds = 5;   // how often the worker looks for due messages
  int timeout_seconds = 30;
};

// [imap]: the privacy address's mailbox, taken in by the worker (docs/messaging.md).
struct ImapConfig {
  std::string url;  // "imaps://mail.example.com/INBOX" ("": no email intake by IMAP)
  bool require_tls = true;
  std::string username;
  std::string password_env = "RIGHTSDESK_IMAP_PASSWORD";  // read from the environment
  std::string processed_folder = "RightsDesk-Processed";
  std::string rejected_folder = "RightsDesk-Rejected";
  int poll_seconds = 60;
  int timeout_seconds = 30;
};

// [scheduler]: the work time brings (app/scheduler.h, docs/scheduler.md).
struct SchedulerConfig {
  bool enabled = true;  // run by `serve` and `worker`
  ScheduleSettings schedule;
  std::string team_email;        // reminders, alarms, prompts ("": audit events only)
  std::string escalation_email;  // missed targets and deadlines ("": team_email)
  int outbox_retention_days = 30;
  int request_retention_months = 24;  // personal data of closed requests (0: kept for ever)
  int review_due_soon_days =
      kDefaultReviewDueSoonDays;  // rule review reminders (app/rule_reviews.h)
  int poll_seconds = 60;
};

// [verification.account_token]: tokens of the company's own login accepted as an account holder's
// re-authentication (Cal. Code Regs. tit. 11 §7061; docs/verification.md). Absent: not accepted.
// When the section is present, keys, issuer and audience are required.
struct AccountTokenConfig {
  std::string keys;      // a PEM or JWKS file of the login's public keys; relative to the data dir
  std::string issuer;    // the tokens' `iss`, exactly
  std::string audience;  // a value the tokens' `aud` must hold
  int leeway_seconds = 60;  // clock skew allowed on exp, nbf, iat
  AccountTokenIdentity consumer_claim = AccountTokenIdentity::kEmail;  // "email" or "sub"

  bool enabled() const { return !keys.empty(); }
};

// Identity verification (docs/verification.md).
struct VerificationSettings {
  // A matched email or phone counts towards the level only once the consumer confirmed it with a
  // one-time code sent to it.
  bool contacts_need_code = true;
  AccountTokenConfig account_token;
};

// Text messages through the company's HTTP gateway (messaging/sms_gateway.h); without a
// gateway_url, one-time codes go by email only.
struct SmsSettings {
  std::string gateway_url;
  std::string token_env = "RIGHTSDESK_SMS_TOKEN";  // the bearer token is read from this variable
  std::string sender;                              // the "from" the provider shows
  std::string country_code = "1";  // for numbers given without one (E.164, 1 to 3 digits)
  int timeout_seconds = 10;
};

struct InstallationConfig {
  Ruleset ruleset;
  // The request page's checklists: the shipped rules/playbooks.toml, then the company's
  // [[playbook]]s, each replacing the shipped one of its type (docs/training.md).
  Playbooks playbooks;
  // The training workspace's scenarios (training/scenarios/, compiled in).
  ScenarioLibrary scenarios;
  StoreSettings store;
  AuditSettings audit;
  HttpSettings http;
  MailSettings mail;
  SchedulerConfig scheduler;
  ImapConfig imap;
  VerificationSettings verification;
  SmsSettings sms;
};

// The shipped defaults, then `company_toml` (if any) over them. `source` names the file in errors.
Result<InstallationConfig> LoadInstallationConfig(std::optional<std::string_view> company_toml,
                                                  std::string_view source);

// What `rightsdesk init` writes: the defaults spelled out and commented, ready to edit.
std::string_view StarterConfigText();

}  // namespace rightsdesk::config
