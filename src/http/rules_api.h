// The rule set and its review checklist over HTTP (docs/rules.md, docs/openapi.json):
//   GET  /api/v1/rules[?at=YYYY-MM-DD]   the version, the change log, and the rows and calendar
//                                        versions in effect on that day of receipt (default:
//                                        today in the business time zone); any staff token
//   GET  /api/v1/reviews[?status=open|done]   the checklist; any staff token
//   POST /api/v1/reviews                  add an item: {kind, title, owner, due_on, source?};
//                                        tokens that may manage settings (admin)
//   POST /api/v1/reviews/{id}/done        mark it done: {note}; admin
#pragma once

#include <string_view>

#include "http/api_context.h"
#include "http/http_types.h"

namespace rightsdesk::http {

// The day a rules query names (at=YYYY-MM-DD), or today in the business time zone.
Result<Date> RulesDay(const ApiContext& api, const Request& request);

Response GetRules(const ApiContext& api, const Request& request);
Response ListReviews(const ApiContext& api, const Request& request);
Response PostReview(const ApiContext& api, const Request& request);
Response PostReviewDone(const ApiContext& api, const Request& request, std::string_view id);

// The item number in a path; kNotFound when it is not one.
Result<std::int64_t> ReviewItemId(std::string_view text);

}  // namespace rightsdesk::http
