// Who is using the console: the session cookie (HttpOnly, Secure, SameSite=Strict, Path=/console)
// names a staff member; every form that changes something carries a CSRF token derived from the
// session's secret (so it needs no storage and dies with the session), and a POST whose Origin
// is another site is refused.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "core/role.h"
#include "http/api_context.h"
#include "http/http_types.h"
#include "http/query.h"
#include "messaging/form_data.h"
#include "store/user_store.h"

namespace rightsdesk::http::console {

inline constexpr std::string_view kSessionCookie = "rd_session";

struct StaffCall {
  store::StaffUser user;
  std::string csrf;  // to put in every form
};

// The staff member, or the response instead: a redirect to the login page without a valid
// session, 403 when the role lacks `permission`.
std::expected<StaffCall, Response> RequireStaff(const ApiContext& api, const Request& request,
                                                Permission permission);

// For a POST: the form's fields once its CSRF token and Origin check out; 403 otherwise.
std::expected<QueryParams, Response> ReadCheckedForm(const Request& request,
                                                     const StaffCall& staff);

// The same checks for a form with files (multipart/form-data): its fields and files.
std::expected<messaging::FormData, Response> ReadCheckedUpload(const Request& request,
                                                               const StaffCall& staff);
// Whether `token` is the session's CSRF token (constant-time).
bool CsrfValid(std::string_view token, const StaffCall& staff);

// A cross-site POST (Origin naming another host than Host) is refused even before login.
bool SameOrigin(const Request& request);

std::string SessionCookie(std::string_view secret);
std::string ExpiredSessionCookie();
std::string SessionSecretOf(const Request& request);

}  // namespace rightsdesk::http::console
