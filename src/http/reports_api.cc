#include "http/reports_api.h"

#include <charconv>

#include "app/dashboards.h"
#include "app/feedback.h"
#include "app/metrics_report.h"
#include "app/training.h"
#include "http/auth.h"
#include "http/html/page_response.h"
#include "http/query.h"
#include "http/responses.h"

namespace rightsdesk::http {

Result<int> ReportYear(const Request& request) {
  auto query = ParseQuery(View(request.target()));
  if (!query) return std::unexpected(query.error());
  auto it = query->find("year");
  int year = 0;
  if (it == query->end() || it->second.size() != 4 ||
      std::from_chars(it->second.data(), it->second.data() + 4, year).ec != std::errc()) {
    return Fail(ErrorCode::kInvalidArgument, "year must be given as YYYY", "/year");
  }
  return year;
}

Response GetMetricsReport(const ApiContext& api, const Request& request) {
  auto token = RequirePermission(request, api.tokens, Permission::kReadRequests);
  if (!token) return std::move(token.error());
  auto year = ReportYear(request);
  if (!year) return ProblemFor(year.error());
  auto report = app::YearlyMetrics(api.services, *year);
  if (!report) return ProblemFor(report.error());
  return JsonResponse(200, app::MetricsJson(*report));
}

Response GetFeedbackReport(const ApiContext& api, const Request& request) {
  auto token = RequirePermission(request, api.tokens, Permission::kReadRequests);
  if (!token) return std::move(token.error());
  auto report = app::BuildFeedbackReport(api.services, 50);
  if (!report) return ProblemFor(report.error());
  return JsonResponse(200, app::FeedbackJson(*report));
}

Response GetDashboardsReport(const ApiContext& api, const Request& request) {
  auto token = RequirePermission(request, api.tokens, Permission::kReadRequests);
  if (!token) return std::move(token.error());
  auto query = ParseQuery(View(request.target()));
  if (!query) return ProblemFor(query.error());
  auto value = [&](const char* name) -> std::string_view {
    auto it = query->find(name);
    return it == query->end() ? std::string_view() : std::string_view(it->second);
  };
  auto window = app::DashboardWindowFor(api.services, value("weeks"), value("from"), value("to"));
  if (!window) return ProblemFor(window.error());
  auto dashboards = app::BuildDashboards(api.services, *window);
  if (!dashboards) return ProblemFor(dashboards.error());
  return JsonResponse(200, app::DashboardsJson(*dashboards));
}

Result<RecordsQuery> ReadRecordsQuery(const Request& request) {
  auto query = ParseQuery(View(request.target()));
  if (!query) return std::unexpected(query.error());
  auto value = [&](const char* name, std::string_view fallback) -> std::string_view {
    auto it = query->find(name);
    return it == query->end() ? fallback : std::string_view(it->second);
  };
  auto period = app::ParseRecordsPeriod(value("from", ""), value("to", ""));
  if (!period) return std::unexpected(period.error());
  auto format = app::ParseRecordsFormat(value("format", "json"));
  if (!format) return std::unexpected(format.error());
  return RecordsQuery{.period = *period, .format = *format};
}

Response RecordsResponse(const RecordsQuery& query, const std::vector<RequestRecord>& records) {
  if (query.format == app::RecordsFormat::kCsv) {
    return html::DownloadResponse(
        app::RecordsCsv(records), "text/csv; charset=utf-8",
        "records-" + FormatDate(query.period.from) + "-" + FormatDate(query.period.to) + ".csv");
  }
  return JsonResponse(200, app::RecordsJson(query.period, records));
}

Response GetRecordsReport(const ApiContext& api, const Request& request) {
  auto token = RequirePermission(request, api.tokens, Permission::kReadRecords);
  if (!token) return std::move(token.error());
  auto query = ReadRecordsQuery(request);
  if (!query) return ProblemFor(query.error());
  auto records = app::RecordsReceived(api.services, query->period);
  if (!records) return ProblemFor(records.error());
  return RecordsResponse(*query, *records);
}

Response GetRequestRecord(const ApiContext& api, const Request& request,
                          std::string_view reference_or_id) {
  auto token = RequirePermission(request, api.tokens, Permission::kReadRecords);
  if (!token) return std::move(token.error());
  auto record = app::RecordOfRequest(api.services, reference_or_id);
  if (!record) return ProblemFor(record.error());
  return JsonResponse(200, app::RecordJson(*record));
}

Response GetTrainingRecords(const ApiContext& api, const Request& request) {
  auto token = RequirePermission(request, api.tokens, Permission::kReadRecords);
  if (!token) return std::move(token.error());
  if (api.scenarios == nullptr || api.training == nullptr) {
    return ProblemFor(Error(ErrorCode::kNotFound, "training mode is not set up"));
  }
  auto query = ParseQuery(View(request.target()));
  if (!query) return ProblemFor(query.error());
  auto field = [&](const char* name) {
    auto it = query->find(name);
    return it == query->end() ? std::string() : it->second;
  };
  const std::string format = field("format").empty() ? "json" : field("format");
  if (format != "json" && format != "csv") {
    return ProblemFor(Error(ErrorCode::kInvalidArgument, "format must be json or csv", "/format"));
  }
  app::TrainingWorkspace workspace{.scenarios = *api.scenarios, .attempts = *api.training};
  auto records = app::TrainingRecords(workspace, field("staff"));
  if (!records) return ProblemFor(records.error());
  if (format == "csv") {
    return html::DownloadResponse(app::TrainingRecordsCsv(*records, *api.scenarios),
                                  "text/csv; charset=utf-8", "training-records.csv");
  }
  return JsonResponse(200, {{"records", app::TrainingRecordsJson(*records, *api.scenarios)}});
}

}  // namespace rightsdesk::http
