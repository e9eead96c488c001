// The §7101 records over the real SQLite store and the real binary: requests of every type,
// channel and outcome received over more than a year, each worked through the real lifecycle;
// `rightsdesk report records` for a period must list exactly the requests received in it, each
// with what this test knows it did to it (type, channel, dates, response, basis of any denial).
// A purged request keeps its record, with no personal data in it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "app/casework.h"
#include "app/installation.h"
#include "app/intake.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "support/fixed_clock.h"
#include "test_dirs.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// What the test did to one request, and so what its record must say.
struct Worked {
  std::string type;
  std::string channel = "web";
  std::string email;
  Instant received;
  Instant closed;
  std::vector<const char*> path;  // the statuses it was moved through
  std::string reason;             // the reason given for the last move
  std::string basis;              // the basis given with a denial ("" none: "other")
  std::string repeats;            // the reference of the open request it repeats (a duplicate)
  std::string reference;          // as stored
};

std::string ResponseOfPath(const Worked& w) {
  if (!w.repeats.empty()) return "duplicate";
  if (w.path.empty()) return "none";
  const std::string last = w.path.back();
  if (last == "completed") return "complied";
  if (last == "denied" || last == "closed_unverified" || last == "withdrawn") return last;
  return "none";
}

std::vector<Worked> GenerateWork(std::size_t n) {
  std::mt19937_64 rng(20261126);
  const char* types[] = {"access", "categories", "delete", "correct", "opt_out", "limit"};
  const char* channels[] = {"web", "email", "phone", "api"};
  const Instant first = *ParseInstant("2025-12-20T19:00:00.000000Z");  // noon in Los Angeles
  std::vector<Worked> out;
  for (std::size_t i = 0; i < n; ++i) {
    Worked w;
    w.type = types[rng() % 6];
    w.channel = channels[rng() % 4];
    if (w.type == "opt_out" && rng() % 3 == 0) w.channel = "gpc";
    w.email = "c" + std::to_string(i) + "@example.com";
    w.received = first + std::chrono::days(rng() % 400) + std::chrono::seconds(rng() % 7200);
    w.closed = w.received + std::chrono::seconds(43'200 + rng() % (60 * 86'400));
    const bool verifies = w.type != "opt_out" && w.type != "limit";
    switch (rng() % 10) {
      case 0:
        w.path = {"denied"};
        w.reason = "exempt under §1798.105(d)(" + std::to_string(rng() % 8) + "), " + w.type;
        w.basis = rng() % 2 == 0 ? "exempt" : "";
        break;
      case 1:
        w.path = verifies ? std::vector<const char*>{"pending_verification", "closed_unverified"}
                          : std::vector<const char*>{"denied"};
        w.reason = "=SUM(A1) identity not confirmed";  // a formula: the CSV must guard it
        if (!verifies) w.basis = "unverifiable";
        break;
      case 2:
        w.path = {"withdrawn"};
        w.reason = "consumer withdrew";
        break;
      case 3:
        break;                 // open
      case 4: {                // open, and repeated by the consumer: the repeat is a duplicate
        if (!verifies) break;  // opt-outs and limits are never duplicates (core/duplicates.h)
        Worked repeat = w;
        repeat.repeats = "?";
        out.push_back(w);
        out.push_back(repeat);
        continue;
      }
      default:
        w.path = verifies ? std::vector<const char*>{"pending_verification", "verified",
                                                     "in_progress", "completed"}
                          : std::vector<const char*>{"verified", "in_progress", "completed"};
        w.reason = "done";
        break;
    }
    out.push_back(w);
  }
  return out;
}

class RecordsTest : public ::testing::Test, public CliInstallation {
 protected:
  void SetUp() override {
    ASSERT_EQ(Cli({"init"}).exit_code, 0);
    auto opened = app::Installation::Open(app::DataDir{data()}, clock_);
    ASSERT_TRUE(opened) << opened.error().message();
    installation_ = std::move(*opened);
  }

  app::Services Services() {
    return {installation_->ruleset(), installation_->requests(), clock_, zones_, random_};
  }

