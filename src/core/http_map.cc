#include "core/http_map.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/datamap.h"

namespace rightsdesk {
namespace {

Result<void> HttpMapProblem(std::string_view where, std::string_view what) {
  return Fail(ErrorCode::kInvalidArgument,
              "data map: " + std::string(where) + ": " + std::string(what));
}

bool IsPlaceholderName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(),
                                      [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// A target's bytes are printable ASCII without space or '#'; values are encoded into it later.
bool IsTargetChar(char c) { return c > ' ' && c < 0x7f && c != '#'; }

Result<std::vector<std::string>> Placeholders(std::string_view target) {
  std::vector<std::string> names;
  for (std::size_t at = 0; at < target.size(); ++at) {
    if (target[at] == '}') return Fail(ErrorCode::kInvalidArgument, "a '}' without its '{'");
    if (target[at] != '{') continue;
    const std::size_t close = target.find('}', at);
    if (close == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument, "a '{' without its '}'");
    }
    const std::string_view name = target.substr(at + 1, close - at - 1);
    if (!IsPlaceholderName(name)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "placeholder {" + std::string(name) + "}: names use a-z and _");
    }
    names.emplace_back(name);
    at = close;
  }
  return names;
}

bool IsEnvName(std::string_view name) {
  if (name.empty() || name.size() > 64 || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A query parameter whose name says secret and whose value is written out, not a placeholder:
// the secret would sit in the data map (and in every log of the URL).
bool HoldsWrittenSecret(std::string_view target) {
  const std::size_t query = target.find('?');
  if (query == std::string_view::npos) return false;
  static constexpr std::array<std::string_view, 8> kSecretWords{
      "token", "secret", "password", "passwd", "apikey", "api_key", "api-key", "access_key"};
  std::string_view rest = target.substr(query + 1);
  while (!rest.empty()) {
    const std::string_view pair = rest.substr(0, rest.find('&'));
    rest.remove_prefix(std::min(rest.size(), pair.size() + 1));
    const std::size_t equals = pair.find('=');
    const std::string name = Lower(pair.substr(0, equals));
    const std::string_view value =
        equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
    const bool placeholder = value.size() > 2 && value.front() == '{' && value.back() == '}';
    const bool secret_name =
        name == "key" || name == "auth" ||
        std::any_of(kSecretWords.begin(), kSecretWords.end(),
                    [&](std::string_view word) { return name.find(word) != std::string::npos; });
    if (secret_name && !value.empty() && !placeholder) return true;
  }
  return false;
}

// Plain http only to this machine (tests, a local proxy): a token must not cross a network
// unencrypted.
Result<void> ValidateBaseUrl(const SystemMap& system) {
  const std::string& url = system.connector.http.base_url;
  const std::string lower = Lower(url);
  const bool https = lower.starts_with("https://");
  const bool local = lower.starts_with("http://127.0.0.1") || lower.starts_with("http://localhost");
  if (!https && !local) {
    return HttpMapProblem(system.name, "base_url must be an https:// URL");
  }
  const std::string_view rest = std::string_view(url).substr(url.find("://") + 3);
  const std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.empty() || authority.find('@') != std::string_view::npos) {
    return HttpMapProblem(system.name,
                          "base_url names the host only: credentials go in the environment "
                          "(bearer_env, header_env, password_env)");
  }
  if (url.find_first_of("?#") != std::string::npos || url.ends_with("/") ||
      !std::all_of(url.begin(), url.end(), IsTargetChar)) {
    return HttpMapProblem(system.name, "base_url has no query, fragment, space or trailing '/'");
  }
  return {};
}

Result<void> ValidateAuth(const SystemMap& system) {
  const HttpAuth& auth = system.connector.http.auth;
  if (!system.connector.password_env.empty() && auth.kind != HttpAuth::Kind::kBasic) {
    return HttpMapProblem(system.name, "password_env is for basic authentication: give user too");
  }
  if (auth.kind == HttpAuth::Kind::kNone) return {};
  if (!IsEnvName(auth.secret_env)) {
    return HttpMapProblem(system.name,
                          "'" + auth.secret_env +
                              "' is not an environment variable's name (A-Z, 0-9, _): "
                              "the data map names where the secret is, never the secret");
  }
  if (auth.kind == HttpAuth::Kind::kHeader &&
      (auth.header.empty() || !std::all_of(auth.header.begin(), auth.header.end(), [](char c) {
         return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
       }))) {
    return HttpMapProblem(system.name, "header must be a header's name (\"X-Api-Key\")");
  }
  if (auth.kind == HttpAuth::Kind::kBasic &&
      (auth.user.empty() || auth.user.find(':') != std::string::npos)) {
    return HttpMapProblem(system.name, "basic authentication needs a user without ':'");
  }
  return {};
}

// `request` has `method` (one of `methods`) and exactly the placeholders `allowed` permits.
Result<void> ValidateRequest(const std::string& where, std::string_view role,
                             const RequestTemplate& request,
                             std::initializer_list<std::string_view> methods,
                             std::initializer_list<std::string_view> placeholders) {
  const std::string at = where + ": " + std::string(role);
  if (std::find(methods.begin(), methods.end(), request.method) == methods.end()) {
    return HttpMapProblem(at, request.method + " is not a method for this request");
  }
  std::vector<std::string> wanted(placeholders.begin(), placeholders.end());
  if (request.placeholders != wanted) {
    std::string names;
    for (auto name : placeholders) names += " {" + std::string(name) + "}";
    return HttpMapProblem(at, "uses exactly the placeholders:" + (names.empty() ? " none" : names));
  }
  if (HoldsWrittenSecret(request.target)) {
    return HttpMapProblem(at,
                          "a secret written in the query: name its environment variable instead");
  }
  return {};
}

Result<void> ValidateSearch(const TableMap& table, const std::string& where) {
  const HttpCollection& http = *table.http;
  if (http.search.empty()) return HttpMapProblem(where, "search: no request");
  for (const auto& search : http.search) {
    const std::string name = search.placeholders.size() == 1 ? search.placeholders[0] : "";
    const auto kind = ParseIdentityKind(name);
    const bool searchable =
        table.link
            ? name == "parent"
            : kind && std::any_of(table.identity.begin(), table.identity.end(),
                                  [&](const IdentityColumn& id) { return id.kind == *kind; });
    if (!searchable) {
      return HttpMapProblem(where + ": search " + search.target,
                            table.link
                                ? "a linked collection's search uses {parent} once"
                                : "uses one of the identity's kinds once ({email}, {phone} or "
                                  "{account_id}, each mapped in identity)");
    }
    if (auto valid = ValidateRequest(where, "search", search, {"GET"}, {name}); !valid) {
      return valid;
    }
  }
  for (const auto& identity : table.identity) {
    const std::string name(Name(identity.kind));
    if (std::none_of(http.search.begin(), http.search.end(),
                     [&](const RequestTemplate& search) { return search.Uses(name); })) {
      return HttpMapProblem(where, "identity " + name + " has no search using {" + name + "}");
    }
  }
  return {};
}

Result<void> ValidatePointers(const TableMap& table, const std::string& where) {
  const HttpCollection& http = *table.http;
  for (const std::string* pointer : {&http.records, &http.record, &http.paging.pointer}) {
    if (!IsJsonPointer(*pointer)) {
      return HttpMapProblem(where, "'" + *pointer + "' is not a JSON pointer (\"\" or \"/data\")");
    }
  }
  for (const auto& field : table.fields) {
    if (field.column.starts_with("/") && !IsJsonPointer(field.column)) {
      return HttpMapProblem(where + "." + field.column, "not a JSON pointer");
    }
  }
  const HttpPaging& paging = http.paging;
  const bool needs_pointer =
      paging.kind == HttpPaging::Kind::kNextLink || paging.kind == HttpPaging::Kind::kCursor;
  const bool needs_param =
      paging.kind == HttpPaging::Kind::kPageNumber || paging.kind == HttpPaging::Kind::kCursor;
  if ((needs_pointer && paging.pointer.empty()) ||
      (needs_param && (paging.param.empty() || PercentEncode(paging.param) != paging.param))) {
    return HttpMapProblem(where,
                          "paging needs next = \"/pointer\", page_param = \"page\", or cursor = "
                          "\"/pointer\" with cursor_param = \"name\"");
  }
  if (paging.max_pages < 1) return HttpMapProblem(where, "max_pages must be at least 1");
  return {};
}

Result<void> ValidateErasure(const TableMap& table, const std::string& where) {
  const HttpCollection& http = *table.http;
  const bool erases_fields =
      std::any_of(table.fields.begin(), table.fields.end(),
                  [](const FieldMap& f) { return f.erasure != FieldErasure::kKeep; });
  if (table.erasure == RowErasure::kDeleteRow && !http.remove) {
    return HttpMapProblem(where, "erase = \"delete_row\" needs delete = \"DELETE /path/{key}\"");
  }
  if (table.erasure == RowErasure::kUpdate && erases_fields && !http.update) {
    return HttpMapProblem(where, "erasing fields needs update = \"PATCH /path/{key}\"");
  }
  if (http.remove) {
    auto valid = ValidateRequest(where, "delete", *http.remove, {"DELETE", "POST"}, {"key"});
    if (!valid) return valid;
  }
  if (http.update) {
    auto valid = ValidateRequest(where, "update", *http.update, {"PATCH", "PUT", "POST"}, {"key"});
    if (!valid) return valid;
  }
  return {};
}

Result<void> ValidateCollection(const SystemMap& system, const TableMap& table) {
  const std::string where = system.name + "." + table.name;
  if (!table.http) {
    return HttpMapProblem(where,
                          "an http collection needs search, records and read (docs/datamap.md)");
  }
  if (!table.http->read) return HttpMapProblem(where, "read = \"GET /path/{key}\" is required");
  if (auto valid = ValidateRequest(where, "read", *table.http->read, {"GET"}, {"key"}); !valid) {
    return valid;
  }
  for (auto step : {&ValidateSearch, &ValidatePointers, &ValidateErasure}) {
    if (auto valid = step(table, where); !valid) return valid;
  }
  return {};
}

Result<void> ValidateNotHttp(const SystemMap& system) {
  const HttpConnection& http = system.connector.http;
  if (!http.base_url.empty() || http.auth.kind != HttpAuth::Kind::kNone || http.health) {
    return HttpMapProblem(system.name,
                          "base_url, health and API credentials are for connector = \"http\"");
  }
  for (const auto& table : system.tables) {
    if (table.http) {
      return HttpMapProblem(system.name + "." + table.name,
                            "search, records, read, delete, update and paging are for connector = "
                            "\"http\"");
    }
  }
  return {};
}

}  // namespace

bool RequestTemplate::Uses(std::string_view name) const {
  return std::find(placeholders.begin(), placeholders.end(), name) != placeholders.end();
}

Result<RequestTemplate> ParseRequestTemplate(std::string_view text) {
  const std::size_t space = text.find(' ');
  if (space == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "'" + std::string(text) + "' is not \"GET /path\"");
  }
  RequestTemplate request{.method = std::string(text.substr(0, space)),
                          .target = std::string(text.substr(space + 1)),
                          .placeholders = {}};
  static constexpr std::array<std::string_view, 5> kMethods{"GET", "POST", "PUT", "PATCH",
                                                            "DELETE"};
  if (std::find(kMethods.begin(), kMethods.end(), request.method) == kMethods.end()) {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + request.method + "' is not GET, POST, PUT, PATCH or DELETE");
  }
  if (!request.target.starts_with("/") ||
      !std::all_of(request.target.begin(), request.target.end(), IsTargetChar)) {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + request.target + "': the path starts with '/' and has no space or '#'");
  }
  auto names = Placeholders(request.target);
  if (!names) return std::unexpected(std::move(names.error()).WithContext(request.target));
  request.placeholders = std::move(*names);
  return request;
}

