#include "messaging/http_call.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "messaging/curl_global.h"

namespace rightsdesk::messaging {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

struct Receiving {
  HttpReply* reply;
  std::size_t limit;
  bool too_long = false;
};

std::size_t ReceiveBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* receiving = static_cast<Receiving*>(user);
  std::size_t n = size * count;
  if (receiving->reply->body.size() + n > receiving->limit) {
    receiving->too_long = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  receiving->reply->body.append(data, n);
  return n;
}

// Keeps the headers of the last response only (a `100 Continue` comes first sometimes).
std::size_t ReceiveHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* reply = static_cast<HttpReply*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    reply->headers.clear();
  } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
    reply->headers.emplace_back(Lower(Trim(line.substr(0, colon))),
                                std::string(Trim(line.substr(colon + 1))));
  }
  return size * count;
}

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

HeaderList MakeHeaders(const HttpCall& call) {
  HeaderList list(nullptr, curl_slist_free_all);
  for (const auto& [name, value] : call.headers) {
    std::string line = name + ": " + value;
    list.reset(curl_slist_append(list.release(), line.c_str()));
  }
  // curl would otherwise send `Expect: 100-continue` for larger bodies and wait for it.
  list.reset(curl_slist_append(list.release(), "Expect:"));
  return list;
}

void SetRequest(CURL* h, const HttpCall& call, const curl_slist* headers) {
  curl_easy_setopt(h, CURLOPT_URL, call.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  if (!call.body.empty() || call.method == "POST" || call.method == "PUT" ||
      call.method == "PATCH") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, call.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.body.size()));
  }
  if (call.method == "HEAD") curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(call.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(call.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
}

}  // namespace

std::string HttpReply::Header(std::string_view name) const {
  std::string wanted = Lower(name);
  for (const auto& [key, value] : headers) {
    if (key == wanted) return value;
  }
  return {};
}

std::string HostOf(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  return std::string(rest);
}

Result<HttpReply> Send(const HttpCall& call) {
  std::string scheme = Lower(call.url.substr(0, call.url.find("://")));
  if (call.url.find("://") == std::string::npos || (scheme != "http" && scheme != "https")) {
    return Fail(ErrorCode::kInvalidArgument, "not an http(s) URL");
  }
  std::string host = HostOf(call.url);
  InitCurlOnce();
  CurlHandle curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Fail(ErrorCode::kUnavailable, "calling " + host + ": no curl handle");
  HttpReply reply;
  Receiving receiving{.reply = &reply, .limit = call.max_response_bytes};
  HeaderList headers = MakeHeaders(call);
  CURL* h = curl.get();
  SetRequest(h, call, headers.get());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, ReceiveBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &receiving);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, ReceiveHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &reply);
  CURLcode code = curl_easy_perform(h);
  if (receiving.too_long) {
    return Fail(ErrorCode::kResourceExhausted, "calling " + host + ": the answer exceeds " +
                                                   std::to_string(call.max_response_bytes) +
                                                   " bytes");
  }
  if (code != CURLE_OK) {
    return Fail(ErrorCode::kUnavailable,
                "calling " + host + ": " + std::string(curl_easy_strerror(code)));
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  reply.content_type = reply.Header("content-type");
  return reply;
}

}  // namespace rightsdesk::messaging
