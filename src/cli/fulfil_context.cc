#include "cli/fulfil_context.h"

#include <filesystem>

#include "config/datamap_loader.h"
#include "connectors/open_source.h"

namespace rightsdesk::cli {

Result<DataMap> LoadMap(const CliContext& context) {
  const auto path = context.data_dir().datamap();
  if (!std::filesystem::exists(path)) {
    return Fail(ErrorCode::kFailedPrecondition,
                "no data map at " + path.string() + " (write one: docs/datamap.md)");
  }
  return config::LoadDataMapFile(path);
}

app::SourceOpener Opener(const Clock& clock) {
  return [&clock](const SystemMap& system) { return connectors::OpenDataSource(system, clock); };
}

app::VerificationOptions VerificationOptionsOf(const config::InstallationConfig& config) {
  return {.contacts_need_code = config.verification.contacts_need_code,
          .sms_country_code = config.sms.gateway_url.empty() ? "" : config.sms.country_code};
}

app::FulfilmentDesk Desk(const CliContext& context, app::Installation& installation) {
  return {.datamap_file = context.data_dir().datamap(),
          .certificates_dir = context.data_dir().certificates(),
          .open = Opener(context.clock()),
          .signer = &installation.signer()};
}

}  // namespace rightsdesk::cli
