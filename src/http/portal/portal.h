// The privacy center: the consumer's pages (docs/web.md). Every right explained in plain words
// with its time and the proof we will ask for, the request form (with residence and the
// authorized-agent option), the confirmation, and the status page behind the secret link; in
// English and Spanish. Global Privacy Control is honored on every page.
#pragma once

#include <string_view>

#include "http/api_context.h"
#include "http/http_types.h"

namespace rightsdesk::http::portal {

Response Home(const ApiContext& api, const Request& request);
Response Form(const ApiContext& api, const Request& request);
Response Submit(const ApiContext& api, const Request& request, std::string_view peer);
Response Status(const ApiContext& api, const Request& request, std::string_view id,
                std::string_view token);
// /.well-known/gpc.json (the GPC specification's support resource).
Response GpcSupport();

}  // namespace rightsdesk::http::portal
