// The use cases on the real SQLite store with an injected clock: concurrent writers, optimistic
// concurrency, deadlines relative to "now", and refusals that leave the store unchanged.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "app/audit_service.h"
#include "app/casework.h"
#include "app/installation.h"
#include "app/intake.h"
#include "ledger_db.h"
#include "platform/tz_time_zones.h"
#include "security/keys.h"
#include "security/sodium_random.h"
#include "support/fixed_clock.h"
#include "test_dirs.h"

namespace rightsdesk::testing {
namespace {

Instant At(const char* rfc3339) { return *ParseInstant(rfc3339); }

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(app::Installation::Init(dir(), clock_, "test"));
    auto opened = app::Installation::Open(dir(), clock_);
    ASSERT_TRUE(opened) << opened.error().message();
    installation_ = std::move(*opened);
  }
  app::DataDir dir() const { return {scratch_.path() / "data"}; }
  app::Services services() {
    return {installation_->ruleset(), installation_->requests(), clock_, zones_, random_};
  }
  Request Submit(const std::string& type, const std::string& email) {
    auto stored = app::SubmitRequest(services(), {.type = type, .email = email}, "test");
    EXPECT_TRUE(stored) << stored.error().message();
    return stored ? stored->request : Request{};
  }

  ScratchDir scratch_;
  // Tuesday 2026-11-24, 10:00 in Los Angeles.
  FixedClock clock_{At("2026-11-24T18:00:00.000000Z")};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
};

TEST_F(LedgerTest, DayZeroIsTheDateInTheBusinessTimeZone) {
  // 02:00 UTC on Nov 25 is still Nov 24 in California.
  clock_.Set(At("2026-11-25T02:00:00.000000Z"));
  Request r = Submit("access", "a@example.com");
  EXPECT_EQ(FormatDate(r.received_on), "2026-11-24");
  EXPECT_EQ(FormatDate(r.deadlines.respond_by), "2027-01-08");
  // Due at the last microsecond of Jan 8 in Los Angeles (PST, UTC-8).
  EXPECT_EQ(FormatInstant(r.due_at), "2027-01-09T07:59:59.999999Z");
}

TEST_F(LedgerTest, OverdueOnlyAfterTheDueDayHasEnded) {
  Request r = Submit("opt_out", "a@example.com");
  // 15 business days, skipping Thanksgiving and the day after.
  ASSERT_EQ(FormatDate(r.deadlines.respond_by), "2026-12-17");
  clock_.Set(At("2026-12-18T07:59:59.000000Z"));  // 23:59:59 on Dec 17 in Los Angeles
  EXPECT_TRUE(app::ListQueue(services(), {.overdue = true})->requests.empty());
  clock_.Set(At("2026-12-18T08:00:00.000000Z"));
  auto overdue = app::ListQueue(services(), {.overdue = true});
  ASSERT_EQ(overdue->requests.size(), 1U);
  EXPECT_EQ(overdue->requests[0].id, r.id);
}

