// What the `fulfil` commands share: the installation's data map and its systems' connectors.
#pragma once

#include <CLI/CLI.hpp>

#include "app/fulfilment.h"
#include "app/fulfilment_desk.h"
#include "app/verification.h"
#include "cli/cli_context.h"
#include "core/datamap.h"

namespace rightsdesk::cli {

// The data map of --data; kFailedPrecondition when the installation has none.
Result<DataMap> LoadMap(const CliContext& context);

app::SourceOpener Opener(const Clock& clock);

// The installation's fulfilment settings (data map, certificates, connectors, signer), as `serve`
// gives them to the console.
app::FulfilmentDesk Desk(const CliContext& context, app::Installation& installation);

// The installation's [verification] and [sms] settings as the verification use case takes them.
app::VerificationOptions VerificationOptionsOf(const config::InstallationConfig& config);

// Runs `work` with the installation, its services and the data map.
template <typename Work>
int WithFulfilment(CliContext& context, Work work) {
  auto map = LoadMap(context);
  if (!map) return context.Report(map.error());
  auto installation = context.OpenInstallation();
  if (!installation) return context.Report(installation.error());
  app::Services services = context.ServicesOf(**installation);
  app::Fulfilment fulfilment(services, *map, Opener(context.clock()), app::RetryPolicy{});
  return work(fulfilment, **installation);
}

// `fulfil correct-plan`, `fulfil correct` and `fulfil corrections` (cli/correction_commands.cc).
void AddCorrectionCommands(CLI::App& fulfil, CliContext& context);

}  // namespace rightsdesk::cli
