// Prioritisation (issue 6): configurable rules turn the facts about a request into high, medium
// or low, with the reasons staff see. Every rule whose conditions all hold contributes its
// priority and its reason; the request takes the highest, and low when no rule holds. Pure: the
// caller gathers the facts (app/intake.cc, app/casework.cc).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/priority.h"
#include "core/request_type.h"

namespace rightsdesk {

struct PriorityFacts {
  RequestType type = RequestType::kAccess;
  int days_left = 0;  // calendar days from today to the due date (negative: overdue)
  bool minor = false;
  int systems = 0;           // systems holding the consumer's data, once known (0: not yet)
  int earlier_requests = 0;  // by the same consumer (email)
  bool by_agent = false;
};

// A condition left unset always holds; a rule with no condition always applies.
struct PriorityRule {
  Priority priority = Priority::kMedium;
  std::string reason;
  std::set<RequestType> types;  // empty: any
  std::optional<int> days_left_at_most;
  std::optional<bool> minor;
  std::optional<int> systems_at_least;
  std::optional<bool> repeat_requester;  // has earlier requests
  std::optional<bool> by_agent;

  bool Holds(const PriorityFacts& facts) const;
};

struct PriorityDecision {
  Priority priority = Priority::kLow;
  std::vector<std::string> reasons;  // of the rules that hold, highest priority first
};

PriorityDecision Prioritize(const std::vector<PriorityRule>& rules, const PriorityFacts& facts);

// The shipped rules (docs/rules.md): high when due within 7 days, for a minor, and for opt-out
// and limit (short clocks, to act at once); medium when due within 21 days, made by an agent,
// spanning 5 or more systems, or from a repeat requester.
std::vector<PriorityRule> DefaultPriorityRules();

}  // namespace rightsdesk
