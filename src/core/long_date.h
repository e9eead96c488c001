// A date written out for a person, in the words of a language's strings table (web/i18n/*.json:
// "date_format" with {month}, {day} and {year}, and the twelve "month_names").
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/time.h"

namespace rightsdesk {

// "January 9, 2027" / "9 de enero de 2027". Contract: `strings` has "month_names" (12 entries);
// without "date_format" the English order is used.
std::string LongDate(Date date, const nlohmann::json& strings);

}  // namespace rightsdesk
