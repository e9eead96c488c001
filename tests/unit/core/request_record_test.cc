// The §7101 record's pure parts: the basis of a denial (shared with the §7102 metrics), the
// nature of the response for every status, and who may read records.
#include "core/request_record.h"

#include <gtest/gtest.h>

#include "core/metrics.h"
#include "core/role.h"

namespace rightsdesk {
namespace {

TEST(DenialBasisTest, OnlyDeniedAndUnverifiedRequestsHaveABasis) {
  EXPECT_EQ(DenialBasisOf(Status::kClosedUnverified, std::nullopt), DenialBasis::kUnverifiable);
  // A denial recorded before bases were is "other", as it was reported.
  EXPECT_EQ(DenialBasisOf(Status::kDenied, std::nullopt), DenialBasis::kOther);
  EXPECT_EQ(DenialBasisOf(Status::kDenied, DenialBasis::kExempt), DenialBasis::kExempt);
  for (Status s : kAllStatuses) {
    if (s == Status::kDenied || s == Status::kClosedUnverified) continue;
    EXPECT_EQ(DenialBasisOf(s, std::nullopt), std::nullopt) << Name(s);
    EXPECT_EQ(DenialBasisOf(s, DenialBasis::kExempt), std::nullopt) << Name(s);
  }
  for (DenialBasis b : {DenialBasis::kUnverifiable, DenialBasis::kNotAConsumer,
                        DenialBasis::kExempt, DenialBasis::kOther}) {
    EXPECT_EQ(ParseDenialBasis(Name(b)), b);
  }
  EXPECT_EQ(ParseDenialBasis("fraud"), std::nullopt);
  EXPECT_EQ(Name(DenialBasis::kUnverifiable), "unverifiable");
  EXPECT_EQ(Name(DenialBasis::kNotAConsumer), "not_a_consumer");
  EXPECT_EQ(Name(DenialBasis::kExempt), "exempt");
  EXPECT_EQ(Name(DenialBasis::kOther), "other");
}

TEST(DenialBasisTest, TheMetricsCountEachDenialUnderTheRecordsBasis) {
  const std::optional<DenialBasis> recorded[] = {std::nullopt, DenialBasis::kUnverifiable,
                                                 DenialBasis::kNotAConsumer, DenialBasis::kExempt,
                                                 DenialBasis::kOther};
  for (Status s : kAllStatuses) {
    for (std::optional<DenialBasis> r : recorded) {
      MetricsAccumulator m;
      m.Add({.type = RequestType::kDelete, .status = s, .closed_micros = 1, .denial_basis = r});
      const GroupMetrics g = m.Finish(2026).groups[1];
      const RequestRecord record{.status = s, .recorded_basis = r};
      const auto basis = record.denial_basis();
      EXPECT_EQ(g.denied_unverifiable, basis == DenialBasis::kUnverifiable ? 1 : 0) << Name(s);
      EXPECT_EQ(g.denied_not_a_consumer, basis == DenialBasis::kNotAConsumer ? 1 : 0) << Name(s);
      EXPECT_EQ(g.denied_exempt, basis == DenialBasis::kExempt ? 1 : 0) << Name(s);
      EXPECT_EQ(g.denied_other, basis == DenialBasis::kOther ? 1 : 0) << Name(s);
      EXPECT_EQ(g.denied(), basis ? 1 : 0) << Name(s);
    }
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
