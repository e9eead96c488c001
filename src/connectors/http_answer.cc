#include "connectors/http_answer.h"

#include <algorithm>
#include <cctype>
#include <exception>

namespace rightsdesk::connectors {
namespace {

// The deepest nesting of arrays and objects outside strings. nlohmann's parser is iterative,
// but printing and destroying a value recurse: the bound keeps the stack safe.
int NestingDepth(std::string_view body) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (std::size_t at = 0; at < body.size(); ++at) {
    const char c = body[at];
    if (in_string) {
      if (c == '\\') {
        ++at;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

bool IsUrlChar(char c) { return c > ' ' && c < 0x7f && c != '\\'; }

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "https://host:port" of an absolute URL, scheme and host in lower case; empty when not one.
std::string OriginOf(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  const std::size_t end = url.find_first_of("/?#", scheme + 3);
  return Lower(url.substr(0, end));
}

std::string WithoutQuery(std::string_view url) { return std::string(url.substr(0, url.find('?'))); }

// Decodes one reference token of a JSON pointer (~1 is '/', ~0 is '~').
std::string Unescape(std::string_view token) {
  std::string out;
  for (std::size_t at = 0; at < token.size(); ++at) {
    if (token[at] == '~' && at + 1 < token.size()) {
      out += token[at + 1] == '1' ? '/' : '~';
      ++at;
    } else {
      out += token[at];
    }
  }
  return out;
}

// An array index: digits without a leading zero (RFC 6901 §4).
std::optional<std::size_t> IndexOf(std::string_view token) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) {
    return std::nullopt;
  }
  std::size_t index = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  return index;
}

Result<std::optional<std::string>> NextLink(const FieldValue& document,
                                            const HttpCollection& collection, const PageAt& at) {
  const FieldValue* link = AtPointer(document, collection.paging.pointer);
  if (!link || link->is_null() ||
      (link->is_string() && link->get_ref<const std::string&>().empty())) {
    return std::nullopt;
  }
  if (!link->is_string()) return Fail(ErrorCode::kUnavailable, "the next link is not a string");
  auto url = ResolveLink(at.base_url, at.url, link->get_ref<const std::string&>());
  if (!url) return std::unexpected(url.error());
  return std::move(*url);
}

Result<std::optional<std::string>> NextCursor(const FieldValue& document,
                                              const HttpCollection& collection, const PageAt& at) {
  const FieldValue* cursor = AtPointer(document, collection.paging.pointer);
  if (!cursor || cursor->is_null()) return std::nullopt;
  const std::string text = KeyText(*cursor);
  if (text.empty()) {
    if (cursor->is_string()) return std::nullopt;
    return Fail(ErrorCode::kUnavailable, "the cursor is not a string or a whole number");
  }
  return WithQueryParam(at.search_url, collection.paging.param, text);
}

Result<std::optional<std::string>> NextPage(const FieldValue& document, const SearchPage& page,
                                            const HttpCollection& collection, const PageAt& at) {
  switch (collection.paging.kind) {
    case HttpPaging::Kind::kNone:
      return std::nullopt;
    case HttpPaging::Kind::kNextLink:
      return NextLink(document, collection, at);
    case HttpPaging::Kind::kCursor:
      return NextCursor(document, collection, at);
    case HttpPaging::Kind::kPageNumber:
      if (page.records.empty()) return std::nullopt;
      return WithQueryParam(at.search_url, collection.paging.param,
                            std::to_string(at.page_number + 1));
  }
  return std::nullopt;
}

}  // namespace

Result<FieldValue> ParseAnswer(std::string_view body) {
  if (NestingDepth(body) > kMaxAnswerDepth) {
    return Fail(ErrorCode::kUnavailable,
                "the answer nests deeper than " + std::to_string(kMaxAnswerDepth) + " levels");
  }
  try {
    FieldValue document = FieldValue::parse(body, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) return Fail(ErrorCode::kUnavailable, "the answer is not JSON");
    return document;
  } catch (const std::exception&) {  // allow_exceptions=false: a guard, not an expected path
    return Fail(ErrorCode::kUnavailable, "the answer is not JSON");
  }
}

const FieldValue* AtPointer(const FieldValue& document, std::string_view pointer) {
  const FieldValue* at = &document;
  while (!pointer.empty()) {
    if (pointer.front() != '/') return nullptr;
    pointer.remove_prefix(1);
    const std::string_view raw = pointer.substr(0, pointer.find('/'));
    pointer.remove_prefix(raw.size());
    const std::string token = Unescape(raw);
    if (at->is_object()) {
      auto member = at->find(token);
      if (member == at->end()) return nullptr;
      at = &*member;
    } else if (auto index = IndexOf(token); at->is_array() && index && *index < at->size()) {
      at = &(*at)[*index];
    } else {
      return nullptr;
    }
  }
  return at;
}

Result<SearchPage> ReadSearchPage(std::string_view body, const HttpCollection& collection,
                                  const PageAt& at) {
  auto document = ParseAnswer(body);
  if (!document) return std::unexpected(document.error());
  const FieldValue* records = AtPointer(*document, collection.records);
  if (!records || !records->is_array()) {
    return Fail(ErrorCode::kUnavailable,
                "no array of records at '" + collection.records + "' in the answer");
  }
  SearchPage page;
  for (const auto& record : *records) {
    if (!record.is_object()) {
      return Fail(ErrorCode::kUnavailable, "a record in the answer is not a JSON object");
    }
  }
  page.records = records->get<std::vector<FieldValue>>();
  auto next = NextPage(*document, page, collection, at);
  if (!next) return std::unexpected(next.error());
  page.next_url = std::move(*next);
  return page;
}

Result<std::string> ResolveLink(std::string_view base_url, std::string_view current_url,
                                std::string_view link) {
  if (link.empty() || !std::all_of(link.begin(), link.end(), IsUrlChar)) {
    return Fail(ErrorCode::kUnavailable, "the next link is not a URL");
  }
  const std::string origin = OriginOf(base_url);
  const std::string lower = Lower(link.substr(0, 8));
  if (lower.starts_with("http://") || lower.starts_with("https://")) {
    if (OriginOf(link) != origin) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "the next link leads away from base_url's host: not followed");
    }
    return std::string(link);
  }
  if (link.starts_with("//") ||
      link.substr(0, link.find_first_of("/?")).find(':') != std::string_view::npos) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the next link leads away from base_url's host: not followed");
  }
  if (link.front() == '/') return origin + std::string(link);
  const std::string current = WithoutQuery(current_url);
  if (link.front() == '?') return current + std::string(link);
  const std::size_t slash = current.rfind('/');
  const std::string directory = slash != std::string::npos && slash >= origin.size()
                                    ? current.substr(0, slash + 1)
                                    : origin + "/";
  return directory + std::string(link);
}

