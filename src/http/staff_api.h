// The staff endpoints of /api/v1 (docs/api.md), each behind a bearer token with the permission
// it needs (core/role.h).
#pragma once

#include "app/casework.h"
#include "http/api_context.h"
#include "http/query.h"
#include "http/router.h"

namespace rightsdesk::http {

// GET /api/v1/requests?status=&type=&overdue=true&limit=&after=
Response ListRequests(const ApiContext& api, const Request& request);
// GET /api/v1/requests/{id} (id or reference), with its audit events
Response ShowRequest(const ApiContext& api, const Request& request, const PathParams& params);
// POST /api/v1/requests/{id}/transitions {"to", "reason"}
Response PostTransition(const ApiContext& api, const Request& request, const PathParams& params);
// POST /api/v1/requests/{id}/extend {"reason"}
Response PostExtend(const ApiContext& api, const Request& request, const PathParams& params);
// POST /api/v1/requests/{id}/notes {"note"}
Response PostNote(const ApiContext& api, const Request& request, const PathParams& params);
// POST /api/v1/requests/{id}/assign {"assignee"} ("" unassigns)
Response PostAssign(const ApiContext& api, const Request& request, const PathParams& params);
// GET /api/v1/requests/{id}/verification: the level, the proofs in and what is missing
// (app/verification_json.h)
Response GetVerification(const ApiContext& api, const Request& request, const PathParams& params);
// The queue's filters from a query (q, status, type, overdue, limit, after); kInvalidArgument
// naming an unknown or malformed parameter. Shared with the console's queue page.
Result<app::QueueFilter> ReadQueueFilter(const QueryParams& query);

// GET /api/v1/audit/verify
Response VerifyAudit(const ApiContext& api, const Request& request);

}  // namespace rightsdesk::http
