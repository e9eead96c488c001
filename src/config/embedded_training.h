// The shipped playbooks (rules/playbooks.toml) and training scenarios (training/scenarios/*.toml),
// compiled into the binary (cmake/EmbedFiles.cmake).
#pragma once

#include <span>

#include "core/embedded_file.h"

namespace rightsdesk::config {

std::span<const EmbeddedFile> EmbeddedPlaybooks();
std::span<const EmbeddedFile> EmbeddedTrainingScenarios();

}  // namespace rightsdesk::config
