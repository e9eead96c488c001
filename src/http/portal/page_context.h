// What every privacy-center page's template gets: the language, its strings, the business's name,
// the link to the other language, and whether a Global Privacy Control signal was honored (with
// the cookie that names this browser on the preference ledger).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/long_date.h"
#include "core/time.h"
#include "http/api_context.h"
#include "http/http_types.h"
#include "http/query.h"
#include "store/code_store.h"

namespace rightsdesk::http::portal {

struct Gpc {
  bool honored = false;
  std::optional<std::string> set_cookie;  // a new browser id, to remember
};

// When the request carries `Sec-GPC: 1`, records the opt-out for this browser (and for `email`
// when not empty) on the preference ledger. Not honored (and said so in the log, without the id)
// if the ledger cannot be written: the page must not claim what was not recorded.
Gpc HonorGpcSignal(const ApiContext& api, const Request& request, std::string_view email);

// The base context; `path` is this page's path without "lang", to build the other language's
// link (empty: no link).
nlohmann::json PageContext(const ApiContext& api, std::string_view lang, std::string_view title_key,
                           std::string_view path, const Gpc& gpc);

// A string of the page's language (`t`), or "" when missing.
std::string Text(const nlohmann::json& strings, const std::string& key);

// `text` with `placeholder` ("{minutes}") replaced by `value` (once).
std::string Filled(std::string text, std::string_view placeholder, std::int64_t value);

// How long a one-time code lives, in minutes (core/one_time_code.h).
std::int64_t CodeMinutes();

// Why a code was refused, in the consumer's words, with what they can still do: the string
// `<prefix><outcome>` ("code_wrong"), else the generic "code_<outcome>", then the attempts left
// or `<prefix>none_left` when no code may be sent any more.
std::string CodeRefusalText(const nlohmann::json& strings, const store::CodeVerdict& verdict,
                            std::string_view prefix);

// The request's query parameters; none when the query is malformed (pages then use defaults).
QueryParams QueryOf(const Request& request);

// A page with the security headers, the GPC cookie if any.
Response PageResponse(const ApiContext& api, unsigned status, std::string_view template_name,
                      const nlohmann::json& context, const Gpc& gpc);

}  // namespace rightsdesk::http::portal
