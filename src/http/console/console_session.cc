#include "http/console/console_session.h"

#include <sodium.h>

#include "app/staff_accounts.h"
#include "core/hex.h"
#include "http/html/page_response.h"
#include "http/html/web_input.h"
#include "http/responses.h"
#include "security/api_token.h"

namespace rightsdesk::http::console {
namespace {

std::string CsrfFor(std::string_view session_secret) {
  return ToHex(security::HashToken("csrf:" + std::string(session_secret)));
}

Response Forbidden(std::string_view why) {
  return html::HtmlResponse(403, "<!doctype html><title>Forbidden</title><p>" + std::string(why) +
                                     "</p><p><a href=\"/console\">Back to the console</a></p>");
}

}  // namespace

std::string SessionSecretOf(const Request& request) {
  auto value = html::CookieValue(View(request[beast_http::field::cookie]), kSessionCookie);
  return value ? *value : std::string();
}

std::expected<StaffCall, Response> RequireStaff(const ApiContext& api, const Request& request,
                                                Permission permission) {
  std::string secret = SessionSecretOf(request);
  auto user = app::CurrentStaff(*api.users, api.services.clock, secret);
  if (!user) {
    if (user.error().code() == ErrorCode::kUnauthenticated) {
      return std::unexpected(html::RedirectResponse("/console/login"));
    }
    return std::unexpected(ProblemFor(user.error()));
  }
  if (!Allows(user->role, permission)) {
    return std::unexpected(
        Forbidden("Your role (" + std::string(Name(user->role)) + ") may not do this."));
  }
  return StaffCall{.user = std::move(*user), .csrf = CsrfFor(secret)};
}

bool SameOrigin(const Request& request) {
  std::string_view origin = View(request[beast_http::field::origin]);
  if (origin.empty()) return true;  // not sent by every browser; SameSite and the token remain
  auto scheme_end = origin.find("://");
  std::string_view host =
      scheme_end == std::string_view::npos ? origin : origin.substr(scheme_end + 3);
  return host == View(request[beast_http::field::host]);
}

bool CsrfValid(std::string_view token, const StaffCall& staff) {
  return token.size() == staff.csrf.size() &&
         sodium_memcmp(token.data(), staff.csrf.data(), staff.csrf.size()) == 0;
}

std::expected<QueryParams, Response> ReadCheckedForm(const Request& request,
                                                     const StaffCall& staff) {
  if (!SameOrigin(request)) return std::unexpected(Forbidden("This form came from another site."));
  auto fields = html::ReadFormBody(request);
  if (!fields) return std::unexpected(std::move(fields.error()));
  auto token = fields->find("csrf");
  if (token == fields->end() || !CsrfValid(token->second, staff)) {
    return std::unexpected(
        Forbidden("This form has expired. Go back, reload the page and try again."));
  }
  return std::move(*fields);
}

std::expected<messaging::FormData, Response> ReadCheckedUpload(const Request& request,
                                                               const StaffCall& staff) {
  if (!SameOrigin(request)) return std::unexpected(Forbidden("This form came from another site."));
  auto form =
      messaging::ParseFormData(View(request[beast_http::field::content_type]), request.body());
  if (!form) return std::unexpected(ProblemFor(form.error()));
  auto token = form->fields.find("csrf");
  if (token == form->fields.end() || !CsrfValid(token->second, staff)) {
    return std::unexpected(
        Forbidden("This form has expired. Go back, reload the page and try again."));
  }
  return std::move(*form);
}

std::string SessionCookie(std::string_view secret) {
  return std::string(kSessionCookie) + "=" + std::string(secret) +
         "; Path=/console; HttpOnly; Secure; SameSite=Strict";
}

std::string ExpiredSessionCookie() {
  return std::string(kSessionCookie) +
         "=; Path=/console; Max-Age=0; HttpOnly; Secure; SameSite=Strict";
}

}  // namespace rightsdesk::http::console
