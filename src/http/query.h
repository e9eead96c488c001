// The query string of a request target ("?status=verified&overdue=true"): split into decoded
// name/value pairs. Outside input: malformed percent-escapes are errors, never crashes.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk::http {

using QueryParams = std::map<std::string, std::string, std::less<>>;

// kInvalidArgument for a bad escape, a repeated name, or more than 32 parameters.
Result<QueryParams> ParseQuery(std::string_view target);

}  // namespace rightsdesk::http
