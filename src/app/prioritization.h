// Applies the priority rules (core/priority_rules.h) to a request: gathers the facts today (days
// left in the jurisdiction's time zone, earlier requests by the same consumer, an agent) and sets
// its priority and reasons. Run at intake and with every change staff make (the facts may have
// moved), and daily by the scheduler as days pass (app/scheduler.h).
#pragma once

#include <optional>

#include "app/services.h"
#include "core/audit_event.h"
#include "core/priority_rules.h"
#include "core/request.h"

namespace rightsdesk::app {

// The facts about `request` today, but for its earlier requests (left 0; see Reprioritize and
// the intake, which has the store count them while inserting).
Result<PriorityFacts> FactsToday(const Services& services, const Request& request);

// Sets request.priority and request.priority_reasons from the rules and `facts`.
void ApplyPriority(const Ruleset& ruleset, const PriorityFacts& facts, Request& request);

// Sets request.priority and request.priority_reasons for a stored request, counting its
// consumer's earlier requests. Returns the "request.prioritized" audit event to record when the
// priority changed (nullopt otherwise).
Result<std::optional<AuditEventDraft>> Reprioritize(const Services& services, Request& request,
                                                    std::string_view actor);

}  // namespace rightsdesk::app