std::string WithQueryParam(std::string_view url, std::string_view name, std::string_view value) {
  const char separator = url.find('?') == std::string_view::npos ? '?' : '&';
  return std::string(url) + separator + std::string(name) + "=" + PercentEncode(value);
}

Result<FieldValue> ReadRecord(std::string_view body, std::string_view pointer) {
  auto document = ParseAnswer(body);
  if (!document) return std::unexpected(document.error());
  const FieldValue* record = AtPointer(*document, pointer);
  if (!record || !record->is_object()) {
    return Fail(ErrorCode::kUnavailable,
                "no record (a JSON object) at '" + std::string(pointer) + "' in the answer");
  }
  return *record;
}

FieldValue FieldOf(const FieldValue& record, std::string_view column) {
  const FieldValue* value = nullptr;
  if (column.starts_with("/")) {
    value = AtPointer(record, column);
  } else if (auto member = record.find(std::string(column)); member != record.end()) {
    value = &*member;
  }
  if (!value) return nullptr;
  if (value->is_structured())
    return value->dump(-1, ' ', false, FieldValue::error_handler_t::replace);
  return *value;
}

std::string KeyText(const FieldValue& key) {
  if (key.is_string()) return key.get<std::string>();
  if (key.is_number_integer()) return key.dump();
  return {};
}

}  // namespace rightsdesk::connectors
