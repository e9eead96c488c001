// The reports over HTTP (docs/reports.md): GET /api/v1/reports/metrics?year=YYYY, the yearly
// §7102 metrics as JSON, for any staff token that may read requests (they are counts, no personal
// data); the §7101 records, GET /api/v1/reports/records?from=&to=[&format=json|csv] and
// GET /api/v1/requests/{id}/record, only for the roles that may read records (admin, auditor).
#pragma once

#include <string_view>
#include <vector>

#include "app/records_report.h"
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

// GET /api/v1/reports/dashboards?weeks=N or ?from=&to=: the console's dashboards as numbers
// (docs/dashboards.md), for any staff token that may read requests (counts, no personal data).
Response GetDashboardsReport(const ApiContext& api, const Request& request);

// What a records query asks for: from=YYYY-MM-DD&to=YYYY-MM-DD[&format=json|csv] (json by
// default). kInvalidArgument pointing at the parameter at fault.
struct RecordsQuery {
  app::RecordsPeriod period;
  app::RecordsFormat format = app::RecordsFormat::kJson;
};
Result<RecordsQuery> ReadRecordsQuery(const Request& request);

// The records of a period as JSON, or as a CSV download named records-FROM-TO.csv.
Response RecordsResponse(const RecordsQuery& query, const std::vector<RequestRecord>& records);

Response GetRecordsReport(const ApiContext& api, const Request& request);
// GET /api/v1/reports/training[?staff=NAME][&format=json|csv]: the training records (every
// attempt at a training scenario, docs/training.md), for the roles that read records.
Response GetTrainingRecords(const ApiContext& api, const Request& request);
Response GetRequestRecord(const ApiContext& api, const Request& request,
                          std::string_view reference_or_id);

}  // namespace rightsdesk::http
