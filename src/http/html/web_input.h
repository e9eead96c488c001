// What a browser sends besides the path: form bodies, cookies, the language it prefers.
// Outside input: every parser here returns an error value or a default, never crashes
// (fuzz/web_input_fuzz.cc).
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "http/http_types.h"
#include "http/query.h"

namespace rightsdesk::http::html {

// The fields of an application/x-www-form-urlencoded body, or the 415/400 problem to send.
std::expected<QueryParams, Response> ReadFormBody(const Request& request);

// The value of cookie `name` in a Cookie header ("a=1; b=2"), if present.
std::optional<std::string> CookieValue(std::string_view header, std::string_view name);

// "en" or "es": an explicit choice ("lang" parameter) wins, then the browser's Accept-Language
// (the first of en/es it names), then English.
std::string ChooseLanguage(const QueryParams& params, std::string_view accept_language);

}  // namespace rightsdesk::http::html
