// The `rightsdesk` binary end to end: the public contracts of its output, and bad input that must
// give one clear message, exit code 2 and leave the store exactly as it was.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ledger_db.h"
#include "test_dirs.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class CliTest : public ::testing::Test, public CliInstallation {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunCli({"init", "--data", data()}).exit_code, 0);
    auto submitted = Cli({"request", "submit", "--type", "access", "--email", "ana@example.com",
                          "--name", "Ana Núñez", "--json"});
    ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
    reference_ = nlohmann::json::parse(submitted.out).at("reference");
  }

  // The command must be refused with exit 2 and one "rightsdesk: ..." line, changing nothing.
  void ExpectRefused(const std::vector<std::string>& args, const std::string& message_part) {
    std::string before = LedgerSnapshot(db());
    ProcessResult result = Cli(args);
    EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
    EXPECT_THAT(result.err, StartsWith("rightsdesk: "));
    EXPECT_THAT(result.err, HasSubstr(message_part));
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_EQ(LedgerSnapshot(db()), before) << "the store changed";
  }

  std::string reference_;
};

TEST_F(CliTest, DeadlinesPrintsThePublicJsonContract) {
  ProcessResult result = RunCli({"deadlines", "--type", "access", "--received", "2026-11-24",
                                 "--jurisdiction", "US-CA", "--data", data()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out),
            nlohmann::json::parse(R"({"acknowledge_by":"2026-12-10","respond_by":"2027-01-08",
                                      "extended_respond_by":"2027-02-22"})"));
  result = RunCli({"deadlines", "--type", "opt_out", "--received", "2026-01-31", "--jurisdiction",
                   "EU", "--data", data()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out),
            nlohmann::json::parse(R"({"acknowledge_by":null,"respond_by":"2026-02-28",
                                      "extended_respond_by":"2026-04-30"})"));
}

