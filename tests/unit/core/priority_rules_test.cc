// The priority rules: the highest priority among the rules that hold, every reason kept, low
// when none holds; the shipped rules on typical requests.
#include "core/priority_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

PriorityFacts Fresh(RequestType type) { return {.type = type, .days_left = 45}; }

TEST(PriorityRules, AFreshFirstRequestWithTimeToSpareIsLow) {
  PriorityDecision d = Prioritize(DefaultPriorityRules(), Fresh(RequestType::kAccess));
  EXPECT_EQ(d.priority, Priority::kLow);
  EXPECT_THAT(d.reasons, IsEmpty());
}

TEST(PriorityRules, TheHighestHoldingRuleWinsAndEveryReasonIsKept) {
  PriorityFacts facts = Fresh(RequestType::kDelete);
  facts.by_agent = true;
  facts.earlier_requests = 2;
  PriorityDecision d = Prioritize(DefaultPriorityRules(), facts);
  EXPECT_EQ(d.priority, Priority::kMedium);
  EXPECT_THAT(d.reasons, ElementsAre("made by an authorized agent", "repeat requester"));
  facts.days_left = 7;
  d = Prioritize(DefaultPriorityRules(), facts);
  EXPECT_EQ(d.priority, Priority::kHigh);
  EXPECT_THAT(d.reasons, ElementsAre("due within 7 days", "due within 21 days",
                                     "made by an authorized agent", "repeat requester"));
}

TEST(PriorityRules, OptOutMinorsAndOverdueAreHigh) {
  EXPECT_EQ(Prioritize(DefaultPriorityRules(), Fresh(RequestType::kOptOut)).priority,
            Priority::kHigh);
  PriorityFacts minor = Fresh(RequestType::kAccess);
  minor.minor = true;
  EXPECT_EQ(Prioritize(DefaultPriorityRules(), minor).priority, Priority::kHigh);
  PriorityFacts overdue = Fresh(RequestType::kCorrect);
  overdue.days_left = -3;
  EXPECT_EQ(Prioritize(DefaultPriorityRules(), overdue).priority, Priority::kHigh);
}

TEST(PriorityRules, EveryConditionOfARuleMustHold) {
  std::vector<PriorityRule> rules = {{.priority = Priority::kHigh,
                                      .reason = "big deletion by an agent",
                                      .types = {RequestType::kDelete},
                                      .systems_at_least = 5,
                                      .by_agent = true}};
  PriorityFacts facts = Fresh(RequestType::kDelete);
  facts.systems = 6;
  EXPECT_EQ(Prioritize(rules, facts).priority, Priority::kLow);  // no agent
  facts.by_agent = true;
  EXPECT_EQ(Prioritize(rules, facts).priority, Priority::kHigh);
  facts.type = RequestType::kAccess;
  EXPECT_EQ(Prioritize(rules, facts).priority, Priority::kLow);
}

}  // namespace
}  // namespace rightsdesk
