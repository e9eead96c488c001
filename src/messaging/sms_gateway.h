// Text messages (SMS) through the company's own gateway: one-time codes for identity
// verification go to the consumer's phone this way (docs/verification.md). Any provider with an
// HTTP API can sit behind it, directly or through a small relay: RightsDesk posts
//   POST <gateway_url>   Authorization: Bearer <token>   Content-Type: application/json
//   {"to": "+14155550123", "from": "<sender>", "text": "..."}
// and takes any 2xx as accepted. 408, 425, 429 and 5xx are temporary (the outbox tries again);
// another status is a refusal. The text carries a code: it is never logged, and errors name the
// gateway's host only.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk::messaging {

class TextSender {
 public:
  virtual ~TextSender() = default;
  // Sends `text` to `to` (E.164). kUnavailable when it may work later, kFailedPrecondition when
  // the gateway refused it for good.
  [[nodiscard]] virtual Result<void> Send(std::string_view to, std::string_view text) = 0;
};

struct SmsGatewaySettings {
  std::string url;     // http(s)
  std::string token;   // sent as a bearer token; empty: no Authorization header
  std::string sender;  // the "from" the provider shows (a number or a short name)
  std::chrono::milliseconds timeout{10'000};
};

class SmsGateway final : public TextSender {
 public:
  explicit SmsGateway(SmsGatewaySettings settings) : settings_(std::move(settings)) {}
  Result<void> Send(std::string_view to, std::string_view text) override;

 private:
  SmsGatewaySettings settings_;
};

}  // namespace rightsdesk::messaging
