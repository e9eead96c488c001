// The staff console (docs/web.md): sign-in with password and TOTP, the dashboard, the work
// queue sorted by deadline with filters and search, and a request's page with its timeline and
// the actions (transition, extend, note, assign). Server-rendered, no script.
#pragma once

#include <string_view>

#include "http/api_context.h"
#include "http/http_types.h"
#include "http/router.h"

namespace rightsdesk::http::console {

Response LoginPage(const ApiContext& api, const Request& request);
Response PostLogin(const ApiContext& api, const Request& request);
Response PostLogout(const ApiContext& api, const Request& request);
Response Dashboard(const ApiContext& api, const Request& request);
Response Queue(const ApiContext& api, const Request& request);
Response RequestPage(const ApiContext& api, const Request& request, std::string_view id);
// POST /console/requests/{id}/{action}: transition, extend, note, assign.
Response PostAction(const ApiContext& api, const Request& request, std::string_view id,
                    std::string_view action);

}  // namespace rightsdesk::http::console
