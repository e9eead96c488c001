#include "app/datamap_editing.h"

#include "config/datamap_loader.h"
#include "core/hex.h"
#include "core/text.h"
#include "platform/files.h"

namespace rightsdesk::app {

Result<DataMapText> ReadDataMapText(const FulfilmentDesk& desk) {
  auto text = platform::ReadFile(desk.datamap_file);
  if (!text) {
    if (text.error().code() != ErrorCode::kNotFound) return std::unexpected(text.error());
    return DataMapText{.text = "", .sha256 = Sha256Hex("")};
  }
  return DataMapText{.text = *text, .sha256 = Sha256Hex(*text)};
}

Result<DataMapText> ReplaceDataMap(const FulfilmentDesk& desk, store::AuditTrail& trail,
                                   const Clock& clock, std::string_view text,
                                   std::string_view based_on_sha256, std::string_view actor) {
  if (!IsValidUtf8(text) || text.size() > 1024 * 1024) {
    return Fail(ErrorCode::kInvalidArgument, "the data map must be UTF-8 text under 1 MB",
                "/datamap");
  }
  auto map = config::LoadDataMap(text, "datamap.toml", desk.datamap_file.parent_path());
  if (!map) return std::unexpected(map.error());
  auto current = ReadDataMapText(desk);
  if (!current) return std::unexpected(current.error());
  if (current->sha256 != based_on_sha256) {
    return Fail(ErrorCode::kConflict,
                "the data map was changed by someone else since you opened it: reload and "
                "make your change again");
  }
  if (!current->text.empty()) {
    auto previous = desk.datamap_file;
    previous += ".previous";
    if (auto kept = platform::WriteFileAtomic(previous, current->text, 0600, true); !kept) {
      return std::unexpected(kept.error().WithContext("keeping the previous data map"));
    }
  }
  if (auto written = platform::WriteFileAtomic(desk.datamap_file, text, 0600, true); !written) {
    return std::unexpected(written.error().WithContext("writing the data map"));
  }
  DataMapText replaced{.text = std::string(text), .sha256 = Sha256Hex(text)};
  auto recorded = trail.Append({.actor = std::string(actor),
                                .action = "datamap.changed",
                                .at = clock.Now(),
                                .details = {{"before_sha256", current->sha256},
                                            {"after_sha256", replaced.sha256},
                                            {"systems", map->systems.size()}}});
  if (!recorded) return std::unexpected(recorded.error().WithContext("recording the change"));
  return replaced;
}

}  // namespace rightsdesk::app
