#include "http/html/metrics_page.h"

#include "app/metrics_report.h"

namespace rightsdesk::http::html {
namespace {

constexpr std::pair<const char*, const char*> kLabels[] = {
    {"know", "Requests to know"},
    {"delete", "Requests to delete"},
    {"correct", "Requests to correct"},
    {"opt_out", "Requests to opt out of sale or sharing"},
    {"opt_out_gpc", "Opt-outs by Global Privacy Control"},
    {"limit", "Requests to limit the use of sensitive personal information"}};

std::string Label(const std::string& group) {
  for (auto [name, label] : kLabels) {
    if (group == name) return label;
  }
  return group;
}

}  // namespace

nlohmann::json MetricsRows(const MetricsReport& report) {
  nlohmann::json rows = nlohmann::json::array();
  for (const GroupMetrics& g : report.groups) {
    rows.push_back({{"group", g.group},
                    {"label", Label(g.group)},
                    {"received", g.received},
                    {"complied", g.complied},
                    {"denied_unverifiable", g.denied_unverifiable},
                    {"denied_not_a_consumer", g.denied_not_a_consumer},
                    {"denied_exempt", g.denied_exempt},
                    {"denied_other", g.denied_other},
                    {"withdrawn", g.withdrawn},
                    {"open", g.open},
                    {"median_days", app::FormatDays(g.median_days, "–")},
                    {"mean_days", app::FormatDays(g.mean_days, "–")}});
  }
  return rows;
}

std::string MetricsPage(const Templates& templates, const MetricsReport& report,
                        std::string_view business, std::string_view generated_on) {
  return templates.Render("report_metrics", {{"business", business},
                                             {"year", report.year},
                                             {"rows", MetricsRows(report)},
                                             {"generated_on", generated_on}});
}

}  // namespace rightsdesk::http::html
