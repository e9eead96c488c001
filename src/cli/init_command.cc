// `rightsdesk init` and `rightsdesk deadlines`: the commands that need no stored requests.
#include <iostream>

#include "app/request_json.h"
#include "cli/cli_context.h"

namespace rightsdesk::cli {

void RegisterInit(CLI::App& root, CliContext& context) {
  CLI::App* init = root.add_subcommand("init", "Create a data directory: settings, keys, ledger");
  context.AddDataOption(*init);
  init->callback([&context] {
    auto done = app::Installation::Init(context.data_dir(), context.clock(), context.actor());
    if (!done) {
      context.exit_code = context.Report(done.error());
      return;
    }
    std::cout << "Initialised " << context.data_dir().root.string()
              << "\n  settings: " << context.data_dir().settings().string()
              << "\n  ledger:   " << context.data_dir().database().string()
              << "\nKeep the keys/ directory (or RIGHTSDESK_MASTER_KEY) safe and backed up: "
                 "without it the sealed personal data cannot be read.\n";
  });
}

void RegisterDeadlines(CLI::App& root, CliContext& context) {
  CLI::App* cmd = root.add_subcommand(
      "deadlines", "Print the deadlines of a request type received on a day (JSON)");
  context.AddDataOption(*cmd);
  struct Args {
    std::string type, received, jurisdiction;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("--type", args->type, "Request type")->required();
  cmd->add_option("--received", args->received, "Day of receipt, YYYY-MM-DD")->required();
  cmd->add_option("--jurisdiction", args->jurisdiction, "Jurisdiction (default: the business's)");
  cmd->callback([&context, args] {
    auto run = [&]() -> Result<Deadlines> {
      auto type = ParseRequestType(args->type);
      if (!type) {
        return Fail(ErrorCode::kInvalidArgument, "unknown request type '" + args->type +
                                                     "' (one of: " + RequestTypeNames() + ")");
      }
      auto received = ParseDate(args->received);
      if (!received) return std::unexpected(received.error().WithContext("--received"));
      auto settings = app::Installation::LoadSettings(context.data_dir());
      if (!settings) return std::unexpected(settings.error());
      const Ruleset& rules = settings->ruleset;
      std::string jurisdiction =
          args->jurisdiction.empty() ? rules.business().default_jurisdiction : args->jurisdiction;
      return rules.DeadlinesFor(jurisdiction, *type, *received);
    };
    auto deadlines = run();
    if (!deadlines) {
      context.exit_code = context.Report(deadlines.error());
      return;
    }
    std::cout << app::DeadlinesJson(*deadlines).dump() << '\n';
  });
}

}  // namespace rightsdesk::cli
