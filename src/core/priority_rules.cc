#include "core/priority_rules.h"

#include <algorithm>

namespace rightsdesk {

bool PriorityRule::Holds(const PriorityFacts& f) const {
  return (types.empty() || types.contains(f.type)) &&
         (!days_left_at_most || f.days_left <= *days_left_at_most) &&
         (!minor || f.minor == *minor) && (!systems_at_least || f.systems >= *systems_at_least) &&
         (!repeat_requester || (f.earlier_requests > 0) == *repeat_requester) &&
         (!by_agent || f.by_agent == *by_agent);
}

PriorityDecision Prioritize(const std::vector<PriorityRule>& rules, const PriorityFacts& facts) {
  std::vector<const PriorityRule*> holding;
  for (const PriorityRule& rule : rules) {
    if (rule.Holds(facts)) holding.push_back(&rule);
  }
  // Priority's order is high, medium, low: the smallest value is the most urgent.
  std::stable_sort(
      holding.begin(), holding.end(),
      [](const PriorityRule* a, const PriorityRule* b) { return a->priority < b->priority; });
  PriorityDecision decision;
  if (!holding.empty()) decision.priority = holding.front()->priority;
  for (const PriorityRule* rule : holding) decision.reasons.push_back(rule->reason);
  return decision;
}

std::vector<PriorityRule> DefaultPriorityRules() {
  return {
      {.priority = Priority::kHigh, .reason = "due within 7 days", .days_left_at_most = 7},
      {.priority = Priority::kHigh, .reason = "the consumer is a minor", .minor = true},
      {.priority = Priority::kHigh,
       .reason = "opt-out or limit: act at once",
       .types = {RequestType::kOptOut, RequestType::kLimit}},
      {.priority = Priority::kMedium, .reason = "due within 21 days", .days_left_at_most = 21},
      {.priority = Priority::kMedium, .reason = "made by an authorized agent", .by_agent = true},
      {.priority = Priority::kMedium, .reason = "held in 5 or more systems", .systems_at_least = 5},
      {.priority = Priority::kMedium, .reason = "repeat requester", .repeat_requester = true},
  };
}

}  // namespace rightsdesk
