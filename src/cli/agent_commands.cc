// `rightsdesk agent add --id ID --name NAME --email EMAIL --verify-key BASE64 [--callback-base
// URL]`, `rightsdesk agent list [--json]`, `rightsdesk agent remove --id ID`: the authorized agents
// that may use the Data Rights Protocol endpoints (docs/drp.md).
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/drp_agents.h"
#include "cli/cli_context.h"
#include "core/drp_message.h"

namespace rightsdesk::cli {
namespace {

// Runs `work` with the installation's services and DRP store; reports its error.
template <typename Work>
void WithAgents(CliContext& context, Work work) {
  auto installation = context.OpenInstallation();
  if (!installation) {
    context.exit_code = context.Report(installation.error());
    return;
  }
  Result<void> done = work(context.ServicesOf(**installation), (*installation)->drp());
  if (!done) context.exit_code = context.Report(done.error());
}

nlohmann::json AgentJson(const store::DrpAgent& agent) {
  return {{"id", agent.id},
          {"name", agent.name},
          {"email", agent.email},
          {"verify_key", FormatVerifyKey(agent.verify_key)},
          {"callback_base", agent.callback_base},
          {"created_at", FormatInstant(agent.created_at)},
          {"paired", agent.token_hash.has_value()}};
}

void RegisterAdd(CLI::App& agent, CliContext& context) {
  CLI::App* add = agent.add_subcommand("add", "Register an authorized agent by its verify key");
  context.AddDataOption(*add);
  auto args = std::make_shared<app::NewDrpAgent>();
  add->add_option("--id", args->id, "Its agent-id in the DRP service directory")->required();
  add->add_option("--name", args->name, "Its name, shown to staff")->required();
  add->add_option("--email", args->email, "Its contact address, kept with its requests")
      ->required();
  add->add_option("--verify-key", args->verify_key, "Base64 Ed25519 public key")->required();
  add->add_option("--callback-base", args->callback_base,
                  "URL prefix every status_callback of the agent must start with");
  add->callback([&context, args] {
    WithAgents(context, [&](const app::Services& services, store::DrpStore& drp) -> Result<void> {
      auto added = app::AddDrpAgent(services, drp, *args, context.actor());
      if (!added) return std::unexpected(added.error());
      std::cout << "Agent " << added->id << " (" << added->name << ") added\n";
      return {};
    });
  });
}

void RegisterAgentList(CLI::App& agent, CliContext& context) {
  CLI::App* list = agent.add_subcommand("list", "List the registered agents");
  context.AddDataOption(*list);
  auto json = std::make_shared<bool>(false);
  list->add_flag("--json", *json, "One JSON object per line");
  list->callback([&context, json] {
    WithAgents(context, [&](const app::Services&, store::DrpStore& drp) -> Result<void> {
      auto agents = drp.ListAgents();
      if (!agents) return std::unexpected(agents.error());
      for (const store::DrpAgent& a : *agents) {
        if (*json) {
          std::cout << AgentJson(a).dump() << '\n';
        } else {
          std::cout << a.id << '\t' << a.name << '\t' << a.email << '\t'
                    << FormatVerifyKey(a.verify_key) << '\t'
                    << (a.token_hash ? "paired" : "not paired") << '\n';
        }
      }
      return {};
    });
  });
}

void RegisterRemove(CLI::App& agent, CliContext& context) {
  CLI::App* remove = agent.add_subcommand("remove", "Remove an agent; its token stops working");
  context.AddDataOption(*remove);
  auto id = std::make_shared<std::string>();
  remove->add_option("--id", *id, "The agent-id")->required();
  remove->callback([&context, id] {
    WithAgents(context, [&](const app::Services& services, store::DrpStore& drp) -> Result<void> {
      auto removed = app::RemoveDrpAgent(services, drp, *id, context.actor());
      if (!removed) return removed;
      std::cout << "Agent " << *id << " removed\n";
      return {};
    });
  });
}

}  // namespace

void RegisterAgentCommands(CLI::App& root, CliContext& context) {
  CLI::App* agent = root.add_subcommand("agent", "Manage Data Rights Protocol agents");
  agent->require_subcommand(1);
  RegisterAdd(*agent, context);
  RegisterAgentList(*agent, context);
  RegisterRemove(*agent, context);
}

}  // namespace rightsdesk::cli
