// Maps a method and a path to a handler. Patterns are literal segments and "{name}" captures
// ("/api/v1/requests/{id}"). Unknown paths get a 404 problem, known paths with another method a
// 405 with Allow. The matched pattern (not the raw path, which may hold ids or tokens) is what
// the access log and the metrics record.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/http_types.h"

namespace rightsdesk::http {

using PathParams = std::map<std::string, std::string, std::less<>>;
using Handler = std::function<Response(const Request&, const PathParams&)>;

struct Routed {
  Response response;
  std::string route;  // the pattern matched, or "unmatched"
};

class Router {
 public:
  void Add(Verb verb, std::string pattern, Handler handler);
  Routed Route(const Request& request) const;

 private:
  struct Entry {
    Verb verb;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Entry> entries_;
};

}  // namespace rightsdesk::http
