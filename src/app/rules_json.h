// The JSON shape of the rule set (its version, change log, the rows and calendar versions in
// effect on a day) and of rule review items, shared by the CLI's output, the API and the console.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/review_item.h"
#include "core/ruleset.h"

namespace rightsdesk::app {

nlohmann::json ChangeJson(const RuleChange& change);
// {"version", "shipped_version", "changes": [...]} newest first.
nlohmann::json ChangelogJson(const Ruleset& ruleset);
nlohmann::json RuleJson(const Rule& rule);
// {"version", "at", "rules": [rows in effect on `on`], "calendars": [the version of each calendar
// in effect on `on`, with its days off in `on`'s year]}.
nlohmann::json EffectiveRulesJson(const Ruleset& ruleset, Date on);
nlohmann::json ReviewItemJson(const ReviewItem& item);

}  // namespace rightsdesk::app
