// Outbound HTTP through libcurl: the one way RightsDesk calls other services' APIs (the HTTP/REST
// connector, webhooks to recipients and downstream systems). Any HTTP status is an answer, not an
// error: callers decide what a 404 or a 500 means for them. Errors are for no answer at all.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace rightsdesk::messaging {

struct HttpCall {
  std::string method = "GET";
  std::string url;  // http:// or https:// only
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;                                  // sent when not empty
  std::chrono::milliseconds timeout{10'000};         // the whole exchange
  std::chrono::milliseconds connect_timeout{5'000};  // reaching the server
  std::size_t max_response_bytes = 16u << 20;        // a longer answer is an error, not a crash
};

struct HttpReply {
  long status = 0;
  std::string content_type;  // as sent, possibly with parameters ("application/json; charset=...")
  std::string body;
  std::string Header(
      std::string_view name) const;  // empty when absent; name without regard to case
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
};

// Sends the call and waits for the whole answer. kUnavailable when the server cannot be reached
// or does not answer within the timeouts (worth retrying); kInvalidArgument for a URL that is not
// http(s); kResourceExhausted when the answer exceeds max_response_bytes. Messages name the host,
// never the path or query (they may carry identifiers) nor any header value (they carry secrets).
// Redirects are not followed: a webhook or API that moves must be reconfigured, not trusted.
Result<HttpReply> Send(const HttpCall& call);

// The host of an http(s) URL, for messages ("crm.example.com:8443"); empty when unparseable.
std::string HostOf(std::string_view url);

}  // namespace rightsdesk::messaging
