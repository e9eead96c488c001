// The §7101 record's pure parts: the basis of a denial (shared with the §7102 metrics), the
// nature of the response for every status, and who may read records.
#include "core/request_record.h"

#include <gtest/gtest.h>

#include "core/metrics.h"
#include "core/role.h"

namespace rightsdesk {
namespace {

TEST(DenialBasisTest, OnlyDeniedAndUnverifiedRequestsHaveABasis) {
  EXPECT_EQ(DenialBasisOf(Status::kClosedUnverified), DenialBasis::kUnverifiable);
  EXPECT_EQ(DenialBasisOf(Status::kDenied), DenialBasis::kOther);
  for (Status s : kAllStatuses) {
    if (s == Status::kDenied || s == Status::kClosedUnverified) continue;
    EXPECT_EQ(DenialBasisOf(s), std::nullopt) << Name(s);
  }
  EXPECT_EQ(Name(DenialBasis::kUnverifiable), "unverifiable");
  EXPECT_EQ(Name(DenialBasis::kNotAConsumer), "not_a_consumer");
  EXPECT_EQ(Name(DenialBasis::kExempt), "exempt");
  EXPECT_EQ(Name(DenialBasis::kOther), "other");
}

TEST(DenialBasisTest, TheMetricsCountEachDenialUnderTheRecordsBasis) {
  for (Status s : kAllStatuses) {
    MetricsAccumulator m;
    m.Add({.type = RequestType::kDelete, .status = s, .closed_micros = 1});
    const GroupMetrics g = m.Finish(2026).groups[1];
    const auto basis = DenialBasisOf(s);
    EXPECT_EQ(g.denied_unverifiable, basis == DenialBasis::kUnverifiable ? 1 : 0) << Name(s);
    EXPECT_EQ(g.denied_other, basis && basis != DenialBasis::kUnverifiable ? 1 : 0) << Name(s);
  }
}

TEST(ResponseNatureTest, EveryStatusHasOneNature) {
  EXPECT_EQ(ResponseNatureOf(Status::kCompleted), ResponseNature::kComplied);
  EXPECT_EQ(ResponseNatureOf(Status::kDenied), ResponseNature::kDenied);
  EXPECT_EQ(ResponseNatureOf(Status::kClosedUnverified), ResponseNature::kClosedUnverified);
  EXPECT_EQ(ResponseNatureOf(Status::kClosedDuplicate), ResponseNature::kDuplicate);
  EXPECT_EQ(ResponseNatureOf(Status::kWithdrawn), ResponseNature::kWithdrawn);
  for (Status s : kAllStatuses) {
    // An open request has no response yet; a closed one always has one.
    EXPECT_EQ(ResponseNatureOf(s) == ResponseNature::kNone, !IsTerminal(s)) << Name(s);
    EXPECT_NE(Name(ResponseNatureOf(s)), "?") << Name(s);
  }
  RequestRecord record{.status = Status::kDenied};
  EXPECT_EQ(record.response(), ResponseNature::kDenied);
  EXPECT_EQ(record.denial_basis(), DenialBasis::kOther);
}

TEST(RoleTest, OnlyAdminsAndAuditorsReadRecords) {
  EXPECT_TRUE(Allows(Role::kAdmin, Permission::kReadRecords));
  EXPECT_TRUE(Allows(Role::kAuditor, Permission::kReadRecords));
  EXPECT_FALSE(Allows(Role::kStaff, Permission::kReadRecords));
  EXPECT_FALSE(Allows(Role::kReviewer, Permission::kReadRecords));
}

}  // namespace
}  // namespace rightsdesk
