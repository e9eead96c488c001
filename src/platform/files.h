// Small file-system helpers with the guarantees the store and the key files need.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk::platform {

// kNotFound if missing; kUnavailable on other I/O errors. Never logs the contents.
Result<std::string> ReadFile(const std::filesystem::path& path);

// Writes atomically (temporary file, fsync, rename, fsync of the directory) with `mode`
// permissions from creation on, so a secret is never readable by others even briefly.
// kAlreadyExists if `path` exists and `overwrite` is false.
Result<void> WriteFileAtomic(const std::filesystem::path& path, std::string_view contents,
                             unsigned mode, bool overwrite);

// Creates the directory (and parents) with `mode` if missing.
Result<void> EnsureDirectory(const std::filesystem::path& path, unsigned mode);

}  // namespace rightsdesk::platform
