// `rightsdesk user add --name NAME --role ROLE [--password-stdin] [--json]`: a staff console
// account. The password (generated unless one is piped in) and the TOTP secret for the
// authenticator app are printed only this once. `rightsdesk user disable --name NAME` ends it.
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "app/staff_accounts.h"
#include "cli/cli_context.h"
#include "security/totp.h"

namespace rightsdesk::cli {
namespace {

// 120 random bits as 24 base32 characters: easy to type, impossible to guess.
std::string NewPassword(Random& random) {
  std::vector<std::uint8_t> bytes(15);
  random.Fill(bytes);
  return security::Base32(bytes);
}

}  // namespace

void RegisterUserCommands(CLI::App& root, CliContext& context) {
  CLI::App* user = root.add_subcommand("user", "Manage staff console accounts");
  user->require_subcommand(1);
  CLI::App* add = user->add_subcommand("add", "Add a staff member; secrets are printed once");
  context.AddDataOption(*add);
  struct Args {
    std::string role, name;
    bool password_stdin = false;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  add->add_option("--role", args->role, "admin, staff, reviewer or auditor")->required();
  add->add_option("--name", args->name, "Username (a-z 0-9 . _ -)")->required();
  add->add_flag("--password-stdin", args->password_stdin,
                "Read the password (12+ characters) from the first line of stdin");
  add->add_flag("--json", args->json, "Print the account's secrets as one JSON object");
  add->callback([&context, args] {
    auto installation = context.OpenInstallation();
    if (!installation) {
      context.exit_code = context.Report(installation.error());
      return;
    }
    std::string password;
    if (args->password_stdin) {
      std::getline(std::cin, password);
    } else {
      password = NewPassword(context.random());
    }
    auto created = app::CreateStaffUser(
        (*installation)->users(), context.random(), context.clock(), args->name, args->role,
        password, (*installation)->ruleset().business().name, context.actor());
    if (!created) {
      context.exit_code = context.Report(created.error());
      return;
    }
    std::string secret = security::Base32(created->user.totp_secret);
    if (args->json) {
      nlohmann::json out = {{"username", created->user.username},
                            {"role", Name(created->user.role)},
                            {"totp_secret", secret},
                            {"totp_uri", created->totp_uri}};
      if (!args->password_stdin) out["password"] = password;
      std::cout << out.dump() << '\n';
      return;
    }
    std::cerr << "Staff member " << created->user.username << " (" << Name(created->user.role)
              << "). These are shown only this once; hand them over safely:\n";
    if (!args->password_stdin) std::cout << "password:    " << password << '\n';
    std::cout << "TOTP secret: " << secret << "\nTOTP URI:    " << created->totp_uri << '\n';
  });
  CLI::App* disable =
      user->add_subcommand("disable", "Disable a staff member's account and end its sessions");
  context.AddDataOption(*disable);
  auto name = std::make_shared<std::string>();
  disable->add_option("--name", *name, "Username")->required();
  disable->callback([&context, name] {
    auto installation = context.OpenInstallation();
    auto done = installation ? app::DisableStaffUser((*installation)->users(), context.clock(),
                                                     *name, context.actor())
                             : Result<void>(std::unexpected(installation.error()));
    if (!done) {
      context.exit_code = context.Report(done.error());
      return;
    }
    std::cout << "Staff member " << *name << " is disabled; their sessions have ended\n";
  });
}

}  // namespace rightsdesk::cli
