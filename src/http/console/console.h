// The staff console (docs/web.md): sign-in with password and TOTP, the dashboard, the work
// queue sorted by deadline with filters and search, a request's page with its timeline, its
// correspondence and the actions (transition, extend, note, assign), and the triage queue of
// email intake could not place. Server-rendered, no script.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "http/api_context.h"
#include "http/console/console_session.h"
#include "http/http_types.h"
#include "http/router.h"

namespace rightsdesk::http::console {

// What every console page's template sees (title, strings, the signed-in staff and their CSRF
// token), and a page rendered in the layout.
nlohmann::json BaseContext(const ApiContext& api, std::string_view title, const StaffCall* staff);
Response Page(const ApiContext& api, unsigned status, std::string_view name,
              const nlohmann::json& context);
// Stored email (store/inbox_store.h) as the templates show it.
nlohmann::json InboundRows(const std::vector<store::InboundRecord>& records);

Response LoginPage(const ApiContext& api, const Request& request);
Response PostLogin(const ApiContext& api, const Request& request);
Response PostLogout(const ApiContext& api, const Request& request);
Response Dashboard(const ApiContext& api, const Request& request);
Response Queue(const ApiContext& api, const Request& request);
Response RequestPage(const ApiContext& api, const Request& request, std::string_view id);
// POST /console/requests/{id}/{action}: transition, extend, note, assign.
// The triage queue, and a person's decision on one of its messages ("accept", "dismiss").
Response Triage(const ApiContext& api, const Request& request);
Response PostTriage(const ApiContext& api, const Request& request, std::string_view inbound,
                    std::string_view action);

// The Reports page ("" form), or its table as "csv" or as the publishable "html" page.
Response Reports(const ApiContext& api, const Request& request, std::string_view form);

Response PostAction(const ApiContext& api, const Request& request, std::string_view id,
                    std::string_view action);

}  // namespace rightsdesk::http::console
