// `rightsdesk report metrics --year Y [--format json|csv|html]`: the yearly §7102 metrics
// (docs/reports.md); the HTML is a page a business can publish as it is.
// `rightsdesk report records --from D --to D [--format json|csv]` or `--request RD-...`: the
// §7101 records. `rightsdesk report training [--staff NAME] [--format csv|json]`: the training
// records (docs/training.md). The command line runs as whoever may open the data directory (like
// every other command), so no role applies here; the API and the console check
// Permission::kReadRecords.
#include <iostream>

#include "app/metrics_report.h"
#include "app/records_report.h"
#include "app/training.h"
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

struct RecordsArgs {
  std::string from;
  std::string to;
  std::string request;
  std::string format = "json";
};

Result<void> PrintRecords(CliContext& context, const RecordsArgs& args) {
  auto format = app::ParseRecordsFormat(args.format);
  if (!format) return std::unexpected(format.error());
  if (args.request.empty() == (args.from.empty() && args.to.empty())) {
    return Fail(ErrorCode::kInvalidArgument,
                "give either --from and --to (a period of receipt) or --request REFERENCE");
  }
  std::optional<app::RecordsPeriod> period;
  if (args.request.empty()) {
    auto parsed = app::ParseRecordsPeriod(args.from, args.to);
    if (!parsed) {
      return Fail(ErrorCode::kInvalidArgument,
                  "--" + parsed.error().message() + " (the period is [--from, --to))");
    }
    period = *parsed;
  }
  auto installation = context.OpenInstallation();
  if (!installation) return std::unexpected(installation.error());
  const app::Services services = context.ServicesOf(**installation);
  std::vector<RequestRecord> records;
  if (period) {
    auto read = app::RecordsReceived(services, *period);
    if (!read) return std::unexpected(read.error());
    records = std::move(*read);
  } else {
    auto one = app::RecordOfRequest(services, args.request);
    if (!one) return std::unexpected(one.error());
    records.push_back(std::move(*one));
  }
  if (*format == app::RecordsFormat::kCsv) {
    std::cout << app::RecordsCsv(records);
  } else if (period) {
    std::cout << app::RecordsJson(*period, records).dump(2) << "\n";
  } else {
    std::cout << app::RecordJson(records.front()).dump(2) << "\n";
  }
  return {};
}

struct TrainingArgs {
  std::string staff;
  std::string format = "csv";
};

// The training records (§7100 evidence): every attempt, or one trainee's.
Result<void> PrintTraining(CliContext& context, const TrainingArgs& args) {
  if (args.format != "json" && args.format != "csv") {
    return Fail(ErrorCode::kInvalidArgument,
                "--format must be json or csv, not '" + args.format + "'");
  }
  auto installation = context.OpenInstallation();
  if (!installation) return std::unexpected(installation.error());
  const ScenarioLibrary& scenarios = (*installation)->config().scenarios;
  app::TrainingWorkspace workspace{.scenarios = scenarios, .attempts = (*installation)->training()};
  auto records = app::TrainingRecords(workspace, args.staff);
  if (!records) return std::unexpected(records.error());
  if (args.format == "csv") {
    std::cout << app::TrainingRecordsCsv(*records, scenarios);
  } else {
    std::cout << app::TrainingRecordsJson(*records, scenarios).dump(2) << "\n";
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

  CLI::App* records = report->add_subcommand(
      "records", "The records of requests (Cal. Code Regs. tit. 11 §7101), for a period or one");
  context.AddDataOption(*records);
  auto rargs = std::make_shared<RecordsArgs>();
  records->add_option("--from", rargs->from, "First day of receipt, YYYY-MM-DD");
  records->add_option("--to", rargs->to, "Day of receipt after the period, YYYY-MM-DD");
  records->add_option("--request", rargs->request, "One request's reference (RD-...)");
  records->add_option("--format", rargs->format, "json or csv")->capture_default_str();
  records->callback([&context, rargs] {
    if (auto done = PrintRecords(context, *rargs); !done) {
      context.exit_code = context.Report(done.error());
    }
  });

  CLI::App* training = report->add_subcommand(
      "training", "The training records: who worked which scenario, when, and the score");
  context.AddDataOption(*training);
  auto targs = std::make_shared<TrainingArgs>();
  training->add_option("--staff", targs->staff, "One trainee's username (default: everyone)");
  training->add_option("--format", targs->format, "csv or json")->capture_default_str();
  training->callback([&context, targs] {
    if (auto done = PrintTraining(context, *targs); !done) {
      context.exit_code = context.Report(done.error());
    }
  });
}

}  // namespace rightsdesk::cli
