// The `rightsdesk` command (docs/cli.md).
#include <iostream>

#include "cli/cli_context.h"
#include "security/sodium_init.h"

int main(int argc, char** argv) {
  using namespace rightsdesk;
  security::EnsureSodium();
  CLI::App root("RightsDesk: privacy-rights requests, on time and on the record", "rightsdesk");
  root.require_subcommand(1);
  root.set_version_flag("--version", "rightsdesk 0.1.0");
  cli::CliContext context;
  context.AddDataOption(root);  // `rightsdesk --data DIR request list` as well as after the command
  cli::RegisterInit(root, context);
  cli::RegisterDeadlines(root, context);
  cli::RegisterRequestCommands(root, context);
  cli::RegisterAuditCommands(root, context);
  cli::RegisterServe(root, context);
  cli::RegisterTokenCommands(root, context);
  cli::RegisterUserCommands(root, context);
  cli::RegisterAgentCommands(root, context);
  cli::RegisterWorker(root, context);
  cli::RegisterClassify(root, context);
  cli::RegisterIntakeCommands(root, context);
  cli::RegisterReportCommands(root, context);
  cli::RegisterFulfilCommands(root, context);
  cli::RegisterTaskCommands(root, context);
  cli::RegisterRulesCommands(root, context);
  cli::RegisterReviewCommands(root, context);
  try {
    root.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return root.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return root.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return root.exit(version);
  } catch (const CLI::ParseError& error) {
    std::cerr << "rightsdesk: " << error.what() << " (run with --help for usage)\n";
    return cli::kExitUsage;
  }
  return context.exit_code;
}
