// Plain-text renderings of requests for a terminal.
#pragma once

#include <string>
#include <vector>

#include "core/audit_event.h"
#include "core/fraud_risk.h"
#include "core/request.h"

namespace rightsdesk::cli {

// "RD-2026-00042 access received, respond by 2027-01-08 (US-CA)"
std::string RequestSummaryLine(const Request& request, Instant now);
std::string RequestTableHeader();
std::string RequestTableRow(const Request& request, Instant now);
// What `request show` prints about one request.
struct RequestDetailsView {
  const Request& request;
  const std::vector<AuditEvent>& events;
  const RiskAssessment& risk;
  std::string duplicate_of;  // the open request's reference, for a duplicate
};

// Every field, the fraud risk with its reasons, then the audit events as a timeline.
std::string RequestDetails(const RequestDetailsView& view, Instant now);

}  // namespace rightsdesk::cli
