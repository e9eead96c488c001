// Every route the server answers, wired to its handler.
#pragma once

#include "http/api_context.h"
#include "http/router.h"

namespace rightsdesk::http {

// `api` must outlive the router.
Router BuildRoutes(const ApiContext& api);

}  // namespace rightsdesk::http
