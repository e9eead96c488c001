#include "http/routes.h"

#include "http/intake_api.h"
#include "http/responses.h"
#include "http/staff_api.h"

namespace rightsdesk::http {

Router BuildRoutes(const ApiContext& api) {
  Router router;
  router.Add(Verb::get, "/healthz", [](const Request&, const PathParams&) {
    return JsonResponse(200, {{"status", "ok"}});
  });
  router.Add(Verb::post, "/api/v1/requests", [&api](const Request& request, const PathParams&) {
    return PostRequest(api.services, request);
  });
  router.Add(Verb::get, "/api/v1/requests", [&api](const Request& request, const PathParams&) {
    return ListRequests(api, request);
  });
  router.Add(Verb::get, "/api/v1/requests/{id}",
             [&api](const Request& request, const PathParams& params) {
               return ShowRequest(api, request, params);
             });
  router.Add(Verb::post, "/api/v1/requests/{id}/transitions",
             [&api](const Request& request, const PathParams& params) {
               return PostTransition(api, request, params);
             });
  router.Add(Verb::post, "/api/v1/requests/{id}/extend",
             [&api](const Request& request, const PathParams& params) {
               return PostExtend(api, request, params);
             });
  router.Add(Verb::post, "/api/v1/requests/{id}/notes",
             [&api](const Request& request, const PathParams& params) {
               return PostNote(api, request, params);
             });
  router.Add(Verb::post, "/api/v1/requests/{id}/assign",
             [&api](const Request& request, const PathParams& params) {
               return PostAssign(api, request, params);
             });
  router.Add(Verb::get, "/api/v1/audit/verify", [&api](const Request& request, const PathParams&) {
    return VerifyAudit(api, request);
  });
  return router;
}

}  // namespace rightsdesk::http
