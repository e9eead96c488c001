// Versioned calendars and the rule set's change log (docs/rules.md "Versions and change log"):
// a calendar version applies to requests received from its effective date and never moves the
// deadlines of earlier ones; the shipped change log carries the rule set's version; a company's
// own changes are listed beside it; bad entries are refused naming the entry and the field.
#include <gtest/gtest.h>

#include <algorithm>

#include "config/installation_config.h"

namespace rightsdesk::config {
namespace {

Date Day(const char* text) { return *ParseDate(text); }

Result<InstallationConfig> LoadCompany(const std::string& toml) {
  return LoadInstallationConfig(toml, "company.toml");
}

void ExpectRefused(const std::string& toml, const std::vector<std::string>& parts) {
  auto config = LoadCompany(toml);
  ASSERT_FALSE(config) << toml;
  EXPECT_EQ(config.error().code(), ErrorCode::kInvalidArgument);
  for (const std::string& part : parts) {
    EXPECT_NE(config.error().message().find(part), std::string::npos)
        << "'" << part << "' not in: " << config.error().message();
  }
}

// ACME: weekends only; from 2027-01-01 also closed on Tuesday 2027-01-05. The later version is
// written first: the order in the file does not matter.
constexpr const char* kVersionedAcme = R"(
[business]
calendar = "ACME"

[[calendar]]
id = "ACME"
name = "ACME 2027"
effective_from = 2027-01-01
closures = [ { date = 2027-01-05, name = "Inventory day" } ]

[[calendar]]
id = "ACME"
name = "ACME"
)";

std::string AcknowledgeBy(const Ruleset& rules, const char* received) {
  auto d = rules.DeadlinesFor("US-CA", RequestType::kAccess, Day(received));
  EXPECT_TRUE(d) << d.error().message();
  return d && d->acknowledge_by ? FormatDate(*d->acknowledge_by) : "";
}

TEST(CalendarVersionsTest, ARequestKeepsTheCalendarOfItsDayOfReceipt) {
  auto config = LoadCompany(kVersionedAcme);
  ASSERT_TRUE(config) << config.error().message();
  // Received Monday 2026-12-28, before the new version: 10 business days on weekends only are
  // Dec 29-31, Jan 1, Jan 4-8, Jan 11. The closure on Jan 5 (a later version) does not move it.
  EXPECT_EQ(AcknowledgeBy(config->ruleset, "2026-12-28"), "2027-01-11");
  // Received Friday 2027-01-01: the new version skips Jan 5, so Jan 4, 6-8, 11-15, 18.
  EXPECT_EQ(AcknowledgeBy(config->ruleset, "2027-01-01"), "2027-01-18");
}

TEST(CalendarVersionsTest, TheVersionInEffectIsTheLatestStartedOnTheDay) {
  auto config = LoadCompany(kVersionedAcme);
  ASSERT_TRUE(config) << config.error().message();
  const Ruleset& rules = config->ruleset;
  auto before = rules.FindCalendar("ACME", Day("2026-12-31"));
  auto from = rules.FindCalendar("ACME", Day("2027-01-01"));
  ASSERT_TRUE(before && from);
  EXPECT_EQ((*before)->name(), "ACME");
  EXPECT_EQ((*from)->name(), "ACME 2027");
  auto versions = rules.CalendarVersions("ACME");
  ASSERT_TRUE(versions);
  ASSERT_EQ((*versions)->size(), 2u);
  EXPECT_FALSE((*versions)->front().effective_from());
  EXPECT_EQ(rules.FindCalendar("NOPE", Day("2027-01-01")).error().code(), ErrorCode::kNotFound);
}

TEST(CalendarVersionsTest, AVersionAddedToAShippedCalendarLeavesTheShippedOneBeforeIt) {
  auto config = LoadCompany(R"(
[[calendar]]
id = "US-CA"
name = "California, with a company closure from 2027"
effective_from = 2027-01-01
holidays = [ { name = "Christmas Day", month = 12, day = 25 } ]
closures = [ { date = 2027-12-24, name = "Company holiday" } ]
)");
  ASSERT_TRUE(config) << config.error().message();
  auto shipped = config->ruleset.FindCalendar("US-CA", Day("2026-06-01"));
  ASSERT_TRUE(shipped);
  EXPECT_TRUE((*shipped)->IsHoliday(Day("2026-11-11")));  // Veterans Day, shipped version
  auto own = config->ruleset.FindCalendar("US-CA", Day("2027-06-01"));
  ASSERT_TRUE(own);
  EXPECT_TRUE((*own)->IsHoliday(Day("2027-12-24")));
  EXPECT_FALSE((*own)->IsHoliday(Day("2027-11-11")));
}

TEST(CalendarVersionsTest, AnUndatedCalendarReplacesTheShippedVersionsItsFilesDatedOnesStay) {
  // The dated version comes first in the file, the undated calendar after it: the undated one
  // replaces the shipped US-CA, the dated one is kept beside it.
  auto config = LoadCompany(R"(
[[calendar]]
id = "US-CA"
name = "Company 2027"
effective_from = 2027-01-01

[[calendar]]
id = "US-CA"
name = "Company"
)");
  ASSERT_TRUE(config) << config.error().message();
  auto versions = config->ruleset.CalendarVersions("US-CA");
  ASSERT_TRUE(versions);
  ASSERT_EQ((*versions)->size(), 2u);
  EXPECT_EQ((*versions)->front().name(), "Company");
  EXPECT_EQ((*versions)->back().name(), "Company 2027");
  auto shipped = LoadInstallationConfig(std::nullopt, "none");
  ASSERT_TRUE(shipped);
  auto only = shipped->ruleset.CalendarVersions("US-CA");
  ASSERT_TRUE(only);
  EXPECT_EQ((*only)->size(), 1u);
}

TEST(RulesChangelogTest, TheShippedRulesCarryTheirVersionAndChangeLog) {
  auto config = LoadInstallationConfig(std::nullopt, "none");
  ASSERT_TRUE(config) << config.error().message();
  const RulesChangelog& log = config->ruleset.changelog();
  EXPECT_FALSE(log.shipped_version().empty());
  EXPECT_EQ(log.Version(), log.shipped_version());
  auto entries = log.Entries();
  ASSERT_FALSE(entries.empty());
  EXPECT_TRUE(std::ranges::any_of(entries, [&](const RuleChange& c) {
    return c.version == log.shipped_version() && !c.company;
  }));
  for (const RuleChange& c : entries) {
    EXPECT_FALSE(c.summary.empty());
    EXPECT_FALSE(c.source.empty());
    EXPECT_FALSE(c.reviewed_by.empty());
  }
}

TEST(RulesChangelogTest, ACompanysChangesAreListedAndNameTheVersionInForce) {
  auto config = LoadCompany(R"(
[[change]]
version = "acme-1"
published = 2026-11-25
effective = 2026-11-01
area = "rules"
summary = "Access answered within 30 days"
source = "Privacy policy v4"
reviewed_by = "Legal"

[[change]]
version = "acme-2"
published = 2026-12-01
effective = 2027-01-01
area = "calendar"
summary = "Inventory day closure"
source = "HR memo 2026-11"
reviewed_by = "Operations"
)");
  ASSERT_TRUE(config) << config.error().message();
  const RulesChangelog& log = config->ruleset.changelog();
  EXPECT_EQ(log.Version(), log.shipped_version() + "+acme-2");
  auto entries = log.Entries();
  ASSERT_GE(entries.size(), 3u);
  EXPECT_EQ(entries[0].version, "acme-2");  // newest published first
  EXPECT_TRUE(entries[0].company);
  EXPECT_EQ(entries[0].area, ChangeArea::kCalendar);
  EXPECT_EQ(FormatDate(entries[0].effective), "2027-01-01");
  EXPECT_EQ(entries[1].version, "acme-1");
  EXPECT_FALSE(entries[2].company);  // the shipped entries, published 2026-11-24
}

TEST(RulesChangelogTest, BadEntriesAreRefusedNamingTheEntryAndTheField) {
  const std::string good =
      "version = \"a\"\npublished = 2026-01-01\neffective = 2026-01-01\narea = \"rules\"\n"
      "summary = \"s\"\nsource = \"c\"\n";
  ExpectRefused("[[change]]\n" + good, {"company.toml", "change #1", "reviewed_by"});
  ExpectRefused("[[change]]\n" + good + "reviewed_by = \"\"\n", {"reviewed_by", "empty"});
  ExpectRefused("[[change]]\n" + good + "reviewed_by = \"x\"\nauthor = \"y\"\n", {"author"});
  ExpectRefused(
      "[[change]]\nversion = \"a\"\npublished = 2026-01-01\neffective = 2026-01-01\n"
      "area = \"law\"\nsummary = \"s\"\nsource = \"c\"\nreviewed_by = \"x\"\n",
      {"change #1", "area", "rules or calendar"});
  ExpectRefused(
      "[[change]]\n" + good + "reviewed_by = \"x\"\n[[change]]\n" + good + "reviewed_by = \"x\"\n",
      {"change #2", "twice"});
  ExpectRefused("version = \"9\"\n", {"company.toml", "version", "shipped"});
  ExpectRefused("change = 3\n", {"change", "array of tables"});
  ExpectRefused("[[calendar]]\nid = \"ACME\"\neffective_from = \"soon\"\n",
                {"calendar #1", "effective_from"});
}

}  // namespace
}  // namespace rightsdesk::config
