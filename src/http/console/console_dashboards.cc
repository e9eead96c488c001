// The console's Dashboards page (docs/dashboards.md): seven charts over a period, drawn here as
// inline SVG from the numbers (no script), each with the table behind it and that table as CSV
// (/console/dashboards/{table}.csv, same query). Every staff role may read them
// (Permission::kReadRequests): counts and durations, no personal data.
#include <algorithm>
#include <cmath>

#include "app/dashboards.h"
#include "app/metrics_report.h"
#include "http/console/console.h"
#include "http/html/page_response.h"
#include "http/query.h"
#include "http/responses.h"

namespace rightsdesk::http::console {
namespace {

using nlohmann::json;

// Geometry of the charts, in SVG user units (the SVG scales to the page's width).
constexpr int kBarsLeft = 170;        // horizontal bars start after their label
constexpr int kBarsWidth = 420;       // the longest bar
constexpr int kBarsRowHeight = 28;    // one bar per row
constexpr int kBarsFigureRoom = 160;  // after the longest bar: "12345 (12345 overdue)" at 12 px
constexpr int kColumnsTop = 20;       // stacked columns: room for the scale above
constexpr int kColumnsHeight = 160;
constexpr int kColumnsStep = 36;  // one column per week
constexpr int kColumnsLeft = 40;

int Scaled(double value, double max, int length) {
  if (max <= 0) return 0;
  return static_cast<int>(std::lround(value / max * length));
}

// A bar per row of `values` (label, value, overlay: the part drawn darker, e.g. the overdue).
struct Bar {
  std::string label;
  double value = 0;
  std::string value_text;
  double overlay = 0;
};

json HorizontalBars(const std::vector<Bar>& bars, double max) {
  json rows = json::array();
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const int y = 4 + static_cast<int>(i) * kBarsRowHeight;
    const int width = Scaled(bars[i].value, max, kBarsWidth);
    json row = {
        {"label", bars[i].label}, {"value", bars[i].value_text},     {"y", y}, {"text_y", y + 15},
        {"width", width},         {"value_x", kBarsLeft + width + 6}};
    // Absent rather than 0: the template draws the overlay only when there is one.
    if (bars[i].overlay > 0) row["overlay"] = std::max(1, Scaled(bars[i].overlay, max, kBarsWidth));
    rows.push_back(std::move(row));
  }
  return {{"bars", rows},
          {"left", kBarsLeft},
          {"label_x", kBarsLeft - 8},
          {"width", kBarsLeft + kBarsWidth + kBarsFigureRoom},
          {"height", 8 + static_cast<int>(bars.size()) * kBarsRowHeight}};
}

double MaxOf(const std::vector<Bar>& bars) {
  double max = 0;
  for (const Bar& b : bars) max = std::max(max, b.value);
  return max;
}

json VolumeColumns(const Dashboards& d) {
  std::int64_t max = 0;
  for (const WeekVolume& w : d.volume) max = std::max(max, w.total);
  json weeks = json::array();
  for (std::size_t i = 0; i < d.volume.size(); ++i) {
    const WeekVolume& w = d.volume[i];
    const int x = kColumnsLeft + static_cast<int>(i) * kColumnsStep;
    int bottom = kColumnsTop + kColumnsHeight;
    json segments = json::array();
    for (std::size_t t = 0; t < kTypeCount; ++t) {
      if (w.by_type[t] == 0) continue;
      const int height = std::max(
          1, Scaled(static_cast<double>(w.by_type[t]), static_cast<double>(max), kColumnsHeight));
      bottom -= height;
      segments.push_back({{"type", Name(kAllRequestTypes[t])},
                          {"count", w.by_type[t]},
                          {"y", bottom},
                          {"height", height}});
    }
    weeks.push_back({{"week", w.week},
                     {"short", w.week.substr(5)},
                     {"x", x},
                     {"bar_width", kColumnsStep - 8},
                     {"label_x", x + (kColumnsStep - 8) / 2},
                     {"total", w.total},
                     {"segments", segments}});
  }
  json legend = json::array();
  for (RequestType type : kAllRequestTypes) legend.push_back({{"type", Name(type)}});
  return {{"weeks", weeks},
          {"legend", legend},
          {"max", max},
          {"axis_y", kColumnsTop + kColumnsHeight},
          {"label_y", kColumnsTop + kColumnsHeight + 16},
          {"top", kColumnsTop},
          {"width", kColumnsLeft + static_cast<int>(d.volume.size()) * kColumnsStep + 10},
          {"height", kColumnsTop + kColumnsHeight + 24}};
}

std::vector<Bar> RateBars(const std::vector<TypeRate>& rates) {
  std::vector<Bar> bars;
  for (const TypeRate& r : rates) {
    const auto rate = r.rate();
    bars.push_back({.label = r.type ? std::string(Name(*r.type)) : "all types",
                    .value = rate.value_or(0) * 100,
                    .value_text = rate
                                      ? app::FormatPercent(rate) + "% of " + std::to_string(r.whole)
                                      : "none answered"});
  }
  return bars;
}

json Charts(const Dashboards& d) {
  std::vector<Bar> aging, channels, stages, assignees;
  for (const AgingBucket& b : d.aging) {
    aging.push_back(
        {.label = b.label + " days",
         .value = static_cast<double>(b.open),
         .value_text = std::to_string(b.open) + " (" + std::to_string(b.overdue) + " overdue)",
         .overlay = static_cast<double>(b.overdue)});
  }
  for (const ChannelCount& c : d.channels) {
    channels.push_back({.label = std::string(Name(c.channel)),
                        .value = static_cast<double>(c.received),
                        .value_text = std::to_string(c.received)});
  }
  for (const StageTime& s : d.stages) {
    stages.push_back({.label = std::string(Name(s.stage)),
                      .value = s.median_days.value_or(0),
                      .value_text = s.median_days ? app::FormatDays(s.median_days, "") + " days"
                                                  : "no stay ended"});
  }
  for (const AssigneeLoad& a : d.assignees) {
    assignees.push_back(
        {.label = a.assignee.empty() ? "(unassigned)" : a.assignee,
         .value = static_cast<double>(a.open),
         .value_text = std::to_string(a.open) + " (" + std::to_string(a.overdue) + " overdue)",
         .overlay = static_cast<double>(a.overdue)});
  }
  return {{"volume", VolumeColumns(d)},
          {"on-time", HorizontalBars(RateBars(d.on_time), 100)},
          {"verification", HorizontalBars(RateBars(d.verification), 100)},
          {"aging", HorizontalBars(aging, MaxOf(aging))},
          {"channels", HorizontalBars(channels, MaxOf(channels))},
          {"stages", HorizontalBars(stages, MaxOf(stages))},
          {"assignees", HorizontalBars(assignees, MaxOf(assignees))}};
}

// What each chart shows, in the words of docs/dashboards.md.
std::string_view Definition(std::string_view id) {
  if (id == "volume")
    return "Requests received in the period, per ISO week (Monday to Sunday) "
           "and type; duplicates are not counted.";
  if (id == "on-time")
    return "Of the requests answered (completed, denied or closed unverified) "
           "in the period, those answered by the end of their due date (the "
           "extended date when extended).";
  if (id == "verification")
    return "Of the requests answered in the period whose rule asked for "
           "verification, those that failed it: closed unverified, or denied "
           "because the identity could not be verified.";
  if (id == "aging")
    return "Open requests now, by days since their day of receipt; the darker "
           "part of each bar is overdue.";
  if (id == "channels")
    return "Requests received in the period, by channel; duplicates are not "
           "counted.";
  if (id == "stages")
    return "For requests received in the period, the days spent in each status "
           "they have left (median shown; mean in the table).";
  return "Open requests now, per assignee; the darker part of each bar is overdue.";
}

// The query a CSV link repeats, so that it downloads the table shown.
std::string PeriodQuery(const DashboardWindow& w, std::string_view weeks, bool by_weeks) {
  if (by_weeks) return "?weeks=" + std::string(weeks.empty() ? "12" : weeks);
  return "?from=" + FormatDate(w.from) + "&to=" + FormatDate(w.to);
}

json Sections(const Dashboards& d, const std::string& query) {
  json charts = Charts(d);
  json sections = json::array();
  for (const app::DashboardTable& t : app::DashboardTables(d)) {
    json rows = json::array();
    for (const auto& row : t.rows) {
      json cells = json::array();
      for (const std::string& cell : row) {
        // An empty first cell is the unassigned requests' assignee; an empty number is none.
        cells.push_back(cell.empty() ? (cells.empty() ? "(unassigned)" : "—") : cell);
      }
      rows.push_back({{"head", cells[0]}, {"cells", json(cells.begin() + 1, cells.end())}});
    }
    json section = {{"id", t.id},
                    {"title", t.title},
                    {"definition", Definition(t.id)},
                    {"columns", t.columns},
                    {"rows", rows},
                    {"csv_href", "/console/dashboards/" + t.id + ".csv" + query}};
    section[t.id == "volume" ? "columns_chart" : "bars_chart"] = charts[t.id];
    sections.push_back(std::move(section));
  }
  return sections;
}

}  // namespace

