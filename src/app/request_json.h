// The JSON shape of a request and its events, shared by the CLI's --json output and the API.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "app/services.h"
#include "core/audit_event.h"
#include "core/request.h"

namespace rightsdesk::app {

// Includes the subject's identifiers: only for staff-facing output.
nlohmann::json RequestJson(const Request& request, Instant now);
nlohmann::json EventJson(const AuditEvent& event);
nlohmann::json DeadlinesJson(const Deadlines& deadlines);

// One request as staff look into it: RequestJson, its "events" and its fraud "risk"
// (app/risk_assessment.h). Reads the events and the velocity counts from the store.
Result<nlohmann::json> RequestDetailJson(const Services& services, const Request& request);

}  // namespace rightsdesk::app
