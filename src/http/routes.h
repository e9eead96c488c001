// Every route the server answers, wired to its handler.
#pragma once

#include "app/services.h"
#include "http/router.h"

namespace rightsdesk::http {

// `services` must outlive the router.
Router BuildRoutes(const app::Services& services);

}  // namespace rightsdesk::http
