// Loads the rules table, calendars and business settings from TOML documents into a Ruleset:
// first the defaults compiled into the binary (rules/*.toml), then a company's own rightsdesk.toml
// whose rows override or extend them. Errors name the file, the entry and the field.
#pragma once

#include <toml++/toml.h>

#include <string_view>

#include "core/error.h"
#include "core/ruleset.h"

namespace rightsdesk::config {

enum class Origin {
  kDefaults,  // shipped rules: every row complete, no duplicates
  kCompany,   // a company's overrides: rows merge onto the defaults
};

// Parses TOML text; kInvalidArgument with the source name, line and column on a syntax error.
Result<toml::table> ParseToml(std::string_view text, std::string_view source);

// Reads the [[jurisdiction]], [[rule]], [[calendar]] and [[change]] arrays, the shipped
// `version` (kDefaults only) and [business] (kCompany only).
Result<void> LoadRules(const toml::table& doc, std::string_view source, Origin origin,
                       Ruleset& into);

// The shipped rules and calendars, validated, with the shipped disposable email domains.
Result<Ruleset> DefaultRuleset();

}  // namespace rightsdesk::config
