#include "app/fulfilment_desk.h"

#include <algorithm>

#include "config/datamap_loader.h"
#include "core/erasure_certificate.h"
#include "platform/files.h"

namespace rightsdesk::app {
namespace {

// Certificate ids are UUIDs: anything else could walk out of the directory.
bool IsCertificateId(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::ranges::all_of(id, [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-';
  });
}

}  // namespace

Result<DataMap> FulfilmentDesk::LoadMap() const {
  if (datamap_file.empty() || !std::filesystem::exists(datamap_file)) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the installation has no data map (write one: docs/datamap.md)");
  }
  return config::LoadDataMapFile(datamap_file);
}

Result<std::filesystem::path> FulfilmentDesk::SaveCertificate(
    const nlohmann::json& certificate) const {
  const std::string id = certificate.value("certificate_id", "");
  if (!IsCertificateId(id)) return Fail(ErrorCode::kInternal, "the certificate has no usable id");
  if (auto made = platform::EnsureDirectory(certificates_dir, 0700); !made) {
    return std::unexpected(made.error());
  }
  const auto path = certificates_dir / (id + ".json");
  if (auto written =
          platform::WriteFileAtomic(path, rightsdesk::CertificateText(certificate), 0644, false);
      !written) {
    return std::unexpected(written.error().WithContext("keeping erasure certificate " + id));
  }
  return path;
}

Result<std::string> FulfilmentDesk::CertificateText(std::string_view certificate_id) const {
  if (!IsCertificateId(certificate_id)) {
    return Fail(ErrorCode::kNotFound, "no certificate " + std::string(certificate_id));
  }
  return platform::ReadFile(certificates_dir / (std::string(certificate_id) + ".json"));
}

}  // namespace rightsdesk::app