  void Work(std::vector<Worked>& all) {
    app::Services services = Services();
    for (std::size_t i = 0; i < all.size(); ++i) {
      Worked& w = all[i];
      clock_.Set(w.received);
      auto submitted = app::SubmitRequest(
          services, {.type = w.type, .email = w.email, .name = "Ana Núñez", .channel = w.channel},
          "test");
      ASSERT_TRUE(submitted) << submitted.error().message();
      w.reference = submitted->request.reference;
      if (!w.repeats.empty()) {
        w.repeats = all[i - 1].reference;
        ASSERT_EQ(submitted->request.status, Status::kClosedDuplicate) << w.reference;
        w.closed = w.received;
        continue;
      }
      clock_.Set(w.closed);
      for (const char* to : w.path) {
        auto moved = app::TransitionTo(services, w.reference, to, w.reason, "staff",
                                       std::string(to) == "denied" ? w.basis : "");
        ASSERT_TRUE(moved) << w.reference << " to " << to << ": " << moved.error().message();
      }
    }
    clock_.Set(*ParseInstant("2027-02-01T12:00:00.000000Z"));
  }

  FixedClock clock_{*ParseInstant("2025-12-01T12:00:00.000000Z")};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
};

TEST_F(RecordsTest, ThePeriodsRecordsMatchWhatWasDoneToEachRequest) {
  std::vector<Worked> all = GenerateWork(500);
  Work(all);
  ProcessResult run = Cli({"report", "records", "--from", "2026-03-01", "--to", "2026-09-01"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report.at("from"), "2026-03-01");
  EXPECT_EQ(report.at("to"), "2026-09-01");

  // Independently: which were received in the period (noon in Los Angeles, so the UTC date).
  std::map<std::string, const Worked*> expected;
  for (const Worked& w : all) {
    const std::string day = FormatInstant(w.received).substr(0, 10);
    if (day >= "2026-03-01" && day < "2026-09-01") expected[w.reference] = &w;
  }
  ASSERT_GT(expected.size(), 100U);
  ASSERT_EQ(report.at("count"), expected.size());
  ASSERT_EQ(report.at("records").size(), expected.size());
  std::map<std::string, int> natures;
  std::string previous;
  for (const auto& r : report.at("records")) {
    const std::string reference = r.at("reference");
    SCOPED_TRACE(reference);
    ASSERT_TRUE(expected.contains(reference));
    const Worked& w = *expected.at(reference);
    EXPECT_EQ(r.at("type"), w.type);
    EXPECT_EQ(r.at("channel"), w.channel);
    EXPECT_EQ(r.at("jurisdiction"), "US-CA");
    EXPECT_EQ(r.at("received_at"), FormatInstant(w.received));
    EXPECT_EQ(r.at("received_on"), FormatInstant(w.received).substr(0, 10));
    EXPECT_GE(std::string(r.at("received_at")), previous);  // in order of receipt
    previous = r.at("received_at");
    const std::string nature = ResponseOfPath(w);
    ++natures[nature];
    EXPECT_EQ(r.at("response").at("nature"), nature);
    if (nature == "none") {
      EXPECT_TRUE(r.at("response").at("at").is_null());
    } else {
      EXPECT_EQ(r.at("response").at("at"), FormatInstant(w.closed));
    }
    if (nature == "denied" || nature == "closed_unverified") {
      const std::string basis = nature == "closed_unverified" ? "unverifiable"
                                : w.basis.empty()             ? "other"
                                                              : w.basis;
      EXPECT_EQ(r.at("denial").at("basis"), basis);
      EXPECT_EQ(r.at("denial").at("reason"), w.reason);
    } else {
      EXPECT_TRUE(r.at("denial").is_null());
    }
    if (nature == "duplicate") {
      EXPECT_EQ(r.at("duplicate_of"), w.repeats);
    } else {
      EXPECT_TRUE(r.at("duplicate_of").is_null());
    }
    EXPECT_TRUE(r.at("purged_at").is_null());
  }
  for (const char* nature :
       {"none", "complied", "denied", "closed_unverified", "duplicate", "withdrawn"}) {
    EXPECT_GT(natures[nature], 0) << "the period has no request whose response is " << nature;
  }

  // The CSV: the same records, one line each, the formula in a reason disarmed.
  ProcessResult csv =
      Cli({"report", "records", "--from", "2026-03-01", "--to", "2026-09-01", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = csv.out.find("\r\nRD-", at)) != std::string::npos; ++at) ++lines;
  EXPECT_EQ(lines, expected.size());
  EXPECT_THAT(csv.out, Not(HasSubstr(",=SUM")));
  if (natures["closed_unverified"] > 0) {
    EXPECT_THAT(csv.out, HasSubstr(",'=SUM(A1) identity"));
  }
  EXPECT_THAT(csv.out, Not(HasSubstr("@example.com")));
  EXPECT_THAT(csv.out, Not(HasSubstr("Núñez")));
}

TEST_F(RecordsTest, APurgedRequestKeepsItsRecordWithNoPersonalData) {
  std::vector<Worked> one = {{.type = "delete",
                              .channel = "email",
                              .email = "ana.nunez@example.com",
                              .received = *ParseInstant("2026-04-01T19:00:00.000000Z"),
                              .closed = *ParseInstant("2026-04-10T19:00:00.000000Z"),
                              .path = {"denied"},
                              .reason = "not a consumer: an employee's request"}};
  Work(one);
  auto request = installation_->requests().FindByReference(one[0].reference);
  ASSERT_TRUE(request) << request.error().message();
  const Instant purged_at = *ParseInstant("2028-04-11T08:00:00.000000Z");
  auto purged = installation_->requests().PurgePersonalData(
      request->id, purged_at,
      {.request_id = request->id, .actor = "system", .action = "request.purged", .at = purged_at});
  ASSERT_TRUE(purged && *purged);

  for (const char* format : {"json", "csv"}) {
    ProcessResult shown =
        Cli({"report", "records", "--request", one[0].reference, "--format", format});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_THAT(shown.out, HasSubstr(one[0].reference));
    EXPECT_THAT(shown.out, HasSubstr("2028-04-11T08:00:00.000000Z"));
    EXPECT_THAT(shown.out, HasSubstr("not a consumer: an employee's request"));
    EXPECT_THAT(shown.out, Not(HasSubstr("ana.nunez")));
    EXPECT_THAT(shown.out, Not(HasSubstr("Núñez")));
  }
  const auto record =
      nlohmann::json::parse(Cli({"report", "records", "--request", one[0].reference}).out);
  EXPECT_EQ(record.at("type"), "delete");
  EXPECT_EQ(record.at("channel"), "email");
  EXPECT_EQ(record.at("received_on"), "2026-04-01");
  EXPECT_EQ(record.at("response").at("nature"), "denied");
  EXPECT_EQ(record.at("response").at("at"), "2026-04-10T19:00:00.000000Z");
  EXPECT_EQ(record.at("denial").at("basis"), "other");
  EXPECT_EQ(record.at("purged_at"), "2028-04-11T08:00:00.000000Z");

  // And it is still in its period's records.
  ProcessResult period = Cli({"report", "records", "--from", "2026-04-01", "--to", "2026-04-02"});
  ASSERT_EQ(period.exit_code, 0) << period.err;
  EXPECT_EQ(nlohmann::json::parse(period.out).at("count"), 1);
}

TEST_F(RecordsTest, ABadDateOrAMissingPeriodIsRefusedWithAClearMessage) {
  ProcessResult bad = Cli({"report", "records", "--from", "2026-02-30", "--to", "2026-03-01"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--from must be a date YYYY-MM-DD"));
  ProcessResult backwards =
      Cli({"report", "records", "--from", "2026-03-01", "--to", "2026-01-01"});
  EXPECT_EQ(backwards.exit_code, 2);
  EXPECT_THAT(backwards.err, HasSubstr("--to must be after from"));
  ProcessResult neither = Cli({"report", "records"});
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_THAT(neither.err, HasSubstr("give either --from and --to"));
  EXPECT_EQ(Cli({"report", "records", "--request", "RD-2026-99999"}).exit_code,
            Cli({"request", "show", "RD-2026-99999"}).exit_code);  // not found, as everywhere
  ProcessResult format =
      Cli({"report", "records", "--from", "2026-01-01", "--to", "2026-02-01", "--format", "xml"});
  EXPECT_EQ(format.exit_code, 2);
}

}  // namespace
}  // namespace rightsdesk::testing
