// The shipped rules/*.toml, compiled into the binary (cmake/EmbedFiles.cmake).
#pragma once

#include <span>

#include "core/embedded_file.h"

namespace rightsdesk::config {

std::span<const EmbeddedFile> EmbeddedRules();

}  // namespace rightsdesk::config
