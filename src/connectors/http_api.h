// The HTTP connector's calls to one system's API, through the one outbound client
// (messaging/http_call.h): URLs from base_url and the data map's requests, the credentials from
// the environment at each call, the system's timeout, a bound on the answer's size, and what an
// HTTP status means for RightsDesk. Thread-compatible: one HttpApi per DataSource.
//
// Errors name neither the URL's path or query (identifiers) nor a header's value (secrets):
// kFailedPrecondition when the credentials' variable is unset, when the API refuses them (401,
// 403) or answers what the data map did not expect (3xx, 4xx), or when an answer is too long;
// kUnavailable when there is no answer in time, or a 429 or 5xx (retrying may help).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/datamap.h"
#include "core/error.h"
#include "messaging/http_call.h"

namespace rightsdesk::connectors {

struct HttpApiOptions {
  std::size_t max_answer_bytes = 16u << 20;
  std::chrono::milliseconds first_backoff{500};          // SendRetrying: doubled after each failure
  std::chrono::seconds max_retry_after{60};              // a longer Retry-After is cut to this
  std::function<void(std::chrono::milliseconds)> sleep;  // std::this_thread::sleep_for if empty
};

using TemplateValues = std::vector<std::pair<std::string, std::string>>;

class HttpApi {
 public:
  // `system` must outlive the object.
  HttpApi(const SystemMap& system, HttpApiOptions options)
      : system_(system), options_(std::move(options)) {}

  // base_url followed by the request's target with `values` put in, percent-encoded.
  std::string Url(const RequestTemplate& request, const TemplateValues& values) const;
  const std::string& base_url() const { return system_.connector.http.base_url; }

  // One call; the answer whatever its status. A non-empty body is sent as application/json.
  Result<messaging::HttpReply> Send(std::string_view method, const std::string& url,
                                    const std::string& body = {}) const;

  // Send, then retried while it fails with kUnavailable (no answer, 429, 5xx), the system's
  // `retries` times, waiting first_backoff, doubled each time, or the answer's Retry-After.
  // For erasure, whose calls nothing above retries. The answer's status is judged by
  // RequireSuccess, but for the statuses in `accepted` (404 on a DELETE: already gone).
  Result<messaging::HttpReply> SendRetrying(std::string_view method, const std::string& url,
                                            const std::string& body,
                                            std::initializer_list<long> accepted) const;

 private:
  Result<std::vector<std::pair<std::string, std::string>>> Headers(bool json_body) const;
  void Wait(std::chrono::milliseconds backoff, const messaging::HttpReply* reply) const;

  const SystemMap& system_;
  HttpApiOptions options_;
};

// What an answer's status means: 2xx success; 401 and 403 kFailedPrecondition (credentials
// refused); 429 and 5xx kUnavailable; any other kFailedPrecondition.
Result<void> RequireSuccess(const messaging::HttpReply& reply);

}  // namespace rightsdesk::connectors