TEST_F(CliTest, PriorityFollowsTheRulesAtIntakeAndWhenStaffChangeARequest) {
  auto first = nlohmann::json::parse(Cli({"request", "show", reference_, "--json"}).out);
  EXPECT_EQ(first.at("priority"), "low");  // an access request with 45 days to go
  EXPECT_EQ(first.at("priority_reasons"), nlohmann::json::array());
  auto again =
      Cli({"request", "submit", "--type", "delete", "--email", "ana@example.com", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto second = nlohmann::json::parse(again.out);
  EXPECT_EQ(second.at("priority"), "medium");
  EXPECT_EQ(second.at("priority_reasons"), nlohmann::json::array({"repeat requester"}));
  ASSERT_EQ(
      Cli({"request", "transition", reference_, "--to", "verified", "--reason", "ok"}).exit_code,
      0);
  auto shown = nlohmann::json::parse(Cli({"request", "show", reference_, "--json"}).out);
  EXPECT_EQ(shown.at("priority"), "medium");
  const auto& last = shown.at("events").back();
  EXPECT_EQ(last.at("action"), "request.prioritized");
  EXPECT_EQ(last.at("details").at("from"), "low");
  EXPECT_EQ(last.at("details").at("to"), "medium");
}

TEST_F(CliTest, DeadlinesWorkWithoutAnInstallation) {
  ProcessResult result = RunCli({"deadlines", "--type", "opt_out", "--received", "2026-12-24",
                                 "--data", (dir_.path() / "none").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // 15 business days in California, skipping Dec 25, Jan 1 and Martin Luther King Jr. Day.
  EXPECT_EQ(nlohmann::json::parse(result.out).at("respond_by"), "2027-01-19");
}

TEST_F(CliTest, SubmitStoresTheRequestWithDeadlinesAndAnEvent) {
  ProcessResult shown = Cli({"request", "show", reference_, "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  auto request = nlohmann::json::parse(shown.out);
  EXPECT_EQ(request.at("type"), "access");
  EXPECT_EQ(request.at("status"), "received");
  EXPECT_EQ(request.at("subject").at("email"), "ana@example.com");
  EXPECT_EQ(request.at("subject").at("name"), "Ana Núñez");
  ASSERT_EQ(request.at("events").size(), 1U);
  EXPECT_EQ(request.at("events")[0].at("action"), "request.submitted");
  EXPECT_EQ(request.at("events")[0].at("details").at("reference"), reference_);
}

TEST_F(CliTest, PersonalDataIsNotStoredInClear) {
  std::string file = RunProcess({"/bin/cat", db().string()}).out;
  file += RunProcess({"/bin/cat", db().string() + "-wal"}).out;
  EXPECT_EQ(file.find("ana@example.com"), std::string::npos);
  EXPECT_EQ(file.find("Núñez"), std::string::npos);
}

TEST_F(CliTest, TransitionsFollowTheTableAndAreAudited) {
  for (const char* to : {"verified", "in_progress", "completed"}) {
    ProcessResult moved = Cli({"request", "transition", reference_, "--to", to, "--reason", "ok"});
    ASSERT_EQ(moved.exit_code, 0) << moved.err;
  }
  auto request = nlohmann::json::parse(Cli({"request", "show", reference_, "--json"}).out);
  EXPECT_EQ(request.at("status"), "completed");
  EXPECT_FALSE(request.at("closed_at").is_null());
  EXPECT_EQ(request.at("events").size(), 4U);
  ExpectRefused({"request", "transition", reference_, "--to", "in_progress", "--reason", "reopen"},
                "cannot move");
}

TEST_F(CliTest, ExtendsOnceAndQueuesTheNotice) {
  ProcessResult extended =
      Cli({"request", "extend", reference_, "--reason", "many systems", "--json"});
  ASSERT_EQ(extended.exit_code, 0) << extended.err;
  auto request = nlohmann::json::parse(extended.out);
  EXPECT_TRUE(request.at("extended"));
  EXPECT_EQ(request.at("due_on"), request.at("extended_respond_by"));
  EXPECT_EQ(QueryText(db(), "SELECT count(*) FROM outbox WHERE kind = 'extension_notice'"), "1");
  ExpectRefused({"request", "extend", reference_, "--reason", "again"}, "already extended");
}

TEST_F(CliTest, BadInputIsRefusedWithExitTwoAndNothingChanges) {
  ExpectRefused({"request", "submit", "--type", "erase", "--email", "a@example.com"},
                "unknown request type 'erase'");
  ExpectRefused({"request", "submit", "--type", "access", "--email", "not-an-email"}, "email");
  ExpectRefused({"request", "submit", "--type", "access", "--email", "a b@example.com"}, "email");
  ExpectRefused({"request", "submit", "--type", "access", "--email", "a@example.com",
                 "--jurisdiction", "US-ZZ"},
                "US-ZZ");
  ExpectRefused(
      {"request", "submit", "--type", "access", "--email", "a@example.com", "--channel", "pigeon"},
      "unknown channel");
  ExpectRefused({"request", "submit", "--type", "access"}, "--email");
  ExpectRefused({"request", "transition", reference_, "--to", "finished", "--reason", "x"},
                "unknown status 'finished'");
  ExpectRefused({"request", "transition", reference_, "--to", "verified", "--reason", ""},
                "reason");
  ExpectRefused({"request", "transition", "RD-2026-99999", "--to", "verified", "--reason", "x"},
                "no request RD-2026-99999");
  ExpectRefused({"request", "list", "--status", "open"}, "unknown status 'open'");
  ExpectRefused({"deadlines", "--type", "access", "--received", "2026-02-30"}, "2026-02-30");
  ExpectRefused({"deadlines", "--type", "access", "--received", "24/11/2026"}, "24/11/2026");
}

TEST_F(CliTest, OptOutHasNoExtension) {
  auto submitted =
      Cli({"request", "submit", "--type", "opt_out", "--email", "b@example.com", "--json"});
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  std::string reference = nlohmann::json::parse(submitted.out).at("reference");
  ExpectRefused({"request", "extend", reference, "--reason", "busy"}, "no extension");
}

TEST_F(CliTest, MissingDataDirectoryIsExitTwoAndCreatesNothing) {
  auto missing = dir_.path() / "missing";
  ProcessResult result = RunCli({"request", "list", "--data", missing.string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("rightsdesk init --data"));
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(CliTest, InitRefusesAnExistingInstallation) { ExpectRefused({"init"}, "already holds"); }

TEST_F(CliTest, ListShowsTheQueueAndFilters) {
  ASSERT_EQ(Cli({"request", "submit", "--type", "delete", "--email", "c@example.com"}).exit_code,
            0);
  auto all = nlohmann::json::parse(Cli({"request", "list", "--json"}).out);
  EXPECT_EQ(all.size(), 2U);
  auto deletes = nlohmann::json::parse(Cli({"request", "list", "--type", "delete", "--json"}).out);
  ASSERT_EQ(deletes.size(), 1U);
  EXPECT_EQ(deletes[0].at("type"), "delete");
  auto overdue = nlohmann::json::parse(Cli({"request", "list", "--overdue", "--json"}).out);
  EXPECT_TRUE(overdue.empty());
}

}  // namespace
}  // namespace rightsdesk::testing
