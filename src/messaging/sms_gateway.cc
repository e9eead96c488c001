#include "messaging/sms_gateway.h"

#include <nlohmann/json.hpp>

#include "messaging/http_call.h"

namespace rightsdesk::messaging {
namespace {

bool SmsWorthRetrying(long status) {
  return status == 408 || status == 425 || status == 429 || status >= 500;
}

}  // namespace

Result<void> SmsGateway::Send(std::string_view to, std::string_view text) {
  nlohmann::json body = {
      {"to", std::string(to)}, {"from", settings_.sender}, {"text", std::string(text)}};
  HttpCall call{.method = "POST",
                .url = settings_.url,
                .headers = {{"Content-Type", "application/json"}, {"User-Agent", "RightsDesk"}},
                .body = body.dump(),
                .timeout = settings_.timeout,
                .max_response_bytes = 64u << 10};
  if (!settings_.token.empty()) {
    call.headers.emplace_back("Authorization", "Bearer " + settings_.token);
  }
  auto reply = messaging::Send(call);
  if (!reply) return std::unexpected(reply.error().WithContext("sending a text message"));
  if (reply->status >= 200 && reply->status < 300) return {};
  const std::string why = "the SMS gateway " + HostOf(settings_.url) + " answered HTTP " +
                          std::to_string(reply->status);
  return Fail(
      SmsWorthRetrying(reply->status) ? ErrorCode::kUnavailable : ErrorCode::kFailedPrecondition,
      why);
}

}  // namespace rightsdesk::messaging
