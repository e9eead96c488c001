// POST /api/v1/requests: the consumer's door (docs/api.md). No login: anyone may ask; the request
// is then verified. Body: {"type", "subject": {"email", "name"?, "phone"?, "address"?,
// "account_id"?}, "jurisdiction"?, "language"?, "message"?}.
#pragma once

#include "app/intake.h"
#include "app/services.h"
#include "http/api_context.h"
#include "http/http_types.h"
#include "http/router.h"

namespace rightsdesk::http {

// Reads the JSON body (415 unless application/json, 400 when malformed, 422 with a JSON pointer
// for an invalid field) and takes the request in through app::SubmitRequest. 429 with
// Retry-After when `peer` has sent too many (api.intake_limiter).
Response PostRequest(const ApiContext& api, const Request& request, std::string_view peer);

// The parsed JSON body as an intake form; kInvalidArgument naming the field's JSON pointer.
Result<app::IntakeForm> ReadIntakeForm(const nlohmann::json& body);

// GET /api/v1/status/{id}/{token}: what the consumer may see of their request through the secret
// link returned at intake (no personal data, no login). 404 for any unknown id or wrong token.
Response GetStatus(const ApiContext& api, std::string_view id, std::string_view token);

// The body of the 201 answer (without status_url): a public contract.
nlohmann::json IntakeReceipt(const rightsdesk::Request& stored);

}  // namespace rightsdesk::http
