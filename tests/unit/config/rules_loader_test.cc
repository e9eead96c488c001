// A company's rightsdesk.toml over the shipped rules: overrides, inheritance, own calendars,
// and errors that name the file, the entry and the field.
#include <gtest/gtest.h>

#include "config/installation_config.h"

namespace rightsdesk::config {
namespace {

Date D(const char* text) { return *ParseDate(text); }

Result<InstallationConfig> Load(const std::string& toml) {
  return LoadInstallationConfig(toml, "company.toml");
}

void ExpectError(const std::string& toml, const std::vector<std::string>& parts) {
  auto config = Load(toml);
  ASSERT_FALSE(config) << toml;
  EXPECT_EQ(config.error().code(), ErrorCode::kInvalidArgument);
  for (const std::string& part : parts) {
    EXPECT_NE(config.error().message().find(part), std::string::npos)
        << "'" << part << "' not in: " << config.error().message();
  }
}

TEST(CompanyRulesTest, NoFileMeansTheShippedDefaults) {
  auto config = LoadInstallationConfig(std::nullopt, "none");
  ASSERT_TRUE(config);
  EXPECT_EQ(config->ruleset.business().default_jurisdiction, "US-CA");
  EXPECT_EQ(config->ruleset.business().time_zone, "America/Los_Angeles");
  EXPECT_EQ(config->store.group_commit_max_batch, 1024);
}

TEST(CompanyRulesTest, TheStarterFileLoadsAndChangesNothing) {
  auto config = Load(std::string(StarterConfigText()));
  ASSERT_TRUE(config) << config.error().message();
  auto deadlines = config->ruleset.DeadlinesFor("US-CA", RequestType::kAccess, D("2026-11-24"));
  ASSERT_TRUE(deadlines);
  EXPECT_EQ(FormatDate(deadlines->respond_by), "2027-01-08");
}

TEST(CompanyRulesTest, IntakeScreeningDefaultsToFortyFiveDaysAndTheShippedDomains) {
  auto config = LoadInstallationConfig(std::nullopt, "none");
  ASSERT_TRUE(config);
  const IntakeScreening& screening = config->ruleset.screening();
  EXPECT_EQ(screening.duplicate_window_days, 45);
  EXPECT_TRUE(screening.disposable_domains.IsDisposable("a@mailinator.com"));
  EXPECT_FALSE(screening.disposable_domains.IsDisposable("a@throwaway.example"));
}

TEST(CompanyRulesTest, AnInstallationSetsTheWindowAndAddsDomainsToTheShippedList) {
  auto config = Load(R"(
[intake]
duplicate_window_days = 30
disposable_email_domains = ["Throwaway.Example", "burner.test"]
)");
  ASSERT_TRUE(config) << config.error().message();
  const IntakeScreening& screening = config->ruleset.screening();
  EXPECT_EQ(screening.duplicate_window_days, 30);
  EXPECT_TRUE(screening.disposable_domains.IsDisposable("a@x.throwaway.example"));
  EXPECT_TRUE(screening.disposable_domains.IsDisposable("a@burner.test"));
  EXPECT_TRUE(screening.disposable_domains.IsDisposable("a@mailinator.com"));
}

TEST(CompanyRulesTest, BadIntakeSettingsNameTheSectionAndTheValue) {
  ExpectError("[intake]\nduplicate_window_days = 400\n", {"[intake]", "duplicate_window_days"});
  ExpectError("[intake]\ndisposable_email_domains = [\"not a domain\"]\n",
              {"[intake] disposable_email_domains", "not a domain"});
  ExpectError("[intake]\nduplicate_days = 3\n", {"[intake]", "duplicate_days"});
}

TEST(CompanyRulesTest, AnOverrideAppliesFromItsDateAndInheritsWhatItLeavesOut) {
  auto config = Load(R"(
[[rule]]
jurisdiction = "US-CA"
types = ["access"]
effective_from = 2027-01-01
respond = "30 calendar days"
)");
  ASSERT_TRUE(config) << config.error().message();
  const Ruleset& rules = config->ruleset;
  auto before = rules.DeadlinesFor("US-CA", RequestType::kAccess, D("2026-12-31"));
  auto after = rules.DeadlinesFor("US-CA", RequestType::kAccess, D("2027-01-04"));
  ASSERT_TRUE(before && after);
  EXPECT_EQ(FormatDate(before->respond_by), "2027-02-14");  // 45 days, the shipped row
  EXPECT_EQ(FormatDate(after->respond_by), "2027-02-03");   // 30 days, the company's row
  // Inherited: the acknowledgment (10 business days) and the 45-day extension.
  EXPECT_EQ(FormatDate(*after->acknowledge_by), "2027-01-19");  // MLK Day Jan 18 skipped
  // Same unit, so the whole period counts from day 0: 30 + 45 = 75 days.
  EXPECT_EQ(FormatDate(*after->extended_respond_by), "2027-03-20");
  auto categories = rules.DeadlinesFor("US-CA", RequestType::kCategories, D("2027-01-04"));
  EXPECT_EQ(FormatDate(categories->respond_by), "2027-02-18");  // other types untouched
}

TEST(CompanyRulesTest, NoneRemovesADuty) {
  auto config = Load(R"(
[[rule]]
jurisdiction = "US-CA"
types = ["delete"]
effective_from = 2020-01-01
acknowledge = "none"
extension = "none"
)");
  ASSERT_TRUE(config) << config.error().message();
  auto d = config->ruleset.DeadlinesFor("US-CA", RequestType::kDelete, D("2026-11-24"));
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->acknowledge_by);
  EXPECT_FALSE(d->extended_respond_by);
  EXPECT_EQ(FormatDate(d->respond_by), "2027-01-08");
}

TEST(CompanyRulesTest, AnOwnCalendarAndTimeZone) {
  auto config = Load(R"(
[business]
time_zone = "America/New_York"
calendar = "ACME"

[[calendar]]
id = "ACME"
weekend = ["saturday", "sunday"]
holidays = [ { name = "Christmas Day", month = 12, day = 25 } ]
closures = [ { date = 2026-12-24, name = "Company holiday" } ]
)");
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->ruleset.business().time_zone, "America/New_York");
  // opt_out: 15 business days on the ACME calendar from Dec 23, 2026: Dec 24 and 25 are off,
  // Dec 28-31 count 1-4, Jan 1 is a business day there (5), Jan 4-8 (6-10), Jan 11-15 (11-15).
  auto d = config->ruleset.DeadlinesFor("US-CA", RequestType::kOptOut, D("2026-12-23"));
  ASSERT_TRUE(d);
  EXPECT_EQ(FormatDate(d->respond_by), "2027-01-15");
}

