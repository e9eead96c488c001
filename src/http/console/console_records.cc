// The console's Records page: the §7101 records of the requests received in a period, with the
// same records as CSV and JSON downloads (docs/reports.md). Only admins and auditors may read
// them (Permission::kReadRecords); staff get 403.
#include <chrono>

#include "app/records_report.h"
#include "http/console/console.h"
#include "http/html/page_response.h"
#include "http/reports_api.h"
#include "http/responses.h"

namespace rightsdesk::http::console {
namespace {

// The page lists at most this many; the downloads hold every record of the period.
constexpr std::size_t kRecordsShown = 500;

// The period asked for, else this calendar year in the business's time zone.
Result<RecordsQuery> RecordsAsked(const ApiContext& api, const Request& request) {
  const std::string_view target = View(request.target());
  if (target.find("from=") != std::string_view::npos ||
      target.find("to=") != std::string_view::npos) {
    return ReadRecordsQuery(request);
  }
  auto today = api.services.zones.LocalDate(api.services.ruleset.business().time_zone,
                                            api.services.clock.Now());
  if (!today) return std::unexpected(today.error());
  const std::chrono::year year = today->year();
  return RecordsQuery{.period = {.from = Date{year, std::chrono::January, std::chrono::day(1)},
                                 .to = Date{year + std::chrono::years(1), std::chrono::January,
                                            std::chrono::day(1)}}};
}

nlohmann::json RecordRows(const std::vector<RequestRecord>& records) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < records.size() && i < kRecordsShown; ++i) {
    const RequestRecord& r = records[i];
    const auto basis = r.denial_basis();
    rows.push_back({{"reference", r.reference},
                    {"type", Name(r.type)},
                    {"channel", Name(r.channel)},
                    {"jurisdiction", r.jurisdiction},
                    {"received_on", FormatDate(r.received_on)},
                    {"response", Name(r.response())},
                    {"responded_on", r.responded_at ? FormatInstant(*r.responded_at).substr(0, 10)
                                                    : std::string("–")},
                    {"denial_basis", basis ? std::string(Name(*basis)) : std::string()},
                    {"denial_reason", basis ? r.denial_reason : std::string()},
                    {"duplicate_of", r.duplicate_of},
                    {"purged", r.purged_at.has_value()}});
  }
  return rows;
}

}  // namespace

Response Records(const ApiContext& api, const Request& request, std::string_view form) {
  auto staff = RequireStaff(api, request, Permission::kReadRecords);
  if (!staff) return std::move(staff.error());
  auto query = RecordsAsked(api, request);
  if (!query && query.error().code() != ErrorCode::kInvalidArgument) {
    return ProblemFor(query.error());
  }
  nlohmann::json context = BaseContext(api, "Records of requests", &*staff);
  if (!query) {
    context["error"] = query.error().message();
    return Page(api, 422, "console_records", context);
  }
  auto records = app::RecordsReceived(api.services, query->period);
  if (!records) return ProblemFor(records.error());
  if (form == "csv" || form == "json") {
    RecordsQuery download = *query;
    download.format = form == "csv" ? app::RecordsFormat::kCsv : app::RecordsFormat::kJson;
    if (download.format == app::RecordsFormat::kCsv) return RecordsResponse(download, *records);
    return html::DownloadResponse(
        app::RecordsJson(query->period, *records).dump(2), "application/json",
        "records-" + FormatDate(query->period.from) + "-" + FormatDate(query->period.to) + ".json");
  }
  context["period"] = {{"from", FormatDate(query->period.from)},
                       {"to", FormatDate(query->period.to)}};
  context["count"] = records->size();
  context["rows"] = RecordRows(*records);
  context["more"] = records->size() > kRecordsShown;
  context["shown"] = kRecordsShown;
  return Page(api, 200, "console_records", context);
}

}  // namespace rightsdesk::http::console