Response DashboardsPage(const ApiContext& api, const Request& request, std::string_view file) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  auto query = ParseQuery(View(request.target()));
  auto param = [&](const char* name) -> std::string_view {
    if (!query) return "";
    auto it = query->find(name);
    return it == query->end() ? std::string_view() : std::string_view(it->second);
  };
  auto window =
      query ? app::DashboardWindowFor(api.services, param("weeks"), param("from"), param("to"))
            : Result<DashboardWindow>(std::unexpected(query.error()));
  nlohmann::json context = BaseContext(api, "Dashboards", &*staff);
  if (!window) {
    if (window.error().code() != ErrorCode::kInvalidArgument) return ProblemFor(window.error());
    context["error"] = window.error().message();
    context["weeks"] = param("weeks");
    context["from"] = param("from");
    context["to"] = param("to");
    return Page(api, 422, "console_dashboards", context);
  }
  auto dashboards = app::BuildDashboards(api.services, *window);
  if (!dashboards) return ProblemFor(dashboards.error());
  if (!file.empty()) {
    // "volume.csv": a table's CSV; anything else is no page.
    const std::string_view table = file.ends_with(".csv") ? file.substr(0, file.size() - 4) : "";
    for (const app::DashboardTable& t : app::DashboardTables(*dashboards)) {
      if (t.id != table) continue;
      return html::DownloadResponse(app::DashboardCsv(t), "text/csv; charset=utf-8",
                                    "dashboard-" + t.id + "-" + FormatDate(window->from) + "-" +
                                        FormatDate(window->to) + ".csv");
    }
    return ProblemFor(Error(ErrorCode::kNotFound, "no dashboard table " + std::string(file)));
  }
  const bool by_weeks = param("from").empty() && param("to").empty();
  context["weeks"] = by_weeks ? std::string(param("weeks").empty() ? "12" : param("weeks")) : "";
  context["from"] = FormatDate(window->from);
  context["to"] = FormatDate(window->to);
  context["last_day"] = FormatDate(Date{std::chrono::sys_days{window->to} - std::chrono::days{1}});
  context["sections"] = Sections(*dashboards, PeriodQuery(*window, param("weeks"), by_weeks));
  return Page(api, 200, "console_dashboards", context);
}

}  // namespace rightsdesk::http::console
