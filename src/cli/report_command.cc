// `rightsdesk report metrics --year Y [--format json|csv|html]`: the yearly §7102 metrics
// (docs/reports.md); the HTML is a page a business can publish as it is.
#include <iostream>

#include "app/metrics_report.h"
#include "cli/cli_context.h"
#include "http/html/metrics_page.h"

namespace rightsdesk::cli {
namespace {

Result<std::string> MetricsHtml(const CliContext& context, const MetricsReport& report,
                                const std::string& business) {
  auto templates = http::html::Templates::Load();
  if (!templates) return std::unexpected(templates.error());
  const std::string today = FormatInstant(context.clock().Now()).substr(0, 10);
  return http::html::MetricsPage(*templates, report, business, today);
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
