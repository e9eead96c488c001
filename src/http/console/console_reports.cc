// The console's Reports page: the yearly §7102 metrics for a chosen year, with the table as CSV
// and as the page a business can publish (docs/reports.md).
#include <chrono>

#include "app/metrics_report.h"
#include "http/console/console.h"
#include "http/html/metrics_page.h"
#include "http/html/page_response.h"
#include "http/reports_api.h"
#include "http/responses.h"

namespace rightsdesk::http::console {
namespace {

// The year asked for, else this year in the business's time zone.
Result<int> YearAsked(const ApiContext& api, const Request& request) {
  if (View(request.target()).find("year=") != std::string_view::npos) {
    return ReportYear(request);
  }
  auto today = api.services.zones.LocalDate(api.services.ruleset.business().time_zone,
                                            api.services.clock.Now());
  if (!today) return std::unexpected(today.error());
  return int(today->year());
}

}  // namespace

Response Reports(const ApiContext& api, const Request& request, std::string_view form) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  auto year = YearAsked(api, request);
  auto report = year ? app::YearlyMetrics(api.services, *year)
                     : Result<rightsdesk::MetricsReport>(std::unexpected(year.error()));
  if (!report && report.error().code() != ErrorCode::kInvalidArgument) {
    return ProblemFor(report.error());
  }
  if (report && form == "csv") {
    return html::DownloadResponse(app::MetricsCsv(*report), "text/csv; charset=utf-8",
                                  "metrics-" + std::to_string(report->year) + ".csv");
  }
  if (report && form == "html") {
    const std::string today = FormatInstant(api.services.clock.Now()).substr(0, 10);
    return html::HtmlResponse(200, html::MetricsPage(*api.templates, *report,
                                                     api.services.ruleset.business().name, today));
  }
  nlohmann::json context = BaseContext(api, "Reports", &*staff);
  context["may_read_records"] = Allows(staff->user.role, Permission::kReadRecords);
  if (!report) {
    context["error"] = report.error().message();
    return Page(api, 422, "console_reports", context);
  }
  context["year"] = report->year;
  context["rows"] = html::MetricsRows(*report);
  return Page(api, 200, "console_reports", context);
}

}  // namespace rightsdesk::http::console
