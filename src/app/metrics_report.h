// The yearly §7102 metrics (core/metrics.h) of the requests received in a calendar year (by their
// day of receipt), and their forms: JSON (the API's and `report metrics`'), CSV (one row per kind
// of request) and the figures a publishable HTML page shows.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/services.h"
#include "core/metrics.h"

namespace rightsdesk::app {

// kInvalidArgument for a year outside 2000..9999.
Result<MetricsReport> YearlyMetrics(const Services& services, int year);

// {"year", "groups": [{"group", "received", "complied", "denied": {"unverifiable", "other",
// "total"}, "withdrawn", "open", "duplicates", "responded", "median_days", "mean_days"}]}; days
// rounded to 0.1 (null when nothing was responded to). Duplicates are not in "received".
nlohmann::ordered_json MetricsJson(const MetricsReport& report);

// Days as the reports print them: one decimal ("12.5"), or `none` when nothing was answered.
std::string FormatDays(const std::optional<double>& days, std::string_view none);

// A header line, then one line per kind of request, in the JSON's order and names (duplicates
// last, so that readers of the earlier columns by position are not misled).
std::string MetricsCsv(const MetricsReport& report);

}  // namespace rightsdesk::app
