// The dashboards' tables (core/dashboards.h): ISO weeks at year ends, the period of the last N
// weeks, each request in the tables it belongs to, on time against the extended date, the
// verification failure rate among those that needed it, aging buckets at their edges, and the
// days spent in each status from the status changes.
#include "core/dashboards.h"

#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

Date DashDate(const char* text) { return *ParseDate(text); }
Instant DashAt(const char* text) { return *ParseInstant(text); }

DashboardWindow Window() {
  // 2026-11-02 is a Monday; the period is four weeks, up to Sunday 2026-11-29 (today).
  return {.from = DashDate("2026-11-02"),
          .to = DashDate("2026-11-30"),
          .start = DashAt("2026-11-02T08:00:00.000000Z"),
          .end = DashAt("2026-11-30T08:00:00.000000Z"),
          .today = DashDate("2026-11-29"),
          .now = DashAt("2026-11-29T20:00:00.000000Z")};
}

DashboardRow Received(RequestType type, const char* on, Channel channel = Channel::kWeb) {
  return {.type = type,
          .status = Status::kReceived,
          .channel = channel,
          .received_on = DashDate(on),
          .received_at = DashAt((std::string(on) + "T18:00:00.000000Z").c_str()),
          .due_at = DashAt("2026-12-31T07:59:59.999999Z")};
}

DashboardRow Answered(RequestType type, Status status, const char* closed, const char* due) {
  DashboardRow row = Received(type, "2026-09-01");
  row.status = status;
  row.closed_at = DashAt(closed);
  row.due_at = DashAt(due);
  row.needed_verification = type != RequestType::kOptOut && type != RequestType::kLimit;
  return row;
}

TEST(DashboardsTest, IsoWeeksFollowTheirThursday) {
  EXPECT_EQ(IsoWeekName(DashDate("2026-11-24")), "2026-W48");
  EXPECT_EQ(IsoWeekName(DashDate("2021-01-03")), "2020-W53");  // a Sunday: the week of 2020-12-31
  EXPECT_EQ(IsoWeekName(DashDate("2024-12-30")), "2025-W01");  // a Monday: the week of 2025-01-02
  EXPECT_EQ(IsoWeekName(DashDate("2026-01-01")), "2026-W01");
  EXPECT_EQ(MondayOf(DashDate("2026-11-29")), DashDate("2026-11-23"));
  EXPECT_EQ(MondayOf(DashDate("2026-11-23")), DashDate("2026-11-23"));
}

TEST(DashboardsTest, TheLastWeeksStartOnAMondayAndEndAfterToday) {
  auto twelve = LastWeeks(DashDate("2026-11-26"), 12);
  ASSERT_TRUE(twelve);
  EXPECT_EQ(twelve->first, DashDate("2026-09-07"));
  EXPECT_EQ(twelve->second, DashDate("2026-11-27"));
  auto one = LastWeeks(DashDate("2026-11-23"), 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->first, DashDate("2026-11-23"));
  for (int bad : {0, -1, 105}) {
    auto refused = LastWeeks(DashDate("2026-11-26"), bad);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.error().field(), "/weeks");
  }
  EXPECT_TRUE(CheckDashboardSpan(DashDate("2025-01-01"), DashDate("2026-12-30")));
  EXPECT_FALSE(CheckDashboardSpan(DashDate("2025-01-01"), DashDate("2027-01-01")));
}

TEST(DashboardsTest, VolumeAndChannelsCountRequestsReceivedInThePeriodButNotDuplicates) {
  DashboardAccumulator acc(Window());
  acc.AddRequest(Received(RequestType::kAccess, "2026-11-02"));
  acc.AddRequest(Received(RequestType::kAccess, "2026-11-08", Channel::kEmail));
  acc.AddRequest(Received(RequestType::kDelete, "2026-11-29", Channel::kGpc));
  acc.AddRequest(Received(RequestType::kDelete, "2026-11-01"));  // before the period
  DashboardRow duplicate = Received(RequestType::kAccess, "2026-11-10");
  duplicate.status = Status::kClosedDuplicate;
  acc.AddRequest(duplicate);
  Dashboards d = acc.Finish();
  ASSERT_EQ(d.volume.size(), 4U);
  EXPECT_EQ(d.volume[0].week, "2026-W45");
  EXPECT_EQ(d.volume[0].by_type[0], 2);
  EXPECT_EQ(d.volume[0].total, 2);
  EXPECT_EQ(d.volume[1].total, 0);
  EXPECT_EQ(d.volume[3].by_type[2], 1);
  ASSERT_EQ(d.channels.size(), 7U);
  EXPECT_EQ(d.channels[0].received, 1);  // web; not the one received before the period
  EXPECT_EQ(d.channels[2].received, 1);  // email
  EXPECT_EQ(d.channels[6].channel, Channel::kGpc);
  EXPECT_EQ(d.channels[6].received, 1);
}

