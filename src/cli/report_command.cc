// `rightsdesk report metrics --year Y [--format json|csv|html]`: the yearly §7102 metrics
// (docs/reports.md); the HTML is a page a business can publish as it is.
#include <iostream>
#include <sstream>

#include "app/metrics_report.h"
#include "cli/cli_context.h"
#include "http/html/templates.h"

namespace rightsdesk::cli {
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

Result<std::string> MetricsHtml(const CliContext& context, const MetricsReport& report,
                                const std::string& business) {
  auto templates = http::html::Templates::Load();
  if (!templates) return std::unexpected(templates.error());
  nlohmann::json rows = nlohmann::json::array();
  const nlohmann::ordered_json figures = app::MetricsJson(report);
  for (const auto& g : figures["groups"]) {
    auto days = [](const nlohmann::ordered_json& d) {
      if (d.is_null()) return std::string("–");
      std::ostringstream out;
      out.setf(std::ios::fixed);
      out.precision(1);
      out << d.get<double>();
      return out.str();
    };
    rows.push_back({{"label", Label(g["group"].get<std::string>())},
                    {"received", g["received"]},
                    {"complied", g["complied"]},
                    {"denied_unverifiable", g["denied"]["unverifiable"]},
                    {"denied_other", g["denied"]["other"]},
                    {"withdrawn", g["withdrawn"]},
                    {"open", g["open"]},
                    {"median_days", days(g["median_days"])},
                    {"mean_days", days(g["mean_days"])}});
  }
  const std::string today = FormatInstant(context.clock().Now()).substr(0, 10);
  return templates->Render(
      "report_metrics",
      {{"business", business}, {"year", report.year}, {"rows", rows}, {"generated_on", today}});
}

struct MetricsArgs {
  int year = 0;
  std::string format = "json";
};

Result<void> PrintMetrics(CliContext& context, const MetricsArgs& args) {
  if (args.format != "json" && args.format != "csv" && args.format != "html") {
    return Fail(ErrorCode::kInvalidArgument,
                "--format must be json, csv or html, not '" + args.format + "'");
  }
  auto installation = context.OpenInstallation();
  if (!installation) return std::unexpected(installation.error());
  auto report = app::YearlyMetrics(context.ServicesOf(**installation), args.year);
  if (!report) return std::unexpected(report.error());
  if (args.format == "json") {
    std::cout << app::MetricsJson(*report).dump(2) << "\n";
  } else if (args.format == "csv") {
    std::cout << app::MetricsCsv(*report);
  } else {
    auto html = MetricsHtml(context, *report, (*installation)->ruleset().business().name);
    if (!html) return std::unexpected(html.error());
    std::cout << *html;
  }
  return {};
}

}  // namespace

void RegisterReportCommands(CLI::App& root, CliContext& context) {
  CLI::App* report = root.add_subcommand("report", "Reports on the requests");
  report->require_subcommand(1);
  CLI::App* metrics = report->add_subcommand(
      "metrics", "The yearly request metrics (Cal. Code Regs. tit. 11 §7102)");
  context.AddDataOption(*metrics);
  auto args = std::make_shared<MetricsArgs>();
  metrics->add_option("--year", args->year, "Calendar year of receipt")->required();
  metrics->add_option("--format", args->format, "json, csv or html")->capture_default_str();
  metrics->callback([&context, args] {
    if (auto done = PrintMetrics(context, *args); !done) {
      context.exit_code = context.Report(done.error());
    }
  });
}

}  // namespace rightsdesk::cli
