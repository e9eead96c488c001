#include "http/responses.h"

namespace rightsdesk::http {
namespace {

Response WithBody(unsigned status, std::string_view content_type, std::string body) {
  Response response{static_cast<beast_http::status>(status), 11};
  response.set(beast_http::field::content_type, BeastView(content_type));
  response.set(beast_http::field::cache_control, "no-store");
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

}  // namespace

Response JsonResponse(unsigned status, const nlohmann::json& body) {
  return WithBody(status, "application/json",
                  body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response ProblemResponse(unsigned status, std::string_view title, std::string_view detail,
                         std::optional<std::string> pointer) {
  nlohmann::json problem = {
      {"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
  if (pointer) problem["errors"] = {{{"pointer", *pointer}, {"detail", detail}}};
  return WithBody(status, "application/problem+json",
                  problem.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

unsigned StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 422;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kDataLoss:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response ProblemFor(const Error& error) {
  unsigned status = StatusFor(error.code());
  std::string title(View(beast_http::obsolete_reason(static_cast<beast_http::status>(status))));
  // Internal failures are logged by the server with their context; the client gets no details
  // that could reveal the system's insides.
  std::string detail =
      status >= 500 ? "the request could not be completed; try again later" : error.message();
  std::optional<std::string> pointer;
  if (status == 422 && !error.field().empty()) pointer = error.field();
  return ProblemResponse(status, title, detail, pointer);
}

}  // namespace rightsdesk::http
