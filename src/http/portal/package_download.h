// The privacy center's download pages for an access package (docs/web.md): the page behind the
// package's secret link, the one-time code sent to the request's email address, and the download
// once the code is typed (app/package_download.h). No JavaScript; every value escaped.
//
//   GET  /privacy/package/{id}/{secret}           the package is ready: "Send me a code"
//   POST /privacy/package/{id}/{secret}/code      sends a code, shows the form to type it
//   POST /privacy/package/{id}/{secret}/download  the ZIP for an accepted code, else the form
//
// A malformed or unknown link is a 404 (never saying which), an expired one a 410; both say how
// to ask again. The access log records the route's pattern, never the secret.
#pragma once

#include <string_view>

#include "http/api_context.h"
#include "http/http_types.h"
#include "http/router.h"

namespace rightsdesk::http::portal {

Response PackagePage(const ApiContext& api, const Request& request, std::string_view id,
                     std::string_view secret);
Response PostPackageCode(const ApiContext& api, const Request& request, std::string_view id,
                         std::string_view secret);
Response PostPackageDownload(const ApiContext& api, const Request& request, std::string_view id,
                             std::string_view secret);

// Adds the three routes above. `api` must outlive the router.
void AddPackageRoutes(Router& router, const ApiContext& api);

}  // namespace rightsdesk::http::portal
