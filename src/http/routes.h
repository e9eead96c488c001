// Every route the server answers, wired to its handler.
#pragma once

#include <string_view>

#include "http/api_context.h"
#include "http/router.h"

namespace rightsdesk::http {

// `api` must outlive the router.
Router BuildRoutes(const ApiContext& api);

// Whether `target` is a route that takes file uploads (a manual task's attachments, an agent's
// proof of permission), whose body may be larger than other requests'.
bool IsUploadTarget(std::string_view target);

}  // namespace rightsdesk::http
