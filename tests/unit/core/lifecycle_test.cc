// The whole lifecycle table (DESIGN.md section 2): every allowed and every forbidden move.
#include "core/lifecycle.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace rightsdesk {
namespace {

using S = Status;

// Written out independently of lifecycle.cc, from DESIGN.md.
const std::set<std::pair<S, S>> kAllowed = {
    {S::kReceived, S::kPendingVerification},
    {S::kReceived, S::kVerified},
    {S::kReceived, S::kDenied},
    {S::kReceived, S::kWithdrawn},
    {S::kReceived, S::kClosedDuplicate},
    {S::kPendingVerification, S::kVerified},
    {S::kPendingVerification, S::kDenied},
    {S::kPendingVerification, S::kWithdrawn},
    {S::kPendingVerification, S::kClosedUnverified},
    {S::kVerified, S::kInProgress},
    {S::kVerified, S::kDenied},
    {S::kVerified, S::kWithdrawn},
    {S::kInProgress, S::kAwaitingReview},
    {S::kInProgress, S::kCompleted},
    {S::kInProgress, S::kDenied},
    {S::kInProgress, S::kWithdrawn},
    {S::kAwaitingReview, S::kCompleted},
    {S::kAwaitingReview, S::kInProgress},
    {S::kAwaitingReview, S::kDenied},
    {S::kAwaitingReview, S::kWithdrawn},
};

TEST(LifecycleTest, EveryPairIsAllowedExactlyWhenTheTableSaysSo) {
  int checked = 0;
  for (S from : kAllStatuses) {
    for (S to : kAllStatuses) {
      EXPECT_EQ(CanTransition(from, to), kAllowed.contains({from, to}))
          << Name(from) << " -> " << Name(to);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 100);
}

TEST(LifecycleTest, NextStatusesListsExactlyTheAllowedMoves) {
  for (S from : kAllStatuses) {
    std::set<S> listed;
    for (S to : NextStatuses(from)) listed.insert(to);
    std::set<S> expected;
    for (auto [a, b] : kAllowed) {
      if (a == from) expected.insert(b);
    }
    EXPECT_EQ(listed, expected) << Name(from);
  }
}

TEST(LifecycleTest, TerminalStatusesHaveNoWayOut) {
  const std::set<S> terminal = {S::kCompleted, S::kDenied, S::kWithdrawn, S::kClosedUnverified,
                                S::kClosedDuplicate};
  for (S s : kAllStatuses) {
    EXPECT_EQ(IsTerminal(s), terminal.contains(s)) << Name(s);
    if (IsTerminal(s)) {
      EXPECT_TRUE(NextStatuses(s).empty()) << Name(s);
    }
  }
}

TEST(LifecycleTest, StaffMayChooseEveryStatusButClosedDuplicate) {
  for (S s : kAllStatuses) EXPECT_EQ(IsChosenByStaff(s), s != S::kClosedDuplicate) << Name(s);
}

TEST(LifecycleTest, NoStatusMovesToItself) {
  for (S s : kAllStatuses) EXPECT_FALSE(CanTransition(s, s)) << Name(s);
}

}  // namespace
}  // namespace rightsdesk
