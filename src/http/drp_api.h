// The Data Rights Protocol 1.0 endpoints of the business side (shared/specs/drp; docs/drp.md),
// thin over app/drp.h. Signed bodies are text/plain base64; answers are JSON; every error has the
// protocol's shape (section 3.06) {"code": "<HTTP status>", "message": ..., "fatal": true?}, except
// a refused key setup, which is a bare 403 as section 2.05.1 requires. Served only when the
// services have a DRP store.
#pragma once

#include "http/api_context.h"
#include "http/router.h"

namespace rightsdesk::http {

// Adds GET/POST /v1/agent/{agent-id}, POST /v1/data-rights-request (without the trailing slash
// of versions before 0.9.3) and GET/DELETE /v1/data-rights-request/{request-id}.
void AddDrpRoutes(Router& router, const ApiContext& api);

// The protocol's error for a use case's error: the HTTP status and a message without internal
// detail. "fatal" is set when sending the same message again cannot succeed.
Response DrpErrorFor(const Error& error);

}  // namespace rightsdesk::http
