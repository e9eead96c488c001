#include "app/drp_callbacks.h"

#include "core/drp_status.h"

namespace rightsdesk::app {

std::string DrpVerificationUrl(const Services& services, const store::DrpLink& link) {
  if (services.public_url.empty() || link.verification_path.empty()) return "";
  return services.public_url + link.verification_path;
}

Result<void> QueueDrpCallback(const Services& services, const Request& before,
                              RequestChange& change) {
  if (services.drp == nullptr || !DrpNewsworthy(before, change.after)) return {};
  auto link = services.drp->FindLink(before.id);
  if (!link) {
    if (link.error().code() == ErrorCode::kNotFound) return {};
    return std::unexpected(link.error().WithContext("finding the agent of " + before.reference));
  }
  if (link->status_callback.empty()) return {};
  // "drp" marks a body posted exactly as given (no delivery id or time added) and an answer
  // that is not read (outbox_delivery.cc).
  change.notices.push_back(
      {.request_id = before.id,
       .kind = std::string(kDrpCallbackKind),
       .params = {{"webhook", link->status_callback},
                  {"recipient", "agent:" + link->agent_id},
                  {"drp", true},
                  {"agent_request_id", link->agent_request_id},
                  {"user_verification_url", DrpVerificationUrl(services, *link)},
                  {"payload", DrpExerciseStatus(change.after, link->agent_request_id,
                                                DrpVerificationUrl(services, *link))}}});
  return {};
}

nlohmann::json DrpCallbackBody(const Request& request, const nlohmann::json& params) {
  return DrpExerciseStatus(request, params.value("agent_request_id", ""),
                           params.value("user_verification_url", ""));
}

}  // namespace rightsdesk::app
