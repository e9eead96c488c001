#include "config/http_map_loader.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace rightsdesk::config {
namespace {

Result<std::optional<RequestTemplate>> OptRequest(TomlFields& f, std::string_view key) {
  auto text = f.OptString(key);
  if (f.failed()) return std::unexpected(*f.error());
  if (!text) return std::nullopt;
  auto request = ParseRequestTemplate(*text);
  if (!request) {
    return std::unexpected(
        std::move(request.error()).WithContext(f.where() + ": " + std::string(key)));
  }
  return std::move(*request);
}

// `search` is one request or a list of them.
Result<std::vector<RequestTemplate>> SearchRequests(TomlFields& f) {
  std::vector<std::string> texts;
  const toml::node* node = f.OptNode("search");
  if (!node) return std::vector<RequestTemplate>{};
  if (auto one = node->value<std::string>()) {
    texts.push_back(*one);
  } else if (auto many = f.OptStringArray("search")) {
    texts = std::move(*many);
  }
  if (f.failed() || texts.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                f.where() + ": search: a request (\"GET /path?email={email}\") or a list of them");
  }
  std::vector<RequestTemplate> requests;
  for (const auto& text : texts) {
    auto request = ParseRequestTemplate(text);
    if (!request)
      return std::unexpected(std::move(request.error()).WithContext(f.where() + ": search"));
    requests.push_back(std::move(*request));
  }
  return requests;
}

Result<HttpPaging> LoadPaging(TomlFields& f) {
  HttpPaging paging;
  auto next = f.OptString("next");
  auto page_param = f.OptString("page_param");
  auto cursor = f.OptString("cursor");
  auto cursor_param = f.OptString("cursor_param");
  if (auto first = f.OptInt("first_page", 0, 1'000'000)) paging.first_page = *first;
  if (auto max = f.OptInt("max_pages", 1, 10'000)) paging.max_pages = static_cast<int>(*max);
  if (f.failed()) return std::unexpected(*f.error());
  const int styles = int(next.has_value()) + int(page_param.has_value()) + int(cursor.has_value());
  if (styles > 1 || cursor.has_value() != cursor_param.has_value()) {
    return Fail(ErrorCode::kInvalidArgument,
                f.where() + ": paging is one of: next, page_param, or cursor with cursor_param");
  }
  if (next) {
    paging.kind = HttpPaging::Kind::kNextLink;
    paging.pointer = *next;
  } else if (page_param) {
    paging.kind = HttpPaging::Kind::kPageNumber;
    paging.param = *page_param;
  } else if (cursor) {
    paging.kind = HttpPaging::Kind::kCursor;
    paging.pointer = *cursor;
    paging.param = *cursor_param;
  }
  return paging;
}

Result<HttpAuth> LoadAuth(TomlFields& f) {
  auto bearer_env = f.OptString("bearer_env");
  auto header = f.OptString("header");
  auto header_env = f.OptString("header_env");
  auto user = f.OptString("user");
  auto password_env = f.OptString("password_env");
  if (f.failed()) return std::unexpected(*f.error());
  // password_env alone belongs to postgres; with user it is basic authentication.
  const int kinds = int(bearer_env.has_value()) + int(header || header_env) + int(user.has_value());
  if (kinds > 1) {
    return Fail(ErrorCode::kInvalidArgument,
                f.where() +
                    ": one authentication: bearer_env, header + header_env, or user + "
                    "password_env");
  }
  if (header.has_value() != header_env.has_value() || (user && !password_env)) {
    return Fail(ErrorCode::kInvalidArgument,
                f.where() + ": header goes with header_env, user with password_env");
  }
  if (bearer_env) return HttpAuth{.kind = HttpAuth::Kind::kBearer, .secret_env = *bearer_env};
  if (header) {
    return HttpAuth{.kind = HttpAuth::Kind::kHeader, .header = *header, .secret_env = *header_env};
  }
  if (user)
    return HttpAuth{.kind = HttpAuth::Kind::kBasic, .user = *user, .secret_env = *password_env};
  return HttpAuth{};
}

}  // namespace

void RefuseWrittenSecrets(TomlFields& f) {
  static constexpr std::array<std::string_view, 9> kSecretKeys{
      "password", "token",         "bearer",       "api_key",      "apikey",
      "secret",   "authorization", "header_value", "client_secret"};
  for (auto key : kSecretKeys) {
    if (f.OptNode(key)) {
      f.Problem(key,
                "secrets are never written in the data map: put it in an environment "
                "variable and name that (bearer_env, header_env, password_env)");
    }
  }
}

Result<HttpConnection> LoadHttpConnection(TomlFields& f) {
  HttpConnection http;
  auto base_url = f.OptString("base_url");
  if (f.failed()) return std::unexpected(*f.error());
  http.base_url = base_url.value_or("");
  auto auth = LoadAuth(f);
  if (!auth) return std::unexpected(auth.error());
  http.auth = std::move(*auth);
  auto health = OptRequest(f, "health");
  if (!health) return std::unexpected(health.error());
  http.health = std::move(*health);
  return http;
}

Result<std::optional<HttpCollection>> LoadHttpCollection(TomlFields& f) {
  static constexpr std::array<std::string_view, 12> kKeys{
      "search",       "records",   "next", "page_param", "first_page", "cursor",
      "cursor_param", "max_pages", "read", "record",     "delete",     "update"};
  if (std::none_of(kKeys.begin(), kKeys.end(), [&](auto key) { return f.OptNode(key); })) {
    return std::nullopt;
  }
  HttpCollection http;
  auto search = SearchRequests(f);
  if (!search) return std::unexpected(search.error());
  http.search = std::move(*search);
  http.records = f.OptString("records").value_or("");
  http.record = f.OptString("record").value_or("");
  auto paging = LoadPaging(f);
  if (!paging) return std::unexpected(paging.error());
  http.paging = std::move(*paging);
  for (auto [key, request] : {std::pair{"read", &http.read}, std::pair{"delete", &http.remove},
                              std::pair{"update", &http.update}}) {
    auto loaded = OptRequest(f, key);
    if (!loaded) return std::unexpected(loaded.error());
    *request = std::move(*loaded);
  }
  return http;
}

}  // namespace rightsdesk::config
