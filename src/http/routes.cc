#include "http/routes.h"

#include "http/intake_api.h"
#include "http/responses.h"

namespace rightsdesk::http {

Router BuildRoutes(const app::Services& services) {
  Router router;
  router.Add(Verb::get, "/healthz", [](const Request&, const PathParams&) {
    return JsonResponse(200, {{"status", "ok"}});
  });
  router.Add(Verb::post, "/api/v1/requests",
             [&services](const Request& request, const PathParams&) {
               return PostRequest(services, request);
             });
  return router;
}

}  // namespace rightsdesk::http
