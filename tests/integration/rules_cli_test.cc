// `rightsdesk rules changelog|show` and `rightsdesk review add|list|done` end to end: the JSON
// contracts, a company's own calendar version and change log entry in its rightsdesk.toml, and
// bad input refused with exit 2 and one clear line, the store unchanged.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "ledger_db.h"
#include "test_dirs.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class RulesCliTest : public ::testing::Test, public CliInstallation {
 protected:
  void SetUp() override { ASSERT_EQ(RunCli({"init", "--data", data()}).exit_code, 0); }

  nlohmann::json Json(const std::vector<std::string>& args) {
    ProcessResult result = Cli(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.exit_code == 0 ? nlohmann::json::parse(result.out) : nlohmann::json();
  }

  void ExpectRefused(const std::vector<std::string>& args, const std::string& message_part) {
    std::string before = LedgerSnapshot(db());
    ProcessResult result = Cli(args);
    EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
    EXPECT_THAT(result.err, StartsWith("rightsdesk: "));
    EXPECT_THAT(result.err, HasSubstr(message_part));
    EXPECT_EQ(LedgerSnapshot(db()), before) << "the store changed";
  }

  void AppendSettings(const std::string& toml) {
    std::ofstream out(dir_.path() / "data" / "rightsdesk.toml", std::ios::app);
    out << toml;
  }
};

TEST_F(RulesCliTest, TheChangelogAndTheRulesInEffectIncludeTheCompanysOwnVersions) {
  nlohmann::json shipped = Json({"rules", "changelog", "--json"});
  const std::string version = shipped.at("shipped_version");
  EXPECT_EQ(shipped.at("version"), version);
  AppendSettings(R"(
[[calendar]]
id = "US-CA"
name = "California with the 2027 inventory day"
effective_from = 2027-01-01
holidays = [ { name = "New Year's Day", month = 1, day = 1 },
             { name = "Martin Luther King Jr. Day", month = 1, weekday = "monday", nth = 3 } ]
closures = [ { date = 2027-01-05, name = "Inventory day" } ]

[[change]]
version = "acme-1"
published = 2026-12-01
effective = 2027-01-01
area = "calendar"
summary = "Inventory day on 2027-01-05"
source = "HR memo 2026-11"
reviewed_by = "Operations"
)");
  nlohmann::json log = Json({"rules", "changelog", "--json"});
  EXPECT_EQ(log.at("version"), version + "+acme-1");
  EXPECT_EQ(log.at("changes")[0].at("origin"), "company");
  EXPECT_EQ(log.at("changes")[0].at("summary"), "Inventory day on 2027-01-05");

  nlohmann::json before = Json({"rules", "show", "--at", "2026-12-31", "--json"});
  nlohmann::json after = Json({"rules", "show", "--at", "2027-01-02", "--json"});
  auto calendar = [](const nlohmann::json& view) {
    for (const auto& c : view.at("calendars")) {
      if (c.at("id") == "US-CA") return c;
    }
    return nlohmann::json();
  };
  EXPECT_TRUE(calendar(before).at("effective_from").is_null());
  EXPECT_EQ(calendar(after).at("effective_from"), "2027-01-01");
  EXPECT_EQ(calendar(after).at("days_off").size(), 3u);
  // opt_out: 15 business days. Received 2026-12-28, the request keeps the shipped calendar
  // (2027-01-20; the new version would give 01-21); received 2027-01-04 it gets the new one, with
  // the inventory day off (2027-01-27; the shipped calendar gives 01-26).
  auto respond_by = [&](const char* received) {
    return Json({"deadlines", "--type", "opt_out", "--received", received, "--jurisdiction",
                 "US-CA"})
        .at("respond_by");
  };
  EXPECT_EQ(respond_by("2026-12-28"), "2027-01-20");
  EXPECT_EQ(respond_by("2027-01-04"), "2027-01-27");
  // A request records what computed its deadlines: version, row and calendar version.
  nlohmann::json submitted =
      Json({"request", "submit", "--type", "access", "--email", "ana@example.com", "--json"});
  nlohmann::json shown = Json({"request", "show", submitted.at("reference"), "--json"});
  const nlohmann::json& details = shown.at("events")[0].at("details");
  EXPECT_EQ(details.at("rules_version"), version + "+acme-1");
  EXPECT_EQ(details.at("rule_from"), "2020-01-01");
  EXPECT_EQ(details.at("calendar"), "US-CA");
  EXPECT_TRUE(details.at("calendar_from").is_null());  // received before 2027-01-01
  ProcessResult human = Cli({"rules", "show", "--at", "2027-01-02"});
  ASSERT_EQ(human.exit_code, 0) << human.err;
  EXPECT_THAT(human.out, HasSubstr("version from 2027-01-01"));
  EXPECT_THAT(human.out, HasSubstr("2027-01-05  Inventory day"));
}

TEST_F(RulesCliTest, ReviewItemsAreAddedListedAndDoneFromTheCommandLine) {
  nlohmann::json added = Json({"review", "add", "--kind", "legal", "--title", "Colorado amendment",
                               "--owner", "counsel@acme.example", "--due", "2027-02-01", "--source",
                               "https://leg.colorado.gov/", "--json"});
  EXPECT_EQ(added.at("status"), "open");
  const std::string id = std::to_string(added.at("id").get<std::int64_t>());
  nlohmann::json open = Json({"review", "list", "--status", "open", "--json"});
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].at("title"), "Colorado amendment");
  ProcessResult done = Cli({"review", "done", id, "--note", "Appeal period unchanged"});
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_EQ(Json({"review", "list", "--status", "open", "--json"}).size(), 0u);
  nlohmann::json all = Json({"review", "list", "--json"});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].at("status"), "done");
  EXPECT_EQ(all[0].at("note"), "Appeal period unchanged");
  ProcessResult listed = Cli({"review", "list"});
  EXPECT_THAT(listed.out, HasSubstr("Colorado amendment"));

  ExpectRefused({"review", "done", id, "--note", "again"}, "done already");
  ExpectRefused(
      {"review", "add", "--kind", "law", "--title", "x", "--owner", "a", "--due", "2027-01-01"},
      "legal or technical");
  ExpectRefused({"review", "add", "--kind", "legal", "--title", "x", "--owner", "Ana Smith",
                 "--due", "2027-01-01"},
                "owner");
  ExpectRefused({"review", "list", "--status", "closed"}, "--status");
  ExpectRefused({"rules", "show", "--at", "tomorrow"}, "--at");
}

}  // namespace
}  // namespace rightsdesk::testing
