// WebhookPoster: delivers a notice as a signed JSON POST to a recipient's or a downstream
// system's webhook (docs/webhooks.md). The signature lets the receiver check that the notice
// comes from this installation and was not altered or replayed late: Ed25519 with the
// installation's key over "<unix seconds>.<body>", sent as
//   RightsDesk-Signature: t=<unix seconds>,ed25519=<hex signature>
// and verified with the installation's public key (the one `rightsdesk audit export` states).
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "core/audit_chain.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::messaging {

struct WebhookAnswer {
  long status = 0;
  nlohmann::json body;  // the answer parsed as JSON, or null
};

class WebhookPoster {
 public:
  virtual ~WebhookPoster() = default;
  // Any HTTP status is an answer (the caller decides what to retry); errors are for no answer
  // (kUnavailable) or a URL that is not http(s) (kInvalidArgument). Messages name the host only.
  [[nodiscard]] virtual Result<WebhookAnswer> Post(const std::string& url,
                                                   const nlohmann::json& notice) = 0;
};

class SignedWebhookPoster final : public WebhookPoster {
 public:
  // `signer` and `clock` must outlive the poster.
  SignedWebhookPoster(const CheckpointSigner& signer, const Clock& clock,
                      std::chrono::milliseconds timeout)
      : signer_(signer), clock_(clock), timeout_(timeout) {}
  Result<WebhookAnswer> Post(const std::string& url, const nlohmann::json& notice) override;

 private:
  const CheckpointSigner& signer_;
  const Clock& clock_;
  std::chrono::milliseconds timeout_;
};

// The header's value for `body` sent at `unix_seconds`: "t=...,ed25519=...".
std::string WebhookSignature(const CheckpointSigner& signer, std::int64_t unix_seconds,
                             std::string_view body);
// Checks a header made by WebhookSignature against `key` (what a receiver does).
bool WebhookSignatureValid(const PublicKey& key, std::string_view header, std::string_view body);

}  // namespace rightsdesk::messaging
