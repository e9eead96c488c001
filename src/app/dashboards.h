// The console's dashboards (core/dashboards.h, docs/dashboards.md) over a period: the window
// asked for, the tables computed in two reads of the store, and each table behind a chart as
// rows of text and as CSV. Counts and durations only, no personal data; who may read them is the
// caller's check (Permission::kReadRequests).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/services.h"
#include "core/dashboards.h"

namespace rightsdesk::app {

inline constexpr int kDefaultDashboardWeeks = 12;

// The period asked for, in the business's time zone: `weeks` (a whole number 1..104, the last
// weeks up to today; 12 when all three are empty), or `from` and `to` (YYYY-MM-DD, `to` not
// included, at most 104 weeks apart). kInvalidArgument pointing at /weeks, /from or /to.
Result<DashboardWindow> DashboardWindowFor(const Services& services, std::string_view weeks,
                                           std::string_view from, std::string_view to);

// One read of the requests (open, received or answered in the window) and one of the status
// changes of those received in it (store/request_store.h).
Result<Dashboards> BuildDashboards(const Services& services, const DashboardWindow& window);

// A table behind a chart, as text cells: "" where there is no value (a rate of nothing, the
// median of no stay, the unassigned requests' assignee).
struct DashboardTable {
  std::string id;     // "volume", "on-time", "verification", "aging", "channels", "stages",
                      // "assignees": the CSV's name
  std::string title;  // the chart's
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

// Every table, in the order above.
std::vector<DashboardTable> DashboardTables(const Dashboards& dashboards);

// A rate as the tables print it: a percentage with one decimal ("87.5"), "" for none.
std::string FormatPercent(const std::optional<double>& rate);

// RFC 4180 (CRLF line ends): the header line, then the rows. Every cell is guarded against
// spreadsheet formulas (fulfil::CsvCell): an assignee is staff-typed text.
std::string DashboardCsv(const DashboardTable& table);

// The same tables as numbers (the API's): {"from", "to" (not included), "volume": [{"week",
// "week_start", "by_type": {type: n}, "total"}], "on_time": [{"type" ("all" last), "answered",
// "on_time", "rate"}], "verification": [{"type", "answered", "closed_unverified", "rate"}],
// "aging": [{"days", "min_days", "max_days", "open", "overdue"}], "channels": [{"channel",
// "received"}], "stages": [{"status", "stays", "median_days", "mean_days"}], "assignees":
// [{"assignee", "open", "overdue"}]}; rates to 0.001 and days to 0.1, null when there is none.
nlohmann::ordered_json DashboardsJson(const Dashboards& dashboards);

}  // namespace rightsdesk::app
