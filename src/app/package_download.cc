#include "app/package_download.h"

#include "app/access_delivery.h"

namespace rightsdesk::app {
namespace {

constexpr std::string_view kDownloadActor = "consumer";
constexpr std::string_view kUse = "package_download";

}  // namespace

std::string PackageCodePurpose(std::string_view package_id) {
  return "package:" + std::string(package_id);
}

Result<OfferedPackage> OpenPackageLink(const Services& services, std::string_view package_id,
                                       std::string_view secret) {
  auto package = FindOfferedPackage(services, package_id, secret);
  if (!package) return std::unexpected(package.error());
  auto request = services.requests.FindById(package->request_id);
  if (!request) {
    return std::unexpected(request.error().WithContext("the request of package " + package->id));
  }
  auto zone = services.ruleset.TimeZoneFor(request->jurisdiction);
  if (!zone) return std::unexpected(zone.error());
  auto expires_on = services.zones.LocalDate(*zone, package->expires_at);
  if (!expires_on) return std::unexpected(expires_on.error());
  return OfferedPackage{
      .package = std::move(*package), .request = std::move(*request), .expires_on = *expires_on};
}

Result<IssuedCode> SendPackageCode(const Services& services, store::CodeStore& codes,
                                   const OfferedPackage& offered, std::string_view language) {
  return IssueCode(services, codes, offered.request, PackageCodePurpose(offered.package.id),
                   kDownloadActor, {.language = std::string(language), .use = std::string(kUse)});
}

Result<PackageDownload> DownloadWithCode(const Services& services, store::CodeStore& codes,
                                         const OfferedPackage& offered, std::string_view typed) {
  const store::PackageRecord& package = offered.package;
  auto verdict = CheckCode(services, codes, offered.request, PackageCodePurpose(package.id), typed,
                           kDownloadActor);
  if (!verdict) return std::unexpected(verdict.error());
  PackageDownload download{.verdict = std::move(*verdict), .reference = offered.request.reference};
  if (download.verdict.outcome != CodeOutcome::kAccepted) return download;
  if (services.fulfilment == nullptr) return Fail(ErrorCode::kInternal, "no fulfilment store");
  auto zip = services.fulfilment->DownloadPackage(
      package.id, {.request_id = package.request_id,
                   .actor = std::string(kDownloadActor),
                   .action = "package.downloaded",
                   .at = services.clock.Now(),
                   .details = {{"package_id", package.id},
                               {"code_id", download.verdict.code_id},
                               {"sha256", package.sha256}}});
  if (!zip) return std::unexpected(zip.error().WithContext("downloading package " + package.id));
  download.zip = std::move(*zip);
  return download;
}

}  // namespace rightsdesk::app
