// A company's own prioritisation rules: `[[priority_rule]]` tables in rightsdesk.toml. When the
// file has any, they replace the shipped ones (core/priority_rules.h) as a whole, so the file
// shows every rule in force.
#pragma once

#include <toml++/toml.h>

#include <string_view>

#include "core/error.h"
#include "core/ruleset.h"

namespace rightsdesk::config {

// kInvalidArgument naming the entry (and field) for an unknown key, a wrong type, an unknown
// priority or request type, or a rule without a reason.
Result<void> LoadPriorityRules(const toml::table& doc, std::string_view source, Ruleset& into);

}  // namespace rightsdesk::config
