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
// power of attorney, an identity document) as a download, never rendered: the file came from
// outside. An agent's documents: staff who work requests; an identity document: reviewers only
// (Permission::kReviewIdentity, §7060). Each opening is `verification.document_opened`.
Response GetProofDocument(const ApiContext& api, const Request& request,
                          std::string_view request_id, std::string_view document_id);

// POST /console/requests/{id}/documents/{document}/review: a reviewer accepts an identity
// document (naming the points it shows that match the records: `point_name`, `point_address`) or
// rejects it (with a `reason`); the document is erased in the same change (app/verification.h).
Response PostIdentityReview(const ApiContext& api, const Request& request,
                            std::string_view request_id, std::string_view document_id);

}  // namespace rightsdesk::http