TEST(DashboardsTest, OnTimeIsAnsweredByTheEndOfTheDueDateAmongThoseAnsweredInThePeriod) {
  DashboardAccumulator acc(Window());
  const char* due = "2026-11-10T07:59:59.999999Z";
  acc.AddRequest(Answered(RequestType::kAccess, Status::kCompleted, "2026-11-10T07:59:59.999999Z",
                          due));  // on the last microsecond
  acc.AddRequest(Answered(RequestType::kAccess, Status::kDenied, "2026-11-10T08:00:00.000000Z",
                          due));  // one microsecond late
  acc.AddRequest(
      Answered(RequestType::kOptOut, Status::kCompleted, "2026-11-03T00:00:00.000000Z", due));
  // Withdrawn is no answer; answered before the period is not counted.
  acc.AddRequest(
      Answered(RequestType::kAccess, Status::kWithdrawn, "2026-11-05T00:00:00.000000Z", due));
  acc.AddRequest(
      Answered(RequestType::kAccess, Status::kCompleted, "2026-11-02T07:59:59.000000Z", due));
  Dashboards d = acc.Finish();
  ASSERT_EQ(d.on_time.size(), kTypeCount + 1);
  EXPECT_EQ(d.on_time[0].type, RequestType::kAccess);
  EXPECT_EQ(d.on_time[0].part, 1);
  EXPECT_EQ(d.on_time[0].whole, 2);
  EXPECT_DOUBLE_EQ(*d.on_time[0].rate(), 0.5);
  EXPECT_EQ(d.on_time[1].whole, 0);
  EXPECT_FALSE(d.on_time[1].rate());
  EXPECT_EQ(d.on_time.back().type, std::nullopt);
  EXPECT_EQ(d.on_time.back().part, 2);
  EXPECT_EQ(d.on_time.back().whole, 3);
}

TEST(DashboardsTest, VerificationFailuresAreClosedUnverifiedAmongAnsweredThatNeededIt) {
  DashboardAccumulator acc(Window());
  const char* in = "2026-11-12T00:00:00.000000Z";
  const char* due = "2026-12-12T00:00:00.000000Z";
  acc.AddRequest(Answered(RequestType::kDelete, Status::kClosedUnverified, in, due));
  acc.AddRequest(Answered(RequestType::kDelete, Status::kCompleted, in, due));
  DashboardRow exempt = Answered(RequestType::kDelete, Status::kDenied, in, due);
  exempt.denial_basis = DenialBasis::kExempt;  // denied, but not for failed verification
  acc.AddRequest(exempt);
  acc.AddRequest(Answered(RequestType::kAccess, Status::kClosedUnverified, in, due));
  acc.AddRequest(Answered(RequestType::kOptOut, Status::kCompleted, in, due));  // needed none
  Dashboards d = acc.Finish();
  ASSERT_EQ(d.verification.size(), 3U);  // access, delete, every type
  EXPECT_EQ(d.verification[0].type, RequestType::kAccess);
  EXPECT_EQ(d.verification[0].part, 1);
  EXPECT_EQ(d.verification[0].whole, 1);
  EXPECT_EQ(d.verification[1].type, RequestType::kDelete);
  EXPECT_EQ(d.verification[1].part, 1);
  EXPECT_EQ(d.verification[1].whole, 3);
  EXPECT_EQ(d.verification[2].part, 2);
  EXPECT_EQ(d.verification[2].whole, 4);
}

TEST(DashboardsTest, ADeletionDeniedAsUnverifiableIsAVerificationFailure) {
  DashboardAccumulator acc(Window());
  DashboardRow denied = Answered(RequestType::kDelete, Status::kDenied,
                                 "2026-11-12T00:00:00.000000Z", "2026-12-12T00:00:00.000000Z");
  denied.denial_basis = DenialBasis::kUnverifiable;  // §7022(a)
  acc.AddRequest(denied);
  Dashboards d = acc.Finish();
  ASSERT_EQ(d.verification.size(), 2U);
  EXPECT_EQ(d.verification[0].part, 1);
  EXPECT_EQ(d.verification[0].whole, 1);
}