TEST_F(LedgerTest, ExtensionAfterTheFirstDeadlineIsRefusedAndChangesNothing) {
  Request r = Submit("access", "a@example.com");
  clock_.Set(At("2027-01-09T12:00:00.000000Z"));  // Jan 9 in California: respond_by has passed
  std::string before = LedgerSnapshot(dir().database());
  auto extended = app::Extend(services(), r.reference, "too late", "test");
  ASSERT_FALSE(extended);
  EXPECT_EQ(extended.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(extended.error().message().find("has passed"), std::string::npos);
  EXPECT_EQ(LedgerSnapshot(dir().database()), before);
}

TEST_F(LedgerTest, ExtensionOnTheLastDayMovesTheDueMoment) {
  Request r = Submit("access", "a@example.com");
  clock_.Set(At("2027-01-09T07:00:00.000000Z"));  // 23:00 on Jan 8 in California
  auto extended = app::Extend(services(), r.reference, "complex", "test");
  ASSERT_TRUE(extended) << extended.error().message();
  EXPECT_EQ(FormatDate(extended->DueDate()), "2027-02-22");
  EXPECT_EQ(FormatInstant(extended->due_at), "2027-02-23T07:59:59.999999Z");
}

TEST_F(LedgerTest, ConcurrentIntakesGetUniqueGaplessReferencesAndAVerifiedChain) {
  constexpr int kThreads = 8;
  constexpr int kEach = 150;
  std::vector<std::vector<std::string>> references(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      security::SodiumRandom random;
      app::Services s{installation_->ruleset(), installation_->requests(), clock_, zones_, random};
      for (int i = 0; i < kEach; ++i) {
        // A consumer each: the same one would make duplicates, with events of their own.
        const std::string email =
            "u" + std::to_string(t) + "-" + std::to_string(i) + "@example.com";
        auto stored = app::SubmitRequest(s, {.type = "delete", .email = email}, "test");
        if (stored) references[static_cast<std::size_t>(t)].push_back(stored->request.reference);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> all;
  for (const auto& list : references) all.insert(list.begin(), list.end());
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(*all.begin(), "RD-2026-00001");
  EXPECT_EQ(*all.rbegin(), "RD-2026-01200");
  auto report = app::VerifyStoredTrail(installation_->trail(), installation_->public_key());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << report->problem->what;
  EXPECT_EQ(report->events, 1 + kThreads * kEach);
}

TEST_F(LedgerTest, ConcurrentTransitionsOfOneRequestApplyExactlyOnce) {
  Request r = Submit("access", "a@example.com");
  std::atomic<int> succeeded = 0;
  std::atomic<int> refused = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      auto moved = app::TransitionTo(services(), r.reference, "verified", "matched", "test");
      if (moved) {
        ++succeeded;
      } else if (moved.error().code() == ErrorCode::kFailedPrecondition) {
        ++refused;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(succeeded.load(), 1);
  EXPECT_EQ(refused.load(), 5);
  auto events = installation_->requests().EventsOf(r.id);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->size(), 2U);
}

// A long-running process (the server) reads through pooled connections: every read must see
// every change committed before it, whichever connection it gets.
TEST_F(LedgerTest, ReadsAfterAChangeSeeTheChangeOnEveryPooledConnection) {
  Request r = Submit("access", "a@example.com");
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(installation_->requests().FindById(r.id));
  ASSERT_TRUE(app::TransitionTo(services(), r.reference, "verified", "matched", "test"));
  for (int i = 0; i < 8; ++i) {
    auto found = installation_->requests().FindById(r.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->status, Status::kVerified) << "read " << i;
    auto events = installation_->requests().EventsOf(r.id);
    ASSERT_TRUE(events);
    EXPECT_EQ(events->size(), 2U) << "read " << i;
  }
}

TEST_F(LedgerTest, RequestsSurviveReopeningAndNeedTheKey) {
  Request r = Submit("correct", "a@example.com");
  installation_.reset();
  auto reopened = app::Installation::Open(dir(), clock_);
  ASSERT_TRUE(reopened);
  auto found = (*reopened)->requests().FindByReference(r.reference);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->subject.email, "a@example.com");
  reopened->reset();
  // Another key cannot open the sealed data: it is reported, not returned garbled.
  std::filesystem::remove(dir().keys() / "master.key");
  ASSERT_TRUE(security::InstallationKeys::CreateMasterKeyFile(dir().keys()));
  auto wrong = app::Installation::Open(dir(), clock_);
  ASSERT_TRUE(wrong);
  auto garbled = (*wrong)->requests().FindByReference(r.reference);
  ASSERT_FALSE(garbled);
  EXPECT_EQ(garbled.error().code(), ErrorCode::kDataLoss);
}

}  // namespace
}  // namespace rightsdesk::testing
