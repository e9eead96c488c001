#include "http/router.h"

#include "http/responses.h"

namespace rightsdesk::http {
namespace {

std::vector<std::string> Segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool Match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           PathParams& params) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      params[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::Add(Verb verb, std::string pattern, Handler handler) {
  std::vector<std::string> segments = Segments(pattern);
  entries_.push_back({verb, std::move(pattern), std::move(segments), std::move(handler)});
}

Routed Router::Route(const Request& request, std::string peer) const {
  std::string_view target = View(request.target());
  std::string_view path = target.substr(0, target.find('?'));
  std::vector<std::string> segments = Segments(path);
  std::string allowed;
  for (const Entry& entry : entries_) {
    Call call{.peer = peer};
    if (!Match(entry.segments, segments, call.params)) continue;
    if (entry.verb == request.method()) {
      return {entry.handler(request, call), entry.pattern};
    }
    allowed += allowed.empty() ? "" : ", ";
    allowed += View(beast_http::to_string(entry.verb));
  }
  if (!allowed.empty()) {
    Response response =
        ProblemResponse(405, "Method Not Allowed", "this resource accepts " + allowed);
    response.set(beast_http::field::allow, allowed);
    return {std::move(response), "unmatched"};
  }
  return {ProblemResponse(404, "Not Found", "there is nothing at this address"), "unmatched"};
}

}  // namespace rightsdesk::http
