// Downloading an access package (app/access_delivery.h offers it by link): the link alone does not
// give the file. The consumer asks for a one-time code, which goes to the request's email address,
// and types it back; only an accepted code releases the ZIP, and the download is recorded
// (`package.downloaded`). This is the "verified identity again" of DESIGN.md 2.5: whoever only
// found the link (a forwarded message, a shared computer's history) cannot open the package.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/one_time_codes.h"
#include "app/services.h"
#include "core/request.h"
#include "store/code_store.h"
#include "store/fulfilment_store.h"

namespace rightsdesk::app {

// A valid link: the package, its request, and the last day the link works (in the time zone of
// the request's jurisdiction, as the `package_ready` message says it).
struct OfferedPackage {
  store::PackageRecord package;
  Request request;
  Date expires_on;
};

// The purpose a package's codes are bound to: "package:<id>".
std::string PackageCodePurpose(std::string_view package_id);

// The package behind a link that is valid now. kNotFound for a malformed or unknown link (never
// saying which), kFailedPrecondition when it expired or its bytes were erased.
[[nodiscard]] Result<OfferedPackage> OpenPackageLink(const Services& services,
                                                     std::string_view package_id,
                                                     std::string_view secret);

// Sends a fresh code for an offered package to its request's email, in `language` (empty: the
// request's). kResourceExhausted when the package had every code it may have
// (OneTimeCodePolicy::max_issued).
[[nodiscard]] Result<IssuedCode> SendPackageCode(const Services& services, store::CodeStore& codes,
                                                 const OfferedPackage& offered,
                                                 std::string_view language);

struct PackageDownload {
  store::CodeVerdict verdict;
  std::string reference;  // the request's, to name the file
  // The ZIP when the code was accepted; empty otherwise.
  std::optional<std::vector<std::uint8_t>> zip;
};

// Checks `typed` against the offered package's latest code and, when it is accepted, returns the
// ZIP and records the download. A refused code is a verdict (no ZIP), not an error.
// kInvalidArgument when `typed` is not six digits (no attempt counted); kFailedPrecondition when
// the bytes were erased after the link was opened.
[[nodiscard]] Result<PackageDownload> DownloadWithCode(const Services& services,
                                                       store::CodeStore& codes,
                                                       const OfferedPackage& offered,
                                                       std::string_view typed);

}  // namespace rightsdesk::app
