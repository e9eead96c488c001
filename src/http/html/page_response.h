// Responses for the web pages, each with the security headers: a Content-Security-Policy that
// allows no script and no outside origin at all (the pages work without JavaScript), no framing,
// no MIME sniffing, and no Referer to other sites (a status page's address is a secret link;
// "no-referrer" would make browsers send "Origin: null" on our own forms).
#pragma once

#include <string>
#include <string_view>

#include "http/http_types.h"

namespace rightsdesk::http::html {

void SetSecurityHeaders(Response& response);

// text/html; charset=utf-8, not cached (pages may show personal data).
Response HtmlResponse(unsigned status, std::string body);

// 303 See Other: after a form is posted, the browser fetches `location` with GET.
Response RedirectResponse(std::string_view location);

// A file to save, never to render (Content-Disposition: attachment), not cached. `filename` may
// be anything (it can come from outside): it is reduced to safe ASCII for old browsers and given
// in full, percent-encoded, as filename* (RFC 6266).
Response DownloadResponse(std::string body, std::string_view content_type,
                          std::string_view filename);

// A compiled-in asset (CSS) with its content type, cacheable for a day.
Response StaticResponse(std::string_view content_type, const std::string& body);

}  // namespace rightsdesk::http::html
