#include "http/reports_api.h"

#include <charconv>

#include "app/feedback.h"
#include "app/metrics_report.h"
#include "http/auth.h"
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

}  // namespace rightsdesk::http
