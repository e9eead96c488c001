// Building responses: JSON bodies, and RFC 9457 problem details for every error, so that a client
// always gets a status and a machine-readable reason (never an HTML error page, never a 500 for
// bad input).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "http/http_types.h"

namespace rightsdesk::http {

Response JsonResponse(unsigned status, const nlohmann::json& body);

// application/problem+json with "type", "title", "status", "detail" and, for an invalid field,
// "errors": [{"pointer": "/subject/email", "detail": ...}].
Response ProblemResponse(unsigned status, std::string_view title, std::string_view detail,
                         std::optional<std::string> pointer = std::nullopt);

// The HTTP status for a use case's error (docs/api.md): invalid input 422, not found 404,
// conflicts and refused state changes 409, rate limits 429, outages 503, the rest 500.
unsigned StatusFor(ErrorCode code);
Response ProblemFor(const Error& error);

}  // namespace rightsdesk::http
