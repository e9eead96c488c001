// The shipped rules/*.toml and screening lists, compiled into the binary (cmake/EmbedFiles.cmake).
#pragma once

#include <span>

#include "core/embedded_file.h"

namespace rightsdesk::config {

std::span<const EmbeddedFile> EmbeddedRules();

// rules/disposable_email_domains.txt (one domain a line; see core/disposable_domains.h).
std::span<const EmbeddedFile> EmbeddedScreeningLists();

}  // namespace rightsdesk::config
