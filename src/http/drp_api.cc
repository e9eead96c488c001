#include "http/drp_api.h"

#include <algorithm>

#include "app/drp.h"
#include "http/responses.h"

namespace rightsdesk::http {
namespace {

using nlohmann::json;

Response DrpError(unsigned status, std::string_view message, bool fatal) {
  json body = {{"code", std::to_string(status)}, {"message", message}};
  if (fatal) body["fatal"] = true;
  return JsonResponse(status, body);
}

// An error of the message's time window is the agent's to fix by signing anew: 400, fatal.
bool IsWindowError(const Error& error) {
  return error.field() == "/issued-at" || error.field() == "/expires-at";
}

unsigned DrpStatusFor(const Error& error) {
  switch (error.code()) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return IsWindowError(error) ? 400 : 409;
    default:
      return StatusFor(error.code());
  }
}

// The bearer token of "Authorization: Bearer <token>", or "".
std::string_view BearerOf(const Request& request) {
  std::string_view header = View(request[beast_http::field::authorization]);
  constexpr std::string_view kScheme = "Bearer ";
  if (!header.starts_with(kScheme)) return {};
  header.remove_prefix(kScheme.size());
  while (!header.empty() && header.back() == ' ') header.remove_suffix(1);
  return header;
}

// Runs `handle` for the agent holding the request's bearer token.
template <typename Handle>
Response AsAgent(const ApiContext& api, const Request& request, Handle handle) {
  if (api.services.drp == nullptr) return DrpError(503, "the Data Rights Protocol is off", false);
  auto agent = app::AuthenticateDrpAgent(*api.services.drp, BearerOf(request));
  if (!agent) {
    Response response = DrpErrorFor(agent.error());
    if (agent.error().code() == ErrorCode::kUnauthenticated) {
      response.set(beast_http::field::www_authenticate, "Bearer");
    }
    return response;
  }
  auto answer = handle(*agent);
  if (!answer) return DrpErrorFor(answer.error());
  return JsonResponse(200, *answer);
}

// The intake limits hold for agents too: per client address and per agent (an agent's many
// consumers share its limit, `intake_per_agent_per_hour`). Sets `retry_after_s` when refused.
Result<void> WithinLimits(const ApiContext& api, std::string_view peer,
                          const store::DrpAgent& agent, int& retry_after_s) {
  if (api.intake_limiter != nullptr && !api.intake_limiter->Allow(peer, retry_after_s)) {
    return Fail(ErrorCode::kResourceExhausted,
                "too many requests from this address; try again later");
  }
  if (api.agent_limiter != nullptr && !api.agent_limiter->Allow("drp:" + agent.id, retry_after_s)) {
    return Fail(ErrorCode::kResourceExhausted,
                "too many requests from this agent; try again later");
  }
  return {};
}

Response PairAgent(const ApiContext& api, const Request& request, std::string_view agent_id) {
  if (api.services.drp == nullptr) return DrpError(503, "the Data Rights Protocol is off", false);
  auto paired = app::PairDrpAgent(api.services, *api.services.drp, agent_id, request.body());
  if (!paired) {
    // Section 2.05.1: a refused key setup is a 403 with no body; outages stay retryable.
    const unsigned status = DrpStatusFor(paired.error());
    if (status >= 500) return DrpErrorFor(paired.error());
    Response response{beast_http::status::forbidden, 11};
    response.set(beast_http::field::cache_control, "no-store");
    response.prepare_payload();
    return response;
  }
  Response response = JsonResponse(200, {{"agent-id", paired->agent_id}, {"token", paired->token}});
  response.set(beast_http::field::cache_control, "no-store");
  return response;
}

}  // namespace

Response DrpErrorFor(const Error& error) {
  const unsigned status = DrpStatusFor(error);
  // Outages and bugs say nothing of the inside; the agent's own faults say what to fix.
  const std::string message =
      status >= 500 ? std::string("the service could not handle the request; try again later")
                    : error.message();
  const bool fatal = status == 400 || status == 403 || status == 409;
  return DrpError(status, message, fatal && status != 401);
}

void AddDrpRoutes(Router& router, const ApiContext& api) {
  router.Add(Verb::get, "/v1/agent/{agent}", [&api](const Request& request, const Call& call) {
    const std::string agent_id = call.params.at("agent");
    return AsAgent(api, request, [&](const store::DrpAgent& agent) -> Result<json> {
      if (agent.id != agent_id) {
        return Fail(ErrorCode::kPermissionDenied, "the bearer token is another agent's");
      }
      return json::object();
    });
  });
  router.Add(Verb::post, "/v1/agent/{agent}", [&api](const Request& request, const Call& call) {
    return PairAgent(api, request, call.params.at("agent"));
  });
  auto exercise = [&api](const Request& request, const Call& call) {
    int retry_after_s = 0;
    Response response = AsAgent(api, request, [&](const store::DrpAgent& agent) -> Result<json> {
      if (auto within = WithinLimits(api, call.peer, agent, retry_after_s); !within) {
        return std::unexpected(within.error());
      }
      return app::ExerciseDrpRight(api.services, *api.services.drp, agent, request.body());
    });
    if (response.result_int() == 429) {
      response.set(beast_http::field::retry_after, std::to_string(std::max(retry_after_s, 1)));
    }
    return response;
  };
  router.Add(Verb::post, "/v1/data-rights-request", exercise);
  router.Add(Verb::get, "/v1/data-rights-request/{id}",
             [&api](const Request& request, const Call& call) {
               return AsAgent(api, request, [&](const store::DrpAgent& agent) {
                 return app::DrpRequestStatus(api.services, *api.services.drp, agent,
                                              call.params.at("id"));
               });
             });
  router.Add(Verb::delete_, "/v1/data-rights-request/{id}",
             [&api](const Request& request, const Call& call) {
               return AsAgent(api, request, [&](const store::DrpAgent& agent) {
                 return app::RevokeDrpRequest(api.services, *api.services.drp, agent,
                                              call.params.at("id"), request.body());
               });
             });
}

}  // namespace rightsdesk::http
