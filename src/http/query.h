// The query string of a request target ("?status=verified&overdue=true") or an HTML form's body:
// split into decoded name/value pairs. Outside input: malformed percent-escapes are errors, never
// crashes.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk::http {

using QueryParams = std::map<std::string, std::string, std::less<>>;

// kInvalidArgument for a bad escape, a repeated name, or more than 32 parameters.
Result<QueryParams> ParseQuery(std::string_view target);

// The same rules for an application/x-www-form-urlencoded text (a query without the '?', or an
// HTML form's body).
Result<QueryParams> ParseUrlEncoded(std::string_view encoded);

}  // namespace rightsdesk::http
