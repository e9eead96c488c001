#include "http/html/page_response.h"

namespace rightsdesk::http::html {

void SetSecurityHeaders(Response& response) {
  response.set("Content-Security-Policy",
               "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
               "frame-ancestors 'none'; base-uri 'none'");
  response.set(beast_http::field::x_frame_options, "DENY");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "same-origin");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
  response.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

Response HtmlResponse(unsigned status, std::string body) {
  Response response{static_cast<beast_http::status>(status), 11};
  response.set(beast_http::field::content_type, "text/html; charset=utf-8");
  response.set(beast_http::field::cache_control, "no-store");
  SetSecurityHeaders(response);
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Response RedirectResponse(std::string_view location) {
  Response response{beast_http::status::see_other, 11};
  response.set(beast_http::field::location, BeastView(location));
  response.set(beast_http::field::cache_control, "no-store");
  SetSecurityHeaders(response);
  response.prepare_payload();
  return response;
}

Response StaticResponse(std::string_view content_type, const std::string& body) {
  Response response{beast_http::status::ok, 11};
  response.set(beast_http::field::content_type, BeastView(content_type));
  response.set(beast_http::field::cache_control, "public, max-age=86400");
  SetSecurityHeaders(response);
  response.body() = body;
  response.prepare_payload();
  return response;
}

}  // namespace rightsdesk::http::html
