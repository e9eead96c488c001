// The consumer's survey after their request closed (docs/feedback.md, app/feedback.h): a score of
// 1 to 5 and an optional comment, once per request, no sign-in — the link is the key.
//
//   GET|POST /privacy/feedback/{id}/{token}         the survey link sent when the request closed
//   GET|POST /privacy/status/{id}/{token}/feedback  the same survey, from the status link
//   POST     /api/v1/status/{id}/{token}/feedback   the same as JSON ({"score", "comment"}):
//            201, 400 (bad answer), 404 (wrong link), 409 (already answered, or not closed)
//
// A form from another site is refused (403): the secret in the path is the form's real guard,
// as on the verification page. Every value shown is escaped; the comment is never logged.
#pragma once

#include "http/api_context.h"
#include "http/router.h"

namespace rightsdesk::http::portal {

// Adds the routes above. `api` must outlive the router.
void AddFeedbackRoutes(Router& router, const ApiContext& api);

}  // namespace rightsdesk::http::portal