std::string PercentEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

std::string ExpandTarget(const RequestTemplate& request,
                         const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out;
  const std::string& target = request.target;
  for (std::size_t at = 0; at < target.size(); ++at) {
    const std::size_t close = target[at] == '{' ? target.find('}', at) : std::string::npos;
    if (close == std::string::npos) {
      out += target[at];
      continue;
    }
    const std::string_view name(target.data() + at + 1, close - at - 1);
    for (const auto& [placeholder, value] : values) {
      if (placeholder == name) {
        out += PercentEncode(value);
        break;
      }
    }
    at = close;
  }
  return out;
}

bool IsJsonPointer(std::string_view text) {
  if (text.empty()) return true;
  if (text.front() != '/') return false;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] != '~') continue;
    if (at + 1 == text.size() || (text[at + 1] != '0' && text[at + 1] != '1')) return false;
  }
  return true;
}

Result<void> ValidateHttpSystem(const SystemMap& system) {
  if (system.connector.kind != ConnectorSettings::Kind::kHttp) return ValidateNotHttp(system);
  for (auto step : {&ValidateBaseUrl, &ValidateAuth}) {
    if (auto valid = step(system); !valid) return valid;
  }
  const auto& health = system.connector.http.health;
  if (health) {
    if (auto valid = ValidateRequest(system.name, "health", *health, {"GET"}, {}); !valid) {
      return valid;
    }
  }
  for (const auto& table : system.tables) {
    if (auto valid = ValidateCollection(system, table); !valid) return valid;
  }
  return {};
}

}  // namespace rightsdesk
