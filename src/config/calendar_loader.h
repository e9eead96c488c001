// Reads one [[calendar]] entry (see rules/calendars.toml for the format), a version of its id
// when it has an effective_from.
#pragma once

#include <toml++/toml.h>

#include <string>

#include "core/calendar.h"
#include "core/error.h"

namespace rightsdesk::config {

Result<Calendar> LoadCalendar(const toml::table& table, const std::string& where);

}  // namespace rightsdesk::config
