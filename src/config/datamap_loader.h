// Reads the data map, <data>/datamap.toml (docs/datamap.md), and validates it (core/datamap.h).
// Relative sqlite paths are taken from `base_dir` (the file's directory), so a data directory can
// move. Unknown keys are errors: a typo in a deletion strategy must not pass silently.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/datamap.h"
#include "core/error.h"

namespace rightsdesk::config {

Result<DataMap> LoadDataMap(std::string_view toml_text, std::string_view source,
                            const std::filesystem::path& base_dir);

// The data map at `path`; an empty map (no systems) when the file does not exist.
Result<DataMap> LoadDataMapFile(const std::filesystem::path& path);

}  // namespace rightsdesk::config
