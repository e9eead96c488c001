// The fraud risk of a stored request (core/fraud_risk.h), as staff see it on the console, in the
// staff API's answer and in `rightsdesk request show`.
//
// Computed each time it is shown, not stored at intake: most of its evidence (a match on our
// records, a failed verification, refused codes) arrives after intake, and everything it needs
// is already on record (the request, its audit events, the receipt times of other requests), so
// a fresh computation is always current and costs one indexed count per address. The velocity
// windows end at the request's receipt, so a request's velocity does not change as time passes;
// the disposable list is today's, so a domain added later flags older requests too.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "app/services.h"
#include "core/audit_event.h"
#include "core/fraud_risk.h"
#include "core/request.h"

namespace rightsdesk::app {

// The audit events the signals are read from (written by app/verification.cc and
// app/one_time_codes.cc).
inline constexpr std::string_view kRiskMatchedEvent = "verification.matched";
inline constexpr std::string_view kRiskFailedEvent = "verification.failed";
inline constexpr std::string_view kRiskCodeRefusedEvent = "code.refused";

// The signals of `request`, whose audit events are `events`. Reads the store for the velocity
// counts; errors are the store's, with the request's reference.
Result<RiskSignals> GatherRiskSignals(const Services& services, const Request& request,
                                      const std::vector<AuditEvent>& events);

Result<RiskAssessment> AssessRequestRisk(const Services& services, const Request& request,
                                         const std::vector<AuditEvent>& events);

// {"score": 0..100, "level": "low"|"medium"|"high", "reasons": ["disposable_email", ...]}
nlohmann::json RiskJson(const RiskAssessment& risk);

}  // namespace rightsdesk::app
