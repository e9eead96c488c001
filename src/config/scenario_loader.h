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

// A scenario file's text (named `source` in errors): the TOML syntax errors, then LoadScenario's.
Result<Scenario> LoadScenarioFile(std::string_view text, std::string_view source);

// Adds a loaded scenario to `library`; kInvalidArgument naming `source` when its id is taken.
Result<void> AddScenario(Scenario scenario, std::string_view source, ScenarioLibrary& library);

}  // namespace rightsdesk::config
