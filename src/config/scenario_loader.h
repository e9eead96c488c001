// Loads training scenarios (core/training.h) from TOML: the library kept in the repo
// (training/scenarios/*.toml, compiled in; docs/training.md describes the format). Errors name
// the file, the section and the field.
#pragma once

#include <toml++/toml.h>

#include <string_view>

#include "core/error.h"
#include "core/training.h"

namespace rightsdesk::config {

// One scenario file; the result passed ValidateScenario.
Result<Scenario> LoadScenario(const toml::table& doc, std::string_view source);

// The shipped library.
Result<ScenarioLibrary> DefaultScenarios();

}  // namespace rightsdesk::config
