// The §7102 metrics over a generated year: thousands of requests of every type and outcome,
// received from late 2025 to early 2027 and worked through the real lifecycle by four workers at
// once; `rightsdesk report metrics` must match what this test computes independently from the
// generated records (counts per kind and outcome, median and mean days to respond).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <thread>

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

enum class Outcome { kCompleted, kDenied, kUnverifiable, kWithdrawn, kOpen };

struct Generated {
  std::string type;
  std::string channel = "web";
  Outcome outcome = Outcome::kOpen;
  // A denial's basis as staff give it ("" when they name none: "other").
  std::string basis;
  Instant received;
  Instant closed;
};

std::vector<Generated> GenerateRequests(std::size_t n) {
  std::mt19937_64 rng(20261125);
  const char* types[] = {"access", "categories", "delete", "correct", "opt_out", "limit"};
  // Days from 2025-12-20 to 2027-01-10; noon in Los Angeles (20:00Z) give or take an hour, so the
  // day of receipt is the UTC date's.
  const Instant first = *ParseInstant("2025-12-20T19:00:00.000000Z");
  std::vector<Generated> out;
  for (std::size_t i = 0; i < n; ++i) {
    Generated g;
    g.type = types[rng() % 6];
    if (g.type == "opt_out" && rng() % 3 == 0) g.channel = "gpc";
    g.received = first + std::chrono::days(rng() % 387) + std::chrono::seconds(rng() % 7200);
    const bool verifies = g.type != "opt_out" && g.type != "limit";
    switch (rng() % 10) {
      case 0:
        g.outcome = Outcome::kDenied;
        break;
      case 1:
        g.outcome = verifies ? Outcome::kUnverifiable : Outcome::kDenied;
        break;
      case 2:
        g.outcome = Outcome::kWithdrawn;
        break;
      case 3:
      case 4:
        g.outcome = Outcome::kOpen;
        break;
      default:
        g.outcome = Outcome::kCompleted;
        break;
    }
    if (g.outcome == Outcome::kDenied) {
      const char* bases[] = {"", "unverifiable", "not_a_consumer", "exempt", "other"};
      g.basis = bases[rng() % 5];
    }
    g.closed = g.received + std::chrono::seconds(43'200 + rng() % (80 * 86'400));
    out.push_back(g);
  }
  return out;
}

std::vector<const char*> PathTo(const Generated& g) {
  const bool verifies = g.type != "opt_out" && g.type != "limit";
  switch (g.outcome) {
    case Outcome::kCompleted:
      return verifies ? std::vector<const char*>{"pending_verification", "verified", "in_progress",
                                                 "completed"}
                      : std::vector<const char*>{"verified", "in_progress", "completed"};
    case Outcome::kDenied:
      return {"denied"};
    case Outcome::kUnverifiable:
      return {"pending_verification", "closed_unverified"};
    case Outcome::kWithdrawn:
      return {"withdrawn"};
    case Outcome::kOpen:
      return {};
  }
  return {};
}

// What the report must say, computed from the generated records alone.
struct Expected {
  std::int64_t received = 0, complied = 0, unverifiable = 0, not_a_consumer = 0, exempt = 0,
               denied = 0, withdrawn = 0, open = 0;
  std::vector<double> days;
};

std::map<std::string, Expected> ExpectedFor(const std::vector<Generated>& all, int year) {
  std::map<std::string, Expected> by_group;
  for (const Generated& g : all) {
    const auto ymd = Date(std::chrono::floor<std::chrono::days>(g.received));
    if (int(ymd.year()) != year) continue;
    std::string group = g.type == "access" || g.type == "categories" ? "know" : g.type;
    if (g.channel == "gpc") group = "opt_out_gpc";
    Expected& e = by_group[group];
    ++e.received;
    const double days = std::chrono::duration<double>(g.closed - g.received).count() / 86'400;
    switch (g.outcome) {
      case Outcome::kCompleted:
        ++e.complied;
        e.days.push_back(days);
        break;
      case Outcome::kDenied:
        ++(g.basis == "unverifiable"     ? e.unverifiable
           : g.basis == "not_a_consumer" ? e.not_a_consumer
           : g.basis == "exempt"         ? e.exempt
                                         : e.denied);
        e.days.push_back(days);
        break;
      case Outcome::kUnverifiable:
        ++e.unverifiable;
        e.days.push_back(days);
        break;
      case Outcome::kWithdrawn:
        ++e.withdrawn;
        break;
      case Outcome::kOpen:
        ++e.open;
        break;
    }
  }
  return by_group;
}

