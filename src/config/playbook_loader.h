// Loads playbooks (core/playbook.h) from TOML: the shipped rules/playbooks.toml, compiled in.
// Errors name the file, the playbook and the step.
#pragma once

#include <toml++/toml.h>

#include <string_view>

#include "core/error.h"
#include "core/playbook.h"

namespace rightsdesk::config {

// Reads the [[playbook]] array into `into` (a later playbook of a type replaces the earlier).
Result<void> LoadPlaybooks(const toml::table& doc, std::string_view source, Playbooks& into);

// The shipped playbooks: one for every request type, or kInvalidArgument naming the missing one.
Result<Playbooks> DefaultPlaybooks();

}  // namespace rightsdesk::config
