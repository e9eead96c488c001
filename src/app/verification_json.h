// A request's verification as JSON, the same for the CLI (`request verification --json`) and the
// staff API (GET /api/v1/requests/{id}/verification; docs/openapi.json VerificationView).
// Includes the signer's typed name and IP: only for staff-facing output.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/verification.h"

namespace rightsdesk::app {

nlohmann::json VerificationJson(const VerificationView& view);

// "3 matched data points + signed declaration", "none": what a level asks, in words.
std::string RequirementText(const VerificationRequirement& required);

}  // namespace rightsdesk::app