class MetricsTest : public ::testing::Test, public CliInstallation {
 protected:
  // Takes in and works every generated request through the real lifecycle, four at once.
  void Populate(const std::vector<Generated>& all) {
    auto opened = app::Installation::Open(app::DataDir{data()}, clock_);
    ASSERT_TRUE(opened) << opened.error().message();
    app::Installation& installation = **opened;
    constexpr std::size_t kWorkers = 4;
    std::vector<std::thread> workers;
    std::atomic<int> failures = 0;
    for (std::size_t w = 0; w < kWorkers; ++w) {
      workers.emplace_back([&, w] {
        FixedClock clock(all[0].received);
        security::SodiumRandom random;
        app::Services services{installation.ruleset(), installation.requests(), clock, zones_,
                               random};
        for (std::size_t i = w; i < all.size(); i += kWorkers) {
          const Generated& g = all[i];
          clock.Set(g.received);
          auto submitted = app::SubmitRequest(services,
                                              {.type = g.type,
                                               .email = "c" + std::to_string(i) + "@example.com",
                                               .channel = g.channel},
                                              "test");
          if (!submitted) {
            ++failures;
            continue;
          }
          clock.Set(g.closed);
          for (const char* to : PathTo(g)) {
            const std::string basis = std::string(to) == "denied" ? g.basis : "";
            if (!app::TransitionTo(services, submitted->request.id, to, "test", "staff", basis)) {
              ++failures;
            }
          }
        }
      });
    }
    for (std::thread& t : workers) t.join();
    EXPECT_EQ(failures.load(), 0);
  }

  FixedClock clock_{*ParseInstant("2027-02-01T12:00:00.000000Z")};
  platform::TzTimeZones zones_;
};

TEST_F(MetricsTest, TheReportMatchesAnIndependentCountOfAGeneratedYear) {
  ASSERT_EQ(Cli({"init"}).exit_code, 0);
  const std::vector<Generated> all = GenerateRequests(2400);
  Populate(all);

  ProcessResult run = Cli({"report", "metrics", "--year", "2026"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report.at("year"), 2026);
  const auto expected = ExpectedFor(all, 2026);
  std::int64_t total = 0;
  for (const auto& g : report.at("groups")) {
    const std::string group = g.at("group");
    SCOPED_TRACE(group);
    Expected e = expected.contains(group) ? expected.at(group) : Expected{};
    total += e.received;
    EXPECT_EQ(g.at("received"), e.received);
    EXPECT_EQ(g.at("complied"), e.complied);
    EXPECT_EQ(g.at("denied").at("unverifiable"), e.unverifiable);
    EXPECT_EQ(g.at("denied").at("not_a_consumer"), e.not_a_consumer);
    EXPECT_EQ(g.at("denied").at("exempt"), e.exempt);
    EXPECT_EQ(g.at("denied").at("other"), e.denied);
    EXPECT_EQ(g.at("denied").at("total"), e.unverifiable + e.not_a_consumer + e.exempt + e.denied);
    EXPECT_EQ(g.at("withdrawn"), e.withdrawn);
    EXPECT_EQ(g.at("open"), e.open);
    ASSERT_EQ(g.at("responded"), static_cast<std::int64_t>(e.days.size()));
    std::sort(e.days.begin(), e.days.end());
    const std::size_t n = e.days.size();
    ASSERT_GT(n, 10U);
    const double median = n % 2 ? e.days[n / 2] : (e.days[n / 2 - 1] + e.days[n / 2]) / 2;
    const double mean = std::accumulate(e.days.begin(), e.days.end(), 0.0) / double(n);
    EXPECT_NEAR(g.at("median_days").get<double>(), median, 0.051);
    EXPECT_NEAR(g.at("mean_days").get<double>(), mean, 0.051);
  }
  EXPECT_GT(total, 2000);  // most of the generated span is 2026
  EXPECT_LT(total, 2400);  // and some of it is not

  ProcessResult csv = Cli({"report", "metrics", "--year", "2026", "--format", "csv"});
  EXPECT_THAT(csv.out, HasSubstr("year,group,received,complied,denied_unverifiable"));
  EXPECT_THAT(csv.out, HasSubstr("\n2026,opt_out_gpc," +
                                 std::to_string(expected.at("opt_out_gpc").received) + ","));
  ProcessResult html = Cli({"report", "metrics", "--year", "2026", "--format", "html"});
  EXPECT_THAT(html.out, HasSubstr("<table data-testid=\"metrics\">"));
  EXPECT_THAT(html.out, HasSubstr("Opt-outs by Global Privacy Control"));
  EXPECT_EQ(Cli({"report", "metrics", "--year", "1999"}).exit_code, 2);
  EXPECT_EQ(Cli({"report", "metrics", "--year", "2026", "--format", "pdf"}).exit_code, 2);
}

TEST_F(MetricsTest, AYearWithoutRequestsSaysSo) {
  ASSERT_EQ(Cli({"init"}).exit_code, 0);
  ProcessResult run = Cli({"report", "metrics", "--year", "2030"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  for (const auto& g : report.at("groups")) {
    EXPECT_EQ(g.at("received"), 0);
    EXPECT_TRUE(g.at("median_days").is_null());
  }
}

}  // namespace
}  // namespace rightsdesk::testing
