// The reports over HTTP (docs/reports.md): GET /api/v1/reports/metrics?year=YYYY, the yearly
// §7102 metrics as JSON, for any staff token that may read requests (they are counts, no personal
// data).
#pragma once

#include "http/api_context.h"
#include "http/http_types.h"

namespace rightsdesk::http {

// The year a query names ("year=2026"); kInvalidArgument pointing at /year when it is missing or
// not a number.
Result<int> ReportYear(const Request& request);

Response GetMetricsReport(const ApiContext& api, const Request& request);

// GET /api/v1/reports/feedback: the consumers' survey answers summarised (docs/feedback.md), for
// any staff token that may read requests; the recent answers carry their comments.
Response GetFeedbackReport(const ApiContext& api, const Request& request);

}  // namespace rightsdesk::http
