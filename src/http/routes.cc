#include "http/routes.h"

#include <span>

#include "core/embedded_file.h"
#include "http/console/console.h"
#include "http/console/console_verification.h"
#include "http/drp_api.h"
#include "http/html/page_response.h"
#include "http/intake_api.h"
#include "http/portal/feedback_page.h"
#include "http/portal/package_download.h"
#include "http/portal/portal.h"
#include "http/portal/verification_page.h"
#include "http/reports_api.h"
#include "http/responses.h"
#include "http/rules_api.h"
#include "http/staff_api.h"

namespace rightsdesk::http {

std::span<const rightsdesk::EmbeddedFile> EmbeddedOpenApi();  // generated: docs/openapi.json

namespace {

void AddPages(Router& router, const ApiContext& api) {
  router.Add(Verb::get, "/",
             [](const Request&, const Call&) { return html::RedirectResponse("/privacy"); });
  router.Add(Verb::get, "/static/site.css", [&api](const Request&, const Call&) {
    return html::StaticResponse("text/css; charset=utf-8", *api.templates->StaticFile("site.css"));
  });
  router.Add(Verb::get, "/.well-known/gpc.json",
             [](const Request&, const Call&) { return portal::GpcSupport(); });
  router.Add(Verb::get, "/privacy",
             [&api](const Request& request, const Call&) { return portal::Home(api, request); });
  router.Add(Verb::get, "/privacy/request",
             [&api](const Request& request, const Call&) { return portal::Form(api, request); });
  router.Add(Verb::post, "/privacy/request", [&api](const Request& request, const Call& call) {
    return portal::Submit(api, request, call.peer);
  });
  router.Add(Verb::get, "/privacy/status/{id}/{token}",
             [&api](const Request& request, const Call& call) {
               return portal::Status(api, request, call.params.at("id"), call.params.at("token"));
             });
  portal::AddPackageRoutes(router, api);
  portal::AddVerificationRoutes(router, api);
  portal::AddFeedbackRoutes(router, api);
  router.Add(Verb::get, "/console/login", [&api](const Request& request, const Call&) {
    return console::LoginPage(api, request);
  });
  router.Add(Verb::post, "/console/login", [&api](const Request& request, const Call&) {
    return console::PostLogin(api, request);
  });
  router.Add(Verb::post, "/console/logout", [&api](const Request& request, const Call&) {
    return console::PostLogout(api, request);
  });
  router.Add(Verb::get, "/console", [&api](const Request& request, const Call&) {
    return console::Dashboard(api, request);
  });
  router.Add(Verb::get, "/console/requests",
             [&api](const Request& request, const Call&) { return console::Queue(api, request); });
  router.Add(Verb::get, "/console/requests/{id}", [&api](const Request& request, const Call& call) {
    return console::RequestPage(api, request, call.params.at("id"));
  });
  router.Add(Verb::get, "/console/reports", [&api](const Request& request, const Call&) {
    return console::Reports(api, request, "");
  });
  router.Add(Verb::get, "/console/reports/metrics.csv",
             [&api](const Request& request, const Call&) {
               return console::Reports(api, request, "csv");
             });
  router.Add(Verb::get, "/console/reports/metrics.html",
             [&api](const Request& request, const Call&) {
               return console::Reports(api, request, "html");
             });
  router.Add(Verb::get, "/console/dashboards", [&api](const Request& request, const Call&) {
    return console::DashboardsPage(api, request, "");
  });
  router.Add(Verb::get, "/console/dashboards/{file}",
             [&api](const Request& request, const Call& call) {
               return console::DashboardsPage(api, request, call.params.at("file"));
             });
  router.Add(Verb::get, "/console/feedback", [&api](const Request& request, const Call&) {
    return console::FeedbackPage(api, request, "");
  });
  router.Add(Verb::get, "/console/feedback.csv", [&api](const Request& request, const Call&) {
    return console::FeedbackPage(api, request, "csv");
  });
  for (const char* form : {"", "csv", "json"}) {
    const std::string path =
        std::string("/console/reports/records") + (*form ? std::string(".") + form : "");
    router.Add(Verb::get, path, [&api, form](const Request& request, const Call&) {
      return console::Records(api, request, form);
    });
  }
  router.Add(Verb::get, "/console/training", [&api](const Request& request, const Call&) {
    return console::TrainingPage(api, request);
  });
  router.Add(Verb::post, "/console/training/scenarios/{id}/start",
             [&api](const Request& request, const Call& call) {
               return console::PostTrainingStart(api, request, call.params.at("id"));
             });
  router.Add(Verb::get, "/console/training/attempts/{id}",
             [&api](const Request& request, const Call& call) {
               return console::TrainingAttemptPage(api, request, call.params.at("id"));
             });
  router.Add(Verb::post, "/console/training/attempts/{id}",
             [&api](const Request& request, const Call& call) {
               return console::PostTrainingAnswers(api, request, call.params.at("id"));
             });
  for (const char* form : {"", "csv", "json"}) {
    const std::string path =
        std::string("/console/training/records") + (*form ? std::string(".") + form : "");
    router.Add(Verb::get, path, [&api, form](const Request& request, const Call&) {
      return console::TrainingRecordsPage(api, request, form);
    });
  }
  router.Add(Verb::get, "/console/triage",
             [&api](const Request& request, const Call&) { return console::Triage(api, request); });
  router.Add(Verb::post, "/console/triage/{id}/{action}",
             [&api](const Request& request, const Call& call) {
               return console::PostTriage(api, request, call.params.at("id"),
                                          call.params.at("action"));
             });
  router.Add(Verb::post, "/console/requests/{id}/{action}",
             [&api](const Request& request, const Call& call) {
               return console::PostAction(api, request, call.params.at("id"),
                                          call.params.at("action"));
             });
}

// The console's fulfilment pages: a request's fulfilment work, manual tasks and their
// attachments, erasure certificates, the data map.
void AddFulfilmentPages(Router& router, const ApiContext& api) {
  router.Add(Verb::post, "/console/requests/{id}/fulfil/{action}",
             [&api](const Request& request, const Call& call) {
               return console::PostFulfil(api, request, call.params.at("id"),
                                          call.params.at("action"));
             });
  router.Add(Verb::get, "/console/tasks",
             [&api](const Request& request, const Call&) { return console::Tasks(api, request); });
  router.Add(Verb::get, "/console/tasks/{id}", [&api](const Request& request, const Call& call) {
    return console::TaskPage(api, request, call.params.at("id"));
  });
  router.Add(Verb::post, "/console/tasks/{id}", [&api](const Request& request, const Call& call) {
    return console::PostTask(api, request, call.params.at("id"));
  });
  router.Add(Verb::post, "/console/tasks/{id}/attachments",
             [&api](const Request& request, const Call& call) {
               return console::PostAttachment(api, request, call.params.at("id"));
             });
  router.Add(Verb::get, "/console/tasks/{id}/attachments/{attachment}",
             [&api](const Request& request, const Call& call) {
               return console::GetAttachment(api, request, call.params.at("id"),
                                             call.params.at("attachment"));
             });
  router.Add(Verb::get, "/console/requests/{id}/documents/{document}",
             [&api](const Request& request, const Call& call) {
               return GetProofDocument(api, request, call.params.at("id"),
                                       call.params.at("document"));
             });
  router.Add(Verb::post, "/console/requests/{id}/documents/{document}/review",
             [&api](const Request& request, const Call& call) {
               return PostIdentityReview(api, request, call.params.at("id"),
                                         call.params.at("document"));
             });
  router.Add(Verb::get, "/console/certificates/{id}",
             [&api](const Request& request, const Call& call) {
               return console::GetCertificate(api, request, call.params.at("id"));
             });
  router.Add(Verb::get, "/console/datamap", [&api](const Request& request, const Call&) {
    return console::DataMapPage(api, request);
  });
  router.Add(Verb::post, "/console/datamap", [&api](const Request& request, const Call&) {
    return console::PostDataMap(api, request);
  });
  router.Add(Verb::get, "/console/rules", [&api](const Request& request, const Call&) {
    return console::RulesPage(api, request);
  });
  router.Add(Verb::post, "/console/rules/reviews", [&api](const Request& request, const Call&) {
    return console::PostReviewItem(api, request, "");
  });
  router.Add(Verb::post, "/console/rules/reviews/{id}/done",
             [&api](const Request& request, const Call& call) {
               return console::PostReviewItem(api, request, call.params.at("id"));
             });
}

}  // namespace

bool IsUploadTarget(std::string_view target) {
  constexpr std::string_view kPrefix = "/console/tasks/";
  constexpr std::string_view kSuffix = "/attachments";
  const bool task_attachment = target.starts_with(kPrefix) && target.ends_with(kSuffix) &&
                               target.size() > kPrefix.size() + kSuffix.size();
  return task_attachment || portal::IsProofUploadTarget(target);
}

Router BuildRoutes(const ApiContext& api) {
  Router router;
  router.Add(Verb::get, "/healthz", [](const Request&, const Call&) {
    return JsonResponse(200, {{"status", "ok"}});
  });
  router.Add(Verb::get, "/metrics", [&api](const Request&, const Call&) {
    if (api.metrics == nullptr) return ProblemResponse(404, "Not Found", "metrics are off");
    auto counts = api.services.requests.CountByStatusAndType();
    if (!counts) return ProblemFor(counts.error());
    Response response{beast_http::status::ok, 11};
    response.set(beast_http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    response.set(beast_http::field::cache_control, "no-store");
    response.body() = api.metrics->Render(*counts);
    response.prepare_payload();
    return response;
  });
  router.Add(Verb::get, "/api/v1/openapi.json", [](const Request&, const Call&) {
    Response response{beast_http::status::ok, 11};
    response.set(beast_http::field::content_type, "application/json");
    response.body() = std::string(EmbeddedOpenApi().front().contents);
    response.prepare_payload();
    return response;
  });
  router.Add(Verb::post, "/api/v1/requests", [&api](const Request& request, const Call& call) {
    return PostRequest(api, request, call.peer);
  });
  router.Add(Verb::get, "/api/v1/status/{id}/{token}", [&api](const Request&, const Call& call) {
    return GetStatus(api, call.params.at("id"), call.params.at("token"));
  });
  router.Add(Verb::get, "/api/v1/requests",
             [&api](const Request& request, const Call&) { return ListRequests(api, request); });
  router.Add(Verb::get, "/api/v1/requests/{id}", [&api](const Request& request, const Call& call) {
    return ShowRequest(api, request, call.params);
  });
  router.Add(Verb::get, "/api/v1/requests/{id}/verification",
             [&api](const Request& request, const Call& call) {
               return GetVerification(api, request, call.params);
             });
  router.Add(Verb::post, "/api/v1/requests/{id}/transitions",
             [&api](const Request& request, const Call& call) {
               return PostTransition(api, request, call.params);
             });
  router.Add(Verb::post, "/api/v1/requests/{id}/extend",
             [&api](const Request& request, const Call& call) {
               return PostExtend(api, request, call.params);
             });
  router.Add(Verb::post, "/api/v1/requests/{id}/notes",
             [&api](const Request& request, const Call& call) {
               return PostNote(api, request, call.params);
             });
  router.Add(Verb::post, "/api/v1/requests/{id}/assign",
             [&api](const Request& request, const Call& call) {
               return PostAssign(api, request, call.params);
             });
  router.Add(Verb::get, "/api/v1/reports/metrics", [&api](const Request& request, const Call&) {
    return GetMetricsReport(api, request);
  });
  router.Add(Verb::get, "/api/v1/reports/dashboards", [&api](const Request& request, const Call&) {
    return GetDashboardsReport(api, request);
  });
  router.Add(Verb::get, "/api/v1/reports/feedback", [&api](const Request& request, const Call&) {
    return GetFeedbackReport(api, request);
  });
  router.Add(Verb::get, "/api/v1/reports/records", [&api](const Request& request, const Call&) {
    return GetRecordsReport(api, request);
  });
  router.Add(Verb::get, "/api/v1/reports/training", [&api](const Request& request, const Call&) {
    return GetTrainingRecords(api, request);
  });
  router.Add(Verb::get, "/api/v1/requests/{id}/record",
             [&api](const Request& request, const Call& call) {
               return GetRequestRecord(api, request, call.params.at("id"));
             });
  router.Add(Verb::get, "/api/v1/rules",
             [&api](const Request& request, const Call&) { return GetRules(api, request); });
  router.Add(Verb::get, "/api/v1/reviews",
             [&api](const Request& request, const Call&) { return ListReviews(api, request); });
  router.Add(Verb::post, "/api/v1/reviews",
             [&api](const Request& request, const Call&) { return PostReview(api, request); });
  router.Add(Verb::post, "/api/v1/reviews/{id}/done",
             [&api](const Request& request, const Call& call) {
               return PostReviewDone(api, request, call.params.at("id"));
             });
  router.Add(Verb::get, "/api/v1/audit/verify",
             [&api](const Request& request, const Call&) { return VerifyAudit(api, request); });
  if (api.services.drp != nullptr) AddDrpRoutes(router, api);
  if (api.templates != nullptr) {
    AddPages(router, api);
    AddFulfilmentPages(router, api);
  }
  return router;
}

}  // namespace rightsdesk::http