TEST(CompanyRulesTest, MistakesAreRefusedNamingWhereAndWhat) {
  ExpectError("[store]\ngroup_commit_max_batch = 0\n", {"company.toml", "group_commit_max_batch"});
  ExpectError("[store]\nbatch = 5\n", {"company.toml", "batch"});
  ExpectError("[storage]\n", {"storage"});
  ExpectError("[[rule]\n", {"company.toml:1:"});
  ExpectError(R"([[rule]]
jurisdiction = "US-CA"
types = ["access"]
effective_from = 2027-01-01
respond = "30 days"
)",
              {"company.toml", "respond", "30 days"});
  ExpectError(R"([[rule]]
jurisdiction = "US-ZZ"
types = ["access"]
effective_from = 2027-01-01
respond = "30 calendar days"
)",
              {"US-ZZ"});
  ExpectError(R"([[rule]]
jurisdiction = "US-CA"
types = ["erase"]
effective_from = 2027-01-01
)",
              {"erase"});
  ExpectError("[business]\ncalendar = \"NOPE\"\n", {"NOPE"});
  ExpectError("[business]\ndefault_jurisdiction = \"XX\"\n", {"XX"});
}

TEST(CompanyRulesTest, StatusUpdatesAreChosenByName) {
  auto config = Load("[business]\nstatus_updates = [\"completed\"]\n");
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->ruleset.business().status_updates, std::set<Status>{Status::kCompleted});
  ExpectError("[business]\nstatus_updates = [\"done\"]\n", {"status_updates", "'done'"});
}

TEST(CompanyRulesTest, MailSettingsThatCouldNeverSendAreRefused) {
  ExpectError("[mail]\nsmtp_url = \"http://mail.example.com\"\n", {"smtp_url"});
  ExpectError("[mail]\nfrom = \"privacy\"\n", {"[mail] from 'privacy'"});
  ExpectError("[mail]\npublic_url = \"privacy.example.com\"\n", {"public_url"});
  auto config = Load(
      "[mail]\nsmtp_url = \"smtps://mail.example.com:465\"\n"
      "public_url = \"https://privacy.example.com/\"\n");
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->mail.public_url, "https://privacy.example.com");
}

TEST(CompanyRulesTest, SchedulerSettingsAreReadAndCheckedAtLoad) {
  auto config = Load(
      "[scheduler]\nreminder_days = [7, 2, 1]\nteam_email = \"team@example.com\"\n"
      "verification_expiry_days = 0\n");
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->scheduler.schedule.reminder_days, (std::vector<int>{7, 2, 1}));
  EXPECT_EQ(config->scheduler.schedule.verification_expiry_days, 0);
  EXPECT_EQ(config->scheduler.team_email, "team@example.com");
  EXPECT_TRUE(config->scheduler.enabled);
  ExpectError("[scheduler]\nreminder_days = [0]\n", {"reminder_days"});
  ExpectError("[scheduler]\nreminder_days = [\"ten\"]\n", {"reminder_days"});
  ExpectError("[scheduler]\nteam_email = \"team\"\n", {"team_email 'team'"});
  ExpectError("[scheduler]\nremind = true\n", {"remind"});
}

TEST(PriorityRulesTest, ACompanysRulesReplaceTheShippedOnes) {
  EXPECT_EQ(Load("")->ruleset.priority_rules().size(), DefaultPriorityRules().size());
  auto config = Load(R"(
[[priority_rule]]
priority = "high"
reason = "a big deletion"
types = ["delete"]
systems_at_least = 3
)");
  ASSERT_TRUE(config) << config.error().message();
  const auto& rules = config->ruleset.priority_rules();
  ASSERT_EQ(rules.size(), 1U);
  EXPECT_EQ(rules[0].priority, Priority::kHigh);
  EXPECT_EQ(rules[0].reason, "a big deletion");
  EXPECT_TRUE(rules[0].types.contains(RequestType::kDelete));
  EXPECT_EQ(rules[0].systems_at_least, 3);
}

TEST(PriorityRulesTest, BadRulesNameTheirEntry) {
  ExpectError("[[priority_rule]]\npriority = \"urgent\"\nreason = \"x\"\n",
              {"[[priority_rule]] #1", "priority must be one of"});
  ExpectError("[[priority_rule]]\npriority = \"high\"\n", {"a reason is required"});
  ExpectError("[[priority_rule]]\npriority = \"high\"\nreason = \"x\"\ntypes = [\"erase\"]\n",
              {"'erase'"});
  ExpectError("[[priority_rule]]\npriority = \"high\"\nreason = \"x\"\nwhen = 1\n", {"when"});
  ExpectError("priority_rule = 3\n", {"[[priority_rule]]"});
}

}  // namespace
}  // namespace rightsdesk::config
