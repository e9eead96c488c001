// Applies the priority rules (core/priority_rules.h) to a request: gathers the facts today (days
// left in the jurisdiction's time zone, earlier requests by the same consumer, an agent) and sets
// its priority and reasons. Run at intake and with every change staff make (the facts may have
// moved); a daily re-evaluation as days pass belongs to the scheduler (not built yet).
#pragma once

#include <optional>

#include "app/services.h"
#include "core/audit_event.h"
#include "core/request.h"

namespace rightsdesk::app {

// Sets request.priority and request.priority_reasons. Returns the "request.prioritized" audit
// event to record when the priority changed on a stored request (nullopt otherwise).
Result<std::optional<AuditEventDraft>> Reprioritize(const Services& services, Request& request,
                                                    std::string_view actor);

}  // namespace rightsdesk::app
