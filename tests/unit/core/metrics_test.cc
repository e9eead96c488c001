// The §7102 counting: each outcome in its column, GPC opt-outs apart, know = access + categories,
// medians of odd and even counts, nothing to average when nothing was answered.
#include "core/metrics.h"

#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

constexpr std::int64_t kDay = 86'400'000'000;

RequestOutcome Closed(RequestType type, Status status, double days,
                      Channel channel = Channel::kWeb) {
  return {.type = type,
          .status = status,
          .channel = channel,
          .received_micros = 0,
          .closed_micros = static_cast<std::int64_t>(days * kDay)};
}

TEST(MetricsTest, EachOutcomeInItsColumnAndGpcApart) {
  MetricsAccumulator m;
  m.Add(Closed(RequestType::kAccess, Status::kCompleted, 10));
  m.Add(Closed(RequestType::kCategories, Status::kDenied, 20));
  m.Add(Closed(RequestType::kAccess, Status::kClosedUnverified, 30));
  m.Add(Closed(RequestType::kAccess, Status::kWithdrawn, 1));
  m.Add({.type = RequestType::kAccess, .status = Status::kInProgress});
  m.Add(Closed(RequestType::kOptOut, Status::kCompleted, 1, Channel::kGpc));
  m.Add(Closed(RequestType::kOptOut, Status::kCompleted, 3));
  MetricsReport r = m.Finish(2026);
  ASSERT_EQ(r.groups.size(), 6U);
  const GroupMetrics& know = r.groups[0];
  EXPECT_EQ(know.group, "know");
  EXPECT_EQ(know.received, 5);
  EXPECT_EQ(know.complied, 1);
  EXPECT_EQ(know.denied_other, 1);
  EXPECT_EQ(know.denied_unverifiable, 1);
  EXPECT_EQ(know.withdrawn, 1);
  EXPECT_EQ(know.open, 1);
  EXPECT_EQ(know.responded, 3);
  EXPECT_DOUBLE_EQ(*know.median_days, 20);
  EXPECT_DOUBLE_EQ(*know.mean_days, 20);
  EXPECT_EQ(r.groups[3].group, "opt_out");
  EXPECT_EQ(r.groups[3].received, 1);
  EXPECT_EQ(r.groups[4].group, "opt_out_gpc");
  EXPECT_EQ(r.groups[4].received, 1);
  EXPECT_DOUBLE_EQ(*r.groups[4].median_days, 1);
}

TEST(MetricsTest, ADuplicateIsNotReceivedAgainButCountedApart) {
  MetricsAccumulator m;
  m.Add({.type = RequestType::kDelete, .status = Status::kVerified});
  m.Add(Closed(RequestType::kDelete, Status::kClosedDuplicate, 0));
  MetricsReport r = m.Finish(2026);
  const GroupMetrics& del = r.groups[1];
  EXPECT_EQ(del.received, 1);
  EXPECT_EQ(del.open, 1);
  EXPECT_EQ(del.duplicates, 1);
  EXPECT_EQ(del.responded, 0);  // closed at once, but not a response: no days to average
  EXPECT_FALSE(del.median_days);
}

TEST(MetricsTest, TheMedianOfAnEvenCountIsTheMiddlePairsMean) {
  MetricsAccumulator m;
  for (double days : {9.0, 1.0, 4.0, 2.0})
    m.Add(Closed(RequestType::kDelete, Status::kCompleted, days));
  MetricsReport r = m.Finish(2026);
  EXPECT_DOUBLE_EQ(*r.groups[1].median_days, 3);
  EXPECT_DOUBLE_EQ(*r.groups[1].mean_days, 4);
}

TEST(MetricsTest, NothingAnsweredHasNoDays) {
  MetricsAccumulator m;
  m.Add({.type = RequestType::kLimit, .status = Status::kReceived});
  MetricsReport r = m.Finish(2026);
  EXPECT_EQ(r.groups[5].received, 1);
  EXPECT_FALSE(r.groups[5].median_days);
  EXPECT_FALSE(r.groups[5].mean_days);
}

}  // namespace
}  // namespace rightsdesk
