#include "http/query.h"

#include <algorithm>

namespace rightsdesk::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding: '+' is a space, %XX a byte.
Result<std::string> Decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else {
      if (i + 2 >= text.size() || HexValue(text[i + 1]) < 0 || HexValue(text[i + 2]) < 0) {
        return Fail(ErrorCode::kInvalidArgument, "a parameter has a malformed %-escape");
      }
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
  }
  return out;
}

}  // namespace

Result<QueryParams> ParseQuery(std::string_view target) {
  auto mark = target.find('?');
  if (mark == std::string_view::npos) return QueryParams{};
  return ParseUrlEncoded(target.substr(mark + 1));
}

Result<QueryParams> ParseUrlEncoded(std::string_view query) {
  QueryParams params;
  while (!query.empty()) {
    std::string_view pair = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), pair.size() + 1));
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto name = Decode(pair.substr(0, eq));
    auto value = Decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!name) return std::unexpected(name.error());
    if (!value) return std::unexpected(value.error());
    if (params.size() >= 32) return Fail(ErrorCode::kInvalidArgument, "too many parameters");
    if (!params.emplace(std::move(*name), std::move(*value)).second) {
      return Fail(ErrorCode::kInvalidArgument, "a parameter is repeated");
    }
  }
  return params;
}

}  // namespace rightsdesk::http
