#include "messaging/webhook_poster.h"

#include <sodium.h>

#include <charconv>

#include "core/hex.h"
#include "messaging/http_call.h"

namespace rightsdesk::messaging {
namespace {

std::vector<std::uint8_t> SignedBytes(std::int64_t unix_seconds, std::string_view body) {
  std::string text = std::to_string(unix_seconds) + "." + std::string(body);
  return {text.begin(), text.end()};
}

}  // namespace

std::string WebhookSignature(const CheckpointSigner& signer, std::int64_t unix_seconds,
                             std::string_view body) {
  Signature signature = signer.Sign(SignedBytes(unix_seconds, body));
  return "t=" + std::to_string(unix_seconds) + ",ed25519=" + ToHex(signature);
}

bool WebhookSignatureValid(const PublicKey& key, std::string_view header, std::string_view body) {
  if (!header.starts_with("t=")) return false;
  auto comma = header.find(",ed25519=");
  if (comma == std::string_view::npos) return false;
  std::int64_t seconds = 0;
  auto time = header.substr(2, comma - 2);
  auto [end, error] = std::from_chars(time.data(), time.data() + time.size(), seconds);
  if (error != std::errc() || end != time.data() + time.size()) return false;
  auto signature = FromHex(header.substr(comma + 9));
  if (!signature || signature->size() != crypto_sign_BYTES) return false;
  auto message = SignedBytes(seconds, body);
  return crypto_sign_verify_detached(signature->data(), message.data(), message.size(),
                                     key.data()) == 0;
}

Result<WebhookAnswer> SignedWebhookPoster::Post(const std::string& url,
                                                const nlohmann::json& notice) {
  std::string body = notice.dump();
  auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
  auto reply =
      Send(HttpCall{.method = "POST",
                    .url = url,
                    .headers = {{"Content-Type", "application/json"},
                                {"User-Agent", "RightsDesk"},
                                {"RightsDesk-Signature", WebhookSignature(signer_, seconds, body)}},
                    .body = std::move(body),
                    .timeout = timeout_,
                    .max_response_bytes = 64u << 10});
  if (!reply) return std::unexpected(reply.error());
  return WebhookAnswer{.status = reply->status,
                       .body = nlohmann::json::parse(reply->body, nullptr, false)};
}

}  // namespace rightsdesk::messaging
