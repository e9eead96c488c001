// The HTTP message types every part of the web layer shares (Boost.Beast's).
#pragma once

#include <boost/beast/http.hpp>
#include <string_view>

namespace rightsdesk::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Verb = beast_http::verb;

// Boost 1.74's string_view is not std::string_view; these convert without copying.
inline std::string_view View(boost::beast::string_view text) { return {text.data(), text.size()}; }
inline boost::beast::string_view BeastView(std::string_view text) {
  return {text.data(), text.size()};
}

}  // namespace rightsdesk::http
