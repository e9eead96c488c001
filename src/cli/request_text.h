// Plain-text renderings of requests for a terminal.
#pragma once

#include <string>
#include <vector>

#include "core/audit_event.h"
#include "core/request.h"

namespace rightsdesk::cli {

// "RD-2026-00042 access received, respond by 2027-01-08 (US-CA)"
std::string RequestSummaryLine(const Request& request, Instant now);
std::string RequestTableHeader();
std::string RequestTableRow(const Request& request, Instant now);
// Every field, then the audit events as a timeline.
std::string RequestDetails(const Request& request, const std::vector<AuditEvent>& events,
                           Instant now);

}  // namespace rightsdesk::cli
