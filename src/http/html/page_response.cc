#include "http/html/page_response.h"

namespace rightsdesk::http::html {
namespace {

// Letters, digits and ". - _": what needs no quoting or encoding in any browser.
bool PlainFilenameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

std::string AsciiFilename(std::string_view filename) {
  std::string out;
  for (char c : filename) out += PlainFilenameChar(c) ? c : '_';
  return out.empty() ? "download" : out;
}

std::string PercentEncoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    if (PlainFilenameChar(c)) {
      out += c;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

}  // namespace

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

Response DownloadResponse(std::string body, std::string_view content_type,
                          std::string_view filename) {
  Response response{beast_http::status::ok, 11};
  response.set(beast_http::field::content_type, BeastView(content_type));
  response.set(beast_http::field::content_disposition,
               "attachment; filename=\"" + AsciiFilename(filename) + "\"; filename*=UTF-8''" +
                   PercentEncoded(filename));
  response.set(beast_http::field::cache_control, "no-store");
  SetSecurityHeaders(response);
  response.body() = std::move(body);
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
