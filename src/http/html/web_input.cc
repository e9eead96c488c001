#include "http/html/web_input.h"

#include <algorithm>

#include "core/text.h"
#include "http/responses.h"

namespace rightsdesk::http::html {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

}  // namespace

std::expected<QueryParams, Response> ReadFormBody(const Request& request) {
  std::string type = Lower(View(request[beast_http::field::content_type]));
  std::string_view media = TrimAscii(std::string_view(type).substr(0, type.find(';')));
  if (media != "application/x-www-form-urlencoded") {
    return std::unexpected(ProblemResponse(415, "Unsupported Media Type",
                                           "send the form as application/x-www-form-urlencoded"));
  }
  auto fields = ParseUrlEncoded(request.body());
  if (!fields) {
    return std::unexpected(ProblemResponse(400, "Bad Request", fields.error().message()));
  }
  return std::move(*fields);
}

std::optional<std::string> CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    std::string_view pair = header.substr(0, header.find(';'));
    header.remove_prefix(std::min(header.size(), pair.size() + 1));
    pair = TrimAscii(pair);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (TrimAscii(pair.substr(0, eq)) == name) return std::string(TrimAscii(pair.substr(eq + 1)));
  }
  return std::nullopt;
}

std::string ChooseLanguage(const QueryParams& params, std::string_view accept_language) {
  if (auto it = params.find("lang");
      it != params.end() && (it->second == "en" || it->second == "es")) {
    return it->second;
  }
  // Accept-Language lists tags by preference; quality values are rarely used to reorder them,
  // so the first tag we speak wins.
  std::string header = Lower(accept_language);
  std::string_view rest = header;
  while (!rest.empty()) {
    std::string_view item = rest.substr(0, rest.find(','));
    rest.remove_prefix(std::min(rest.size(), item.size() + 1));
    std::string_view tag = TrimAscii(item.substr(0, item.find(';')));
    std::string_view primary = tag.substr(0, tag.find('-'));
    if (primary == "en" || primary == "es") return std::string(primary);
  }
  return "en";
}

}  // namespace rightsdesk::http::html
