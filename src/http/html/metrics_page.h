// The yearly §7102 metrics as people read them: the rows of the table (labels in words, days to
// one decimal, "–" where nothing was answered), shared by the publishable page (`report metrics
// --format html`, the console's "publishable page" link) and the console's Reports page.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/metrics.h"
#include "http/html/templates.h"

namespace rightsdesk::http::html {

nlohmann::json MetricsRows(const MetricsReport& report);

// A complete HTML document (web/templates/report_metrics.mustache) a business can publish.
std::string MetricsPage(const Templates& templates, const MetricsReport& report,
                        std::string_view business, std::string_view generated_on);

}  // namespace rightsdesk::http::html
