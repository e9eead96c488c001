// The human-readable summary of the access package, in English, as HTML (a browser) and PDF
// (print). Both render one view, so they say the same: who it is for, the data per system,
// table and record, what is held but withheld, what was redacted, and the categories disclosure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/error.h"
#include "fulfil/access_package.h"
#include "fulfil/package_content.h"

namespace rightsdesk::fulfil {

// The summary's view: every text as it is shown, still unescaped (the renderers escape).
nlohmann::json SummaryView(const PackageContent& content);

// summary.html: one self-contained page (inline CSS, no script, nothing fetched). The template
// (web/package/access_summary.mustache, compiled in) escapes every value.
// kInternal when the template does not parse (a build defect).
[[nodiscard]] Result<std::string> SummaryHtml(const nlohmann::json& view);

// summary.pdf: US Letter pages with the fonts of `assets` embedded, so that any name prints;
// long values wrap, and text that runs past a page continues on the next. `generated_at` is the
// document's creation date (so the same package gives the same bytes).
// kFailedPrecondition when a font cannot be loaded, kInternal when libharu fails otherwise.
[[nodiscard]] Result<std::string> SummaryPdf(const nlohmann::json& view, Instant generated_at,
                                             const PackageAssets& assets);

}  // namespace rightsdesk::fulfil
