// The access package: the answer to a consumer's request to know the specific pieces of personal
// information a business holds about them (Cal. Civ. Code §1798.110, §1798.130(a)(3)), in a
// portable, readily usable format. One ZIP, built in memory (docs/access-package.md):
//   README.txt                what each file holds
//   summary.pdf, summary.html the same human-readable summary, for print and for a browser
//   data.json                 machine-readable (docs/schemas/access-package.schema.json)
//   categories/<category>.csv one per category of personal information found, long format
// Besides the pieces, every file carries the categories disclosure (core/disclosure.h): the
// categories, sources, purposes and recipients of §1798.110(a)(1)-(4).
//
// Never disclosed (Cal. Code Regs. tit. 11 §7024(d)): the values of fields the data map marks
// `withheld` (SSN, government ids, account numbers, passwords, security answers, biometrics); the
// package only states that such data is held. Other people's personal information in free text
// is replaced by "[redacted]" wherever one of the request's redaction patterns matches.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/datamap.h"
#include "core/error.h"
#include "core/findings.h"
#include "core/time.h"

namespace rightsdesk::fulfil {

struct AccessPackageInput {
  std::string reference;      // "RD-2026-00042"
  std::string consumer_name;  // as verified; shown on the summary
  Instant generated_at;       // printed, and the ZIP entries' and PDF's date
  const DataMap& map;
  // One per system searched. Every system of `map` appears in the package: one without a search
  // here is shown as failed ("not searched"), like one whose search has an error.
  const std::vector<SystemSearch>& searches;
  // RE2 patterns for other people's personal information in free text (staff write them after
  // reviewing the findings). Every match within a string value is replaced by "[redacted]".
  std::vector<std::string> redact_patterns;
};

// What the package needs from the machine: the TrueType fonts the PDF embeds, which must cover
// the consumers' names (DejaVu covers Latin, Greek and Cyrillic scripts).
struct PackageAssets {
  std::string font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string bold_font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
};

// The placeholder of a redacted match, in every file of the package.
inline constexpr char kRedactedPlaceholder[] = "[redacted]";

// The package as the bytes of a ZIP file. Deterministic: the same input gives the same bytes.
// Errors:
//   kInvalidArgument   a redaction pattern is not valid RE2 or matches the empty string (the
//                      message and the field "/redact_patterns/<i>" name its index, not its
//                      text, which may hold personal data); a search names a system, or findings
//                      a table, that the data map lacks; a row whose values do not match its
//                      table's fields.
//   kFailedPrecondition a font cannot be loaded.
//   kInternal          libharu or libzip failed.
// Messages never carry personal data. Thread-safe: shares nothing between calls.
[[nodiscard]] Result<std::vector<std::uint8_t>> BuildAccessPackage(const AccessPackageInput& input,
                                                                   const PackageAssets& assets);

}  // namespace rightsdesk::fulfil
