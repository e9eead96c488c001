#include "http/intake_door.h"

#include "core/hex.h"
#include "core/reference.h"
#include "core/subject.h"
#include "core/text.h"
#include "security/api_token.h"

namespace rightsdesk::http {
namespace {

// The limiter's key for an address: a hash, so that the process does not hold a table of
// consumers' addresses; an invalid address is left to the form's validation.
std::optional<std::string> AddressKey(std::string_view email) {
  auto normal = NormalizeEmail(TrimAscii(email));
  if (!normal) return std::nullopt;
  return ToHex(security::HashToken(*normal));
}

bool Allowed(security::RateLimiter* limiter, const std::optional<std::string>& key,
             int& retry_after_s) {
  return limiter == nullptr || !key || limiter->Allow(*key, retry_after_s);
}

}  // namespace

Result<app::Submitted> TakeIn(const ApiContext& api, const app::IntakeForm& form,
                              std::string_view peer, int& retry_after_s) {
  auto refuse = [](std::string why) { return Fail(ErrorCode::kResourceExhausted, why); };
  if (!Allowed(api.intake_limiter, std::string(peer), retry_after_s)) {
    return refuse("too many requests from this address; try again later");
  }
  if (!Allowed(api.email_limiter, AddressKey(form.email), retry_after_s)) {
    return refuse("too many requests about this email address; try again later");
  }
  if (!form.agent_email.empty() &&
      !Allowed(api.agent_limiter, AddressKey(form.agent_email), retry_after_s)) {
    return refuse("too many requests from this authorized agent; try again later");
  }
  auto stored =
      app::SubmitRequest(api.services, form, form.agent_email.empty() ? "consumer" : "agent");
  if (stored && api.metrics != nullptr) api.metrics->RecordIntake();
  return stored;
}

Result<rightsdesk::Request> FindByStatusLink(const ApiContext& api, std::string_view id,
                                             std::string_view token) {
  auto not_found = [] { return Fail(ErrorCode::kNotFound, "no request has this link"); };
  if (!security::LooksLikeStatusToken(token) || LooksLikeReference(id)) return not_found();
  auto request = api.services.requests.FindById(id);
  if (!request) {
    if (request.error().code() == ErrorCode::kNotFound) return not_found();
    return std::unexpected(request.error());
  }
  // Compared in constant time; a request without a link (made before links existed) has an
  // all-zero hash, which no token hashes to.
  if (request->status_token_hash == Hash{} ||
      !security::SameHash(request->status_token_hash, security::HashToken(token))) {
    return not_found();
  }
  return request;
}

std::string StatusPath(const app::Submitted& submitted) {
  return app::StatusPath(submitted.request.id, submitted.status_token);
}

}  // namespace rightsdesk::http
