#include "connectors/http_api.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace rightsdesk::connectors {
namespace {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// The Authorization (or own) header's value, read now so a rotated secret takes effect without a
// restart. Never logged, never in a message.
Result<std::pair<std::string, std::string>> AuthHeader(const HttpAuth& auth) {
  const char* secret = std::getenv(auth.secret_env.c_str());
  if (secret == nullptr || *secret == '\0') {
    return Fail(ErrorCode::kFailedPrecondition, "the environment variable " + auth.secret_env +
                                                    " (the API's credentials) is not set");
  }
  switch (auth.kind) {
    case HttpAuth::Kind::kBearer:
      return std::pair<std::string, std::string>{"Authorization", "Bearer " + std::string(secret)};
    case HttpAuth::Kind::kHeader:
      return std::pair<std::string, std::string>{auth.header, secret};
    case HttpAuth::Kind::kBasic:
      return std::pair<std::string, std::string>{
          "Authorization", "Basic " + Base64(auth.user + ":" + std::string(secret))};
    case HttpAuth::Kind::kNone:
      break;
  }
  return std::pair<std::string, std::string>{};
}

// Retry-After in seconds (the HTTP-date form is rare for APIs and read as absent).
std::optional<std::chrono::seconds> RetryAfter(const messaging::HttpReply& reply) {
  const std::string value = reply.Header("retry-after");
  if (value.empty() || value.size() > 6 ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::chrono::seconds(std::stol(value));
}

}  // namespace

Result<void> RequireSuccess(const messaging::HttpReply& reply) {
  const long status = reply.status;
  if (status >= 200 && status < 300) return {};
  const std::string answered = "answered HTTP " + std::to_string(status);
  if (status == 401 || status == 403) {
    return Fail(ErrorCode::kFailedPrecondition, answered + ": the credentials were refused");
  }
  if (status == 429 || status >= 500) return Fail(ErrorCode::kUnavailable, answered);
  return Fail(ErrorCode::kFailedPrecondition,
              answered + ": not what the data map's request expects");
}

std::string HttpApi::Url(const RequestTemplate& request, const TemplateValues& values) const {
  return base_url() + ExpandTarget(request, values);
}

Result<std::vector<std::pair<std::string, std::string>>> HttpApi::Headers(bool json_body) const {
  std::vector<std::pair<std::string, std::string>> headers{{"Accept", "application/json"},
                                                           {"User-Agent", "RightsDesk"}};
  if (json_body) headers.emplace_back("Content-Type", "application/json");
  if (system_.connector.http.auth.kind != HttpAuth::Kind::kNone) {
    auto auth = AuthHeader(system_.connector.http.auth);
    if (!auth) return std::unexpected(auth.error());
    headers.push_back(std::move(*auth));
  }
  return headers;
}

Result<messaging::HttpReply> HttpApi::Send(std::string_view method, const std::string& url,
                                           const std::string& body) const {
  auto headers = Headers(!body.empty());
  if (!headers) return std::unexpected(headers.error());
  const std::chrono::milliseconds timeout = std::chrono::seconds(system_.connector.timeout_seconds);
  auto reply = messaging::Send(
      {.method = std::string(method),
       .url = url,
       .headers = std::move(*headers),
       .body = body,
       .timeout = timeout,
       .connect_timeout = std::min<std::chrono::milliseconds>(timeout, std::chrono::seconds(5)),
       .max_response_bytes = options_.max_answer_bytes});
  if (!reply && reply.error().code() == ErrorCode::kResourceExhausted) {
    return Fail(ErrorCode::kFailedPrecondition,
                reply.error().message() + ": ask the API for smaller pages");
  }
  return reply;
}

void HttpApi::Wait(std::chrono::milliseconds backoff, const messaging::HttpReply* reply) const {
  std::chrono::milliseconds wait = backoff;
  if (auto asked = reply ? RetryAfter(*reply) : std::nullopt) {
    wait = std::min<std::chrono::milliseconds>(*asked, options_.max_retry_after);
  }
  if (options_.sleep) {
    options_.sleep(wait);
  } else {
    std::this_thread::sleep_for(wait);
  }
}

Result<messaging::HttpReply> HttpApi::SendRetrying(std::string_view method, const std::string& url,
                                                   const std::string& body,
                                                   std::initializer_list<long> accepted) const {
  std::chrono::milliseconds backoff = options_.first_backoff;
  for (int attempt = 0;; ++attempt) {
    auto reply = Send(method, url, body);
    Result<void> judged =
        reply ? RequireSuccess(*reply) : Result<void>(std::unexpected(reply.error()));
    if (reply && std::find(accepted.begin(), accepted.end(), reply->status) != accepted.end()) {
      return reply;
    }
    if (judged) return reply;
    if (judged.error().code() != ErrorCode::kUnavailable) return std::unexpected(judged.error());
    if (attempt >= system_.connector.retries) {
      return Fail(ErrorCode::kUnavailable,
                  judged.error().message() + " (" + std::to_string(attempt + 1) + " attempts)");
    }
    Wait(backoff, reply ? &*reply : nullptr);
    backoff *= 2;
  }
}

}  // namespace rightsdesk::connectors
