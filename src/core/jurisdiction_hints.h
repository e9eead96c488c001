// Which privacy law a consumer's free text points to ("under the CCPA", "as a Virginia
// resident", "derecho de acceso del RGPD"): the jurisdictions named, by the words people use for
// them, in the order first named. A hint, not a finding: intake uses it only when exactly one
// jurisdiction is named and the business has rules for it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rightsdesk {

std::vector<std::string> JurisdictionHints(std::string_view text);

}  // namespace rightsdesk
