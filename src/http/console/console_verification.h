// The "Verification" section of the console's request page: the level that applies, the proofs
// in and what is missing (app/verification.h). Kept apart from console.cc so the page's other
// sections change independently.
#pragma once

#include <nlohmann/json.hpp>

#include "core/request.h"
#include "http/api_context.h"
#include "http/http_types.h"

namespace rightsdesk::http {

// The section's template context, or null when the installation has no verification store or
// the request's rule cannot be found (the page then leaves the section out rather than failing).
nlohmann::json VerificationSection(const ApiContext& api, const rightsdesk::Request& request);

// GET /console/requests/{id}/documents/{document}: a proof document (an agent's permission, a
// power of attorney) as a download, never rendered: the file came from outside. Staff who work
// requests only; each opening is `verification.document_opened` on the trail.
Response GetProofDocument(const ApiContext& api, const Request& request,
                          std::string_view request_id, std::string_view document_id);

}  // namespace rightsdesk::http
