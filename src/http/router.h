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

// What a handler knows besides the request: the captured path segments and the peer's address.
struct Call {
  PathParams params;
  std::string peer;  // the client's IP address as text
};
using Handler = std::function<Response(const Request&, const Call&)>;

struct Routed {
  Response response;
  std::string route;  // the pattern matched, or "unmatched"
};

class Router {
 public:
  void Add(Verb verb, std::string pattern, Handler handler);
  Routed Route(const Request& request, std::string peer) const;

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
