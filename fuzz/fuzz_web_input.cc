// What a browser sends to the pages: a form body, a Cookie header, an Accept-Language header.
// The input is split at the first two newlines into those three parts.
#include <string>
#include <string_view>

#include "fuzz_target.h"
#include "http/html/web_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto first = text.find('\n');
  std::string_view body = text.substr(0, first);
  std::string_view rest = first == std::string_view::npos ? "" : text.substr(first + 1);
  auto second = rest.find('\n');
  std::string_view cookie = rest.substr(0, second);
  std::string_view language = second == std::string_view::npos ? "" : rest.substr(second + 1);
  namespace web = rightsdesk::http;
  web::Request request{web::beast_http::verb::post, "/privacy/request", 11};
  request.set(web::beast_http::field::content_type, "application/x-www-form-urlencoded");
  request.body() = std::string(body);
  auto fields = web::html::ReadFormBody(request);
  (void)web::html::CookieValue(cookie, "rd_session");
  (void)web::html::ChooseLanguage(fields ? *fields : web::QueryParams{}, language);
  return 0;
}
