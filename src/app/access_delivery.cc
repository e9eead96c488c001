#include "app/access_delivery.h"

#include "app/casework.h"
#include "core/disclosure.h"
#include "core/hex.h"
#include "core/random.h"
#include "security/api_token.h"

namespace rightsdesk::app {
namespace {

Result<Request> AccessRequest(const Services& services, std::string_view reference) {
  auto request = FindRequest(services, reference);
  if (!request) return request;
  if (request->type != RequestType::kAccess) {
    return Fail(ErrorCode::kFailedPrecondition, request->reference + " is a request to " +
                                                    std::string(Name(request->type)) +
                                                    ": only access requests get a package");
  }
  if (request->status != Status::kVerified && request->status != Status::kInProgress) {
    return Fail(ErrorCode::kFailedPrecondition, request->reference + " is " +
                                                    std::string(Name(request->status)) +
                                                    ": a package needs a verified request");
  }
  return request;
}

Result<void> NoOpenTask(const Services& services, const Request& request) {
  auto tasks = services.fulfilment->TasksOf(request.id);
  if (!tasks) return std::unexpected(tasks.error());
  for (const auto& task : *tasks) {
    if (task.status == "open") {
      return Fail(ErrorCode::kFailedPrecondition,
                  "the manual task for " + task.system + " must be done before the package");
    }
  }
  return {};
}

Result<void> Offer(const Services& services, const Request& request, const IssuedPackage& package,
                   std::string_view actor) {
  auto zone = services.ruleset.TimeZoneFor(request.jurisdiction);
  if (!zone) return std::unexpected(zone.error());
  auto expires_on = services.zones.LocalDate(*zone, package.record.expires_at);
  if (!expires_on) return std::unexpected(expires_on.error());
  auto changed = RecordOnRequest(
      services, request.id,
      {.actor = std::string(actor),
       .action = "package.offered",
       .details = {{"package_id", package.record.id}, {"expires_on", FormatDate(*expires_on)}}},
      {{.kind = "package_ready",
        .params = {{"package_path", package.link_path}, {"expires_on", FormatDate(*expires_on)}}}});
  if (!changed) return std::unexpected(changed.error());
  return {};
}

}  // namespace

Result<IssuedPackage> IssueAccessPackage(const Services& services, Fulfilment& fulfilment,
                                         std::string_view reference,
                                         const std::vector<std::string>& redact_patterns,
                                         const PackageSettings& settings, std::string_view actor) {
  if (services.fulfilment == nullptr) {
    return Fail(ErrorCode::kInternal, "packages need the fulfilment store");
  }
  auto request = AccessRequest(services, reference);
  if (!request) return std::unexpected(request.error());
  auto searches = fulfilment.Search(request->reference, actor);
  if (!searches) return std::unexpected(searches.error());
  for (const auto& search : *searches) {
    if (search.error) {
      return Fail(ErrorCode::kUnavailable, "no package while " + search.system +
                                               " cannot be searched: " + search.error->message());
    }
  }
  if (auto done = NoOpenTask(services, *request); !done) return std::unexpected(done.error());
  const Instant now = services.clock.Now();
  auto zip = fulfil::BuildAccessPackage({.reference = request->reference,
                                         .consumer_name = request->subject.name,
                                         .generated_at = now,
                                         .map = fulfilment.map(),
                                         .searches = *searches,
                                         .redact_patterns = redact_patterns},
                                        settings.assets);
  if (!zip) return std::unexpected(zip.error().WithContext("building the package"));
  const std::string secret = security::NewPackageTokenSecret(services.random);
  IssuedPackage issued{.record = {.id = NewTimeOrderedUuid(now, services.random),
                                  .request_id = request->id,
                                  .created_at = now,
                                  .expires_at = now + std::chrono::days(settings.link_days),
                                  .size = static_cast<std::int64_t>(zip->size()),
                                  .sha256 = Sha256Hex(std::string_view(
                                      reinterpret_cast<const char*>(zip->data()), zip->size()))}};
  issued.link_path = "/privacy/package/" + issued.record.id + "/" + secret;
  auto stored = services.fulfilment->StorePackage(
      issued.record, security::HashToken(secret), *zip,
      {.request_id = request->id,
       .actor = std::string(actor),
       .action = "package.built",
       .at = now,
       .details = {{"package_id", issued.record.id},
                   {"size", issued.record.size},
                   {"sha256", issued.record.sha256},
                   {"systems", SearchSummary(*searches)},
                   {"redaction_patterns", redact_patterns.size()}}});
  if (!stored) return std::unexpected(stored.error());
  if (auto offered = Offer(services, *request, issued, actor); !offered) {
    return std::unexpected(offered.error());
  }
  return issued;
}

Result<store::PackageRecord> FindOfferedPackage(const Services& services,
                                                std::string_view package_id,
                                                std::string_view secret) {
  const auto unknown = [] { return Fail(ErrorCode::kNotFound, "no package behind this link"); };
  if (services.fulfilment == nullptr ||
      !security::LooksLikeToken(secret, security::kPackageTokenPrefix)) {
    return unknown();
  }
  auto package = services.fulfilment->FindPackageByToken(security::HashToken(secret));
  if (!package || package->id != package_id) return unknown();
  if (package->erased || services.clock.Now() >= package->expires_at) {
    return Fail(ErrorCode::kFailedPrecondition, "this download link has expired");
  }
  return package;
}

Result<nlohmann::json> DiscloseCategoriesFor(const Services& services, const DataMap& map,
                                             std::string_view reference, std::string_view actor) {
  auto request = FindRequest(services, reference);
  if (!request) return std::unexpected(request.error());
  if (request->type != RequestType::kCategories && request->type != RequestType::kAccess) {
    return Fail(ErrorCode::kFailedPrecondition, request->reference + " is not a request to know");
  }
  nlohmann::json disclosure = DisclosureJson(DiscloseCategories(map));
  auto changed = RecordOnRequest(services, request->id,
                                 {.actor = std::string(actor),
                                  .action = "categories.disclosed",
                                  .details = {{"categories", disclosure["categories"].size()}}});
  if (!changed) return std::unexpected(changed.error());
  return disclosure;
}

}  // namespace rightsdesk::app
