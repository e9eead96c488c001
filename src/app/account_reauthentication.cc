// Verification::Reauthenticate (app/verification.h): an account holder re-authenticates through
// the company's own login, which hands them a signed JWT (Cal. Code Regs. tit. 11 §7061(a)).
// The token is checked in the order that tells the least to whoever forged it: its form, its
// signature, then what it says (issuer, audience, time, consumer), then its single use.
#include <nlohmann/json.hpp>

#include "app/casework.h"
#include "app/verification.h"
#include "core/account_token.h"
#include "core/text.h"

namespace rightsdesk::app {
namespace {

constexpr std::string_view kReauthRefusedEvent = "verification.reauthentication_refused";

AuditEventDraft ReauthEvent(std::string_view action, std::string_view actor,
                            nlohmann::json details) {
  return {
      .actor = std::string(actor), .action = std::string(action), .details = std::move(details)};
}

}  // namespace

Result<Jwt> Verification::AcceptedToken(const Request& request, std::string_view token) const {
  auto jwt = ParseJwt(TrimAscii(token));
  if (!jwt) return jwt;
  auto kid = token_keys_->Verify(*jwt);
  if (!kid) return std::unexpected(kid.error());
  jwt->header.kid = *kid;  // the key's own, which the event names
  const JwtExpectations expected{.issuer = token_settings_.issuer,
                                 .audience = token_settings_.audience,
                                 .leeway = std::chrono::seconds(token_settings_.leeway_seconds)};
  if (auto valid = CheckJwtClaims(jwt->claims, expected, services_.clock.Now()); !valid) {
    return std::unexpected(valid.error());
  }
  auto identifies =
      CheckTokenIdentifies(jwt->claims, token_settings_.consumer_claim, request.subject);
  if (!identifies) return std::unexpected(identifies.error());
  return jwt;
}

// Records the refusal (the reason code only: never the token or what it says) and returns the
// error to give the caller.
Error Verification::RefuseToken(const Request& request, Error refusal, std::string_view actor) {
  auto recorded = RecordOnRequest(
      services_, request.id,
      ReauthEvent(kReauthRefusedEvent, actor, {{"reason", AccountTokenRefusal(refusal)}}));
  if (!recorded) return recorded.error().WithContext("recording a refused account token");
  return std::move(refusal).WithContext("re-authenticating " + request.reference);
}

Result<VerificationView> Verification::Reauthenticate(std::string_view reference,
                                                      std::string_view token,
                                                      std::string_view actor) {
  if (token_keys_ == nullptr) {
    return Fail(ErrorCode::kFailedPrecondition,
                "account tokens are not accepted: configure [verification.account_token] "
                "(docs/verification.md)");
  }
  auto request = Awaiting(reference);
  if (!request) return std::unexpected(request.error());
  auto jwt = AcceptedToken(*request, token);
  if (!jwt) return std::unexpected(RefuseToken(*request, std::move(jwt.error()), actor));
  const Instant now = services_.clock.Now();
  const store::AccountTokenUse use{
      .use_id = security::AccountTokenUseId(jwt->claims.iss, jwt->claims.jti),
      .request_id = request->id,
      .used_at = now,
      .expires_at = *jwt->claims.exp};
  AuditEventDraft event = ReauthEvent(
      kReauthenticatedEvent, actor,
      {{"issuer", jwt->claims.iss}, {"kid", jwt->header.kid}, {"alg", Name(jwt->header.alg)}});
  event.request_id = request->id;
  event.at = now;
  auto stored = store_.RecordAccountTokenUse(use, event);
  if (!stored && stored.error().code() == ErrorCode::kAlreadyExists) {
    return std::unexpected(RefuseToken(
        *request,
        Error(ErrorCode::kUnauthenticated,
              "account token refused: it was used before, and a token works once", "/payload/jti"),
        actor));
  }
  if (!stored) {
    return std::unexpected(
        std::move(stored.error()).WithContext("re-authenticating " + request->reference));
  }
  return PassIfSatisfied(*request, actor);
}

}  // namespace rightsdesk::app
