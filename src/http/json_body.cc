#include "http/json_body.h"

#include "http/responses.h"

namespace rightsdesk::http {
namespace {

bool IsJson(const Request& request) {
  std::string_view value = View(request[beast_http::field::content_type]);
  value = value.substr(0, value.find(';'));
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return value == "application/json";
}

}  // namespace

std::expected<nlohmann::json, Response> ReadJsonBody(const Request& request) {
  if (!IsJson(request)) {
    return std::unexpected(
        ProblemResponse(415, "Unsupported Media Type", "send the body as application/json"));
  }
  nlohmann::json body = nlohmann::json::parse(request.body(), nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    return std::unexpected(ProblemResponse(400, "Bad Request", "the body is not well-formed JSON"));
  }
  return body;
}

}  // namespace rightsdesk::http
