// What staff's fulfilment work needs besides the services (app/services.h), for the faces that
// run it (the console, the `fulfil` commands): where the installation's data map and erasure
// certificates live, how each system's connector is opened, who signs certificates, and how
// packages are offered. Built once by the wiring; the data map is read afresh for each piece of
// work, so an edit takes effect at once without a restart.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/access_delivery.h"
#include "app/fulfilment.h"
#include "core/audit_chain.h"
#include "core/datamap.h"

namespace rightsdesk::app {

struct FulfilmentDesk {
  std::filesystem::path datamap_file;
  std::filesystem::path certificates_dir;
  SourceOpener open;
  const CheckpointSigner* signer = nullptr;  // null: erasures cannot be executed from this face
  RetryPolicy retry;
  PackageSettings package;

  // The installation's data map; kFailedPrecondition when it has none (docs/datamap.md),
  // kInvalidArgument when the file does not validate.
  [[nodiscard]] Result<DataMap> LoadMap() const;

  // Keeps a signed erasure certificate as <certificates_dir>/<certificate_id>.json (readable by
  // anyone it is given to: it holds no personal data). Returns the file's path.
  [[nodiscard]] Result<std::filesystem::path> SaveCertificate(
      const nlohmann::json& certificate) const;
  // The text of a kept certificate; kNotFound for an id that names none (or is not an id).
  [[nodiscard]] Result<std::string> CertificateText(std::string_view certificate_id) const;
};

}  // namespace rightsdesk::app
