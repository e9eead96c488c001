// The JSON shape of a request and its events, shared by the CLI's --json output and the API.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/audit_event.h"
#include "core/request.h"

namespace rightsdesk::app {

// Includes the subject's identifiers: only for staff-facing output.
nlohmann::json RequestJson(const Request& request, Instant now);
nlohmann::json EventJson(const AuditEvent& event);
nlohmann::json DeadlinesJson(const Deadlines& deadlines);

}  // namespace rightsdesk::app
