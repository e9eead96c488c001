// The data map as an admin edits it in the console (docs/datamap.md): its text, and replacing it
// with a version that validates — written atomically, the version it replaces kept beside it
// (datamap.toml.previous), and the change recorded on the trail (`datamap.changed`, with both
// versions' SHA-256 and who). The file's text never goes into the trail: it may name systems'
// hosts that an auditor need not see.
#pragma once

#include <string>
#include <string_view>

#include "app/fulfilment_desk.h"
#include "core/time.h"
#include "store/audit_trail.h"

namespace rightsdesk::app {

struct DataMapText {
  std::string text;    // empty when there is no data map yet
  std::string sha256;  // hex of `text`; what an edit is based on
};

[[nodiscard]] Result<DataMapText> ReadDataMapText(const FulfilmentDesk& desk);

// kInvalidArgument (with the loader's message: which system, table or key) when `text` does not
// validate; kConflict when the file changed since the version `based_on_sha256` was read (another
// admin's edit). Nothing is written then.
[[nodiscard]] Result<DataMapText> ReplaceDataMap(const FulfilmentDesk& desk,
                                                 store::AuditTrail& trail, const Clock& clock,
                                                 std::string_view text,
                                                 std::string_view based_on_sha256,
                                                 std::string_view actor);

}  // namespace rightsdesk::app
