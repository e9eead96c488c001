// `rightsdesk token create --role ROLE --name NAME`: an API token for staff or an integration.
#include <iostream>

#include "app/tokens.h"
#include "cli/cli_context.h"

namespace rightsdesk::cli {

void RegisterTokenCommands(CLI::App& root, CliContext& context) {
  CLI::App* token = root.add_subcommand("token", "Manage API tokens");
  token->require_subcommand(1);
  CLI::App* create = token->add_subcommand("create", "Create a token; it is printed only once");
  context.AddDataOption(*create);
  struct Args {
    std::string role, name;
  };
  auto args = std::make_shared<Args>();
  create->add_option("--role", args->role, "admin, staff, reviewer or auditor")->required();
  create->add_option("--name", args->name, "Who or what will hold it")->required();
  create->callback([&context, args] {
    auto installation = context.OpenInstallation();
    if (!installation) {
      context.exit_code = context.Report(installation.error());
      return;
    }
    auto created = app::CreateApiToken((*installation)->tokens(), context.random(), context.clock(),
                                       args->role, args->name, context.actor());
    if (!created) {
      context.exit_code = context.Report(created.error());
      return;
    }
    std::cerr << "Token for " << created->token.name << " (" << Name(created->token.role)
              << "). It is shown only this once; store it safely:\n";
    std::cout << created->secret << '\n';
  });
}

}  // namespace rightsdesk::cli
