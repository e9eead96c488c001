// The answer to a request to know: the access package, built from every system's findings,
// sealed in the ledger and offered to the consumer by an expiring link (default 7 days); and the
// categories disclosure for a `categories` request, generated from the data map. The package is
// built only when every connected system was searched successfully: a partial package would
// mislead the consumer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/fulfilment.h"
#include "app/services.h"
#include "core/datamap.h"
#include "fulfil/access_package.h"
#include "store/fulfilment_store.h"

namespace rightsdesk::app {

struct PackageSettings {
  int link_days = 7;
  fulfil::PackageAssets assets;
};

struct IssuedPackage {
  store::PackageRecord record;
  std::string link_path;  // "/privacy/package/<id>/<secret>": shown once, sent to the consumer
};

// For a verified (or in progress) access request: searches, builds, seals and stores the package
// (`package.built`), and queues the `package_ready` message with the link (`package.offered`).
// kUnavailable when a system could not be searched; kFailedPrecondition when open manual tasks
// must first be done. `redact_patterns`: RE2 patterns staff set after reading the findings.
Result<IssuedPackage> IssueAccessPackage(const Services& services, Fulfilment& fulfilment,
                                         std::string_view reference,
                                         const std::vector<std::string>& redact_patterns,
                                         const PackageSettings& settings, std::string_view actor);

// The package behind a link, when the link is valid now: kNotFound for a malformed or unknown
// link, kFailedPrecondition when it expired or the bytes were erased.
Result<store::PackageRecord> FindOfferedPackage(const Services& services,
                                                std::string_view package_id,
                                                std::string_view secret);

// The categories disclosure (JSON) answering a `categories` request; records
// `categories.disclosed`.
Result<nlohmann::json> DiscloseCategoriesFor(const Services& services, const DataMap& map,
                                             std::string_view reference, std::string_view actor);

}  // namespace rightsdesk::app