TEST(DashboardsTest, AgingAndLoadCountOpenRequestsNowWithTheOverdueAmongThem) {
  DashboardAccumulator acc(Window());  // today 2026-11-29
  for (const char* on : {"2026-11-29", "2026-11-22", "2026-11-21", "2026-10-30", "2026-10-15",
                         "2026-10-14", "2025-01-01"}) {
    DashboardRow row = Received(RequestType::kAccess, on);
    row.status = Status::kInProgress;
    row.assignee = std::string(on) < "2026-11-01" ? "bob" : "";
    if (std::string(on) < "2026-10-15") row.due_at = DashAt("2026-11-28T00:00:00.000000Z");
    acc.AddRequest(row);
  }
  DashboardRow closed = Received(RequestType::kAccess, "2026-11-20");
  closed.status = Status::kCompleted;
  closed.assignee = "carol";
  acc.AddRequest(closed);
  Dashboards d = acc.Finish();
  ASSERT_EQ(d.aging.size(), 5U);
  EXPECT_EQ(d.aging[0].open, 2);  // 0 and 7 days
  EXPECT_EQ(d.aging[1].open, 1);  // 8 days
  EXPECT_EQ(d.aging[2].open, 1);  // 30 days
  EXPECT_EQ(d.aging[3].open, 1);  // 45 days
  EXPECT_EQ(d.aging[4].open, 2);  // 46 days and more
  EXPECT_EQ(d.aging[4].overdue, 2);
  EXPECT_EQ(d.aging[3].overdue, 0);
  ASSERT_EQ(d.assignees.size(), 2U);  // carol's request is closed
  EXPECT_EQ(d.assignees[0].assignee, "bob");
  EXPECT_EQ(d.assignees[0].open, 4);
  EXPECT_EQ(d.assignees[0].overdue, 2);
  EXPECT_EQ(d.assignees[1].assignee, "");
  EXPECT_EQ(d.assignees[1].open, 3);
}

TEST(DashboardsTest, StagesAreTimedFromOneChangeToTheNextAndTheCurrentOneIsNot) {
  DashboardAccumulator acc(Window());
  const Instant t0 = DashAt("2026-11-02T00:00:00.000000Z");
  const auto day = std::chrono::days{1};
  acc.AddHistory({.received_at = t0,
                  .status = Status::kCompleted,
                  .changes = {{t0 + 1 * day, Status::kReceived, Status::kPendingVerification},
                              {t0 + 4 * day, Status::kPendingVerification, Status::kVerified},
                              {t0 + 5 * day, Status::kVerified, Status::kInProgress},
                              {t0 + 15 * day, Status::kInProgress, Status::kCompleted}}});
  acc.AddHistory({.received_at = t0,
                  .status = Status::kInProgress,
                  .changes = {{t0 + 3 * day, Status::kReceived, Status::kVerified},
                              {t0 + 6 * day, Status::kVerified, Status::kInProgress}}});
  acc.AddHistory({.received_at = t0,
                  .status = Status::kClosedDuplicate,
                  .changes = {{t0, Status::kReceived, Status::kClosedDuplicate}}});
  Dashboards d = acc.Finish();
  ASSERT_EQ(d.stages.size(), 5U);
  EXPECT_EQ(d.stages[0].stage, Status::kReceived);
  EXPECT_EQ(d.stages[0].stays, 2);  // not the duplicate's
  EXPECT_DOUBLE_EQ(*d.stages[0].median_days, 2.0);
  EXPECT_DOUBLE_EQ(*d.stages[0].mean_days, 2.0);
  EXPECT_EQ(d.stages[1].stays, 1);
  EXPECT_DOUBLE_EQ(*d.stages[1].median_days, 3.0);
  EXPECT_EQ(d.stages[2].stays, 2);
  EXPECT_DOUBLE_EQ(*d.stages[2].median_days, 2.0);  // 1 and 3 days
  EXPECT_EQ(d.stages[3].stays, 1);                  // the second is still in progress
  EXPECT_DOUBLE_EQ(*d.stages[3].mean_days, 10.0);
  EXPECT_EQ(d.stages[4].stays, 0);
  EXPECT_FALSE(d.stages[4].median_days);
}

}  // namespace
}  // namespace rightsdesk
