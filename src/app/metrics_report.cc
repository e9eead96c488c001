#include "app/metrics_report.h"

#include <cmath>
#include <sstream>

namespace rightsdesk::app {
namespace {

nlohmann::ordered_json Days(const std::optional<double>& days) {
  if (!days) return nullptr;
  return std::round(*days * 10) / 10;
}

}  // namespace

std::string FormatDays(const std::optional<double>& days, std::string_view none) {
  if (!days) return std::string(none);
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  out << std::round(*days * 10) / 10;
  return out.str();
}

Result<MetricsReport> YearlyMetrics(const Services& services, int year) {
  if (year < 2000 || year > 9999) {
    return Fail(ErrorCode::kInvalidArgument,
                "year must be from 2000 to 9999, not " + std::to_string(year), "/year");
  }
  const auto y = std::chrono::year(year);
  MetricsAccumulator metrics;
  auto read = services.requests.ForEachOutcome(
      Date{y, std::chrono::January, std::chrono::day(1)},
      Date{y, std::chrono::December, std::chrono::day(31)},
      [&](const RequestOutcome& outcome) { metrics.Add(outcome); });
  if (!read) return std::unexpected(read.error());
  return metrics.Finish(year);
}

nlohmann::ordered_json MetricsJson(const MetricsReport& report) {
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (const GroupMetrics& g : report.groups) {
    groups.push_back({{"group", g.group},
                      {"received", g.received},
                      {"complied", g.complied},
                      {"denied",
                       {{"unverifiable", g.denied_unverifiable},
                        {"not_a_consumer", g.denied_not_a_consumer},
                        {"exempt", g.denied_exempt},
                        {"other", g.denied_other},
                        {"total", g.denied()}}},
                      {"withdrawn", g.withdrawn},
                      {"open", g.open},
                      {"duplicates", g.duplicates},
                      {"responded", g.responded},
                      {"median_days", Days(g.median_days)},
                      {"mean_days", Days(g.mean_days)}});
  }
  return {{"year", report.year}, {"groups", groups}};
}

std::string MetricsCsv(const MetricsReport& report) {
  std::ostringstream out;
  out << "year,group,received,complied,denied_unverifiable,denied_not_a_consumer,denied_exempt,"
         "denied_other,denied_total,withdrawn,open,responded,median_days,mean_days,duplicates\n";
  for (const GroupMetrics& g : report.groups) {
    out << report.year << ',' << g.group << ',' << g.received << ',' << g.complied << ','
        << g.denied_unverifiable << ',' << g.denied_not_a_consumer << ',' << g.denied_exempt << ','
        << g.denied_other << ',' << g.denied() << ',' << g.withdrawn << ',' << g.open << ','
        << g.responded << ',' << FormatDays(g.median_days, "") << ',' << FormatDays(g.mean_days, "")
        << ',' << g.duplicates << '\n';
  }
  return out.str();
}

}  // namespace rightsdesk::app
