#include "http/portal/page_context.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <optional>

#include "app/preferences.h"
#include "core/text.h"
#include "http/html/page_response.h"
#include "http/html/web_input.h"
#include "security/api_token.h"

namespace rightsdesk::http::portal {
namespace {

using nlohmann::json;
constexpr std::string_view kBrowserCookie = "rd_browser";

// The browser's opt-out, and its consumer's when known; passed on to the recipients the data map
// names (app/preferences.h HonorGpcOfConsumer). A data map that does not load only stops the
// passing on, never the opt-out itself.
Result<void> RecordGpc(const ApiContext& api, std::string_view browser_id, std::string_view email) {
  if (email.empty()) {
    auto recorded = app::HonorGpc(*api.preferences, api.services.clock, browser_id, email);
    if (!recorded) return std::unexpected(recorded.error());
    return {};
  }
  std::optional<DataMap> map;
  if (api.desk != nullptr && std::filesystem::exists(api.desk->datamap_file)) {
    auto loaded = api.desk->LoadMap();
    if (loaded) {
      map = std::move(*loaded);
    } else {
      spdlog::warn("a GPC opt-out is not passed on to recipients: {}", loaded.error().message());
    }
  }
  auto request = app::HonorGpcOfConsumer(api.services, *api.preferences, map ? &*map : nullptr,
                                         browser_id, email);
  if (!request) return std::unexpected(request.error());
  return {};
}

}  // namespace

Gpc HonorGpcSignal(const ApiContext& api, const Request& request, std::string_view email) {
  Gpc gpc;
  if (TrimAscii(View(request["Sec-GPC"])) != "1" || api.preferences == nullptr) return gpc;
  auto known = html::CookieValue(View(request[beast_http::field::cookie]), kBrowserCookie);
  std::string browser_id;
  if (known && security::LooksLikeToken(*known, security::kBrowserIdPrefix)) {
    browser_id = *known;
  } else {
    browser_id = security::NewBrowserId(api.services.random);
    gpc.set_cookie = std::string(kBrowserCookie) + "=" + browser_id +
                     "; Path=/; Max-Age=34560000; HttpOnly; Secure; SameSite=Lax";
  }
  Result<void> recorded = RecordGpc(api, browser_id, email);
  if (!recorded) {
    spdlog::error("could not record a GPC opt-out: {}", recorded.error().message());
    gpc.set_cookie.reset();
    return gpc;
  }
  gpc.honored = true;
  return gpc;
}

json PageContext(const ApiContext& api, std::string_view lang, std::string_view title_key,
                 std::string_view path, const Gpc& gpc) {
  const json& strings = api.templates->Strings(lang);
  std::string other = lang == "es" ? "en" : "es";
  json context = {{"lang", lang},
                  {"t", strings},
                  {"title", strings.value(std::string(title_key), "")},
                  {"business", api.services.ruleset.business().name},
                  {"gpc_honored", gpc.honored}};
  if (!path.empty()) {
    char joiner = path.find('?') == std::string_view::npos ? '?' : '&';
    context["switch_href"] = std::string(path) + joiner + "lang=" + other;
    context["switch_lang"] = other;
  }
  return context;
}

Response PageResponse(const ApiContext& api, unsigned status, std::string_view template_name,
                      const json& context, const Gpc& gpc) {
  Response response = html::HtmlResponse(status, api.templates->Page(template_name, context));
  if (gpc.set_cookie) response.set(beast_http::field::set_cookie, *gpc.set_cookie);
  return response;
}

std::string Text(const nlohmann::json& strings, const std::string& key) {
  return strings.value(key, std::string());
}

std::string Filled(std::string text, std::string_view placeholder, std::int64_t value) {
  if (auto at = text.find(placeholder); at != std::string::npos) {
    text.replace(at, placeholder.size(), std::to_string(value));
  }
  return text;
}

std::int64_t CodeMinutes() { return OneTimeCodePolicy{}.lifetime.count(); }

std::string CodeRefusalText(const nlohmann::json& strings, const store::CodeVerdict& verdict,
                            std::string_view prefix) {
  const std::string outcome(Name(verdict.outcome));
  std::string text = Text(strings, std::string(prefix) + outcome);
  if (text.empty()) text = Text(strings, "code_" + outcome);
  text = Filled(std::move(text), "{minutes}", CodeMinutes());
  if (verdict.outcome == CodeOutcome::kWrong) {
    text += " " + Filled(Text(strings, "code_attempts_left"), "{attempts}", verdict.attempts_left);
  } else if (verdict.codes_left == 0) {
    text += " " + Text(strings, std::string(prefix) + "none_left");
  }
  return text;
}

QueryParams QueryOf(const Request& request) {
  auto params = ParseQuery(View(request.target()));
  return params ? std::move(*params) : QueryParams{};
}

}  // namespace rightsdesk::http::portal
