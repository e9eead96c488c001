// A real HTTP server for the tests that play another company's service: a CRM's REST API, a
// recipient's or a downstream system's webhook. It listens on 127.0.0.1, hands every request to a
// script the test writes, and keeps what it received, so a test can make the service fail (500s,
// malformed JSON, answers too slow) and then check what RightsDesk sent.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace rightsdesk::testing {

struct WebRequest {
  std::string method;
  std::string target;                          // path and query, as sent
  std::map<std::string, std::string> headers;  // by lower-case name
  std::string body;
};

struct WebAnswer {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;
  std::chrono::milliseconds delay{0};  // waited before answering (a slow or hanging service)
};

class WebService {
 public:
  using Script = std::function<WebAnswer(const WebRequest&)>;

  explicit WebService(Script script);  // listens at once; throws if it cannot
  ~WebService();                       // stops, cutting short any delay
  WebService(const WebService&) = delete;
  WebService& operator=(const WebService&) = delete;

  unsigned short port() const { return port_; }
  std::string url(std::string_view path = "") const;  // "http://127.0.0.1:<port><path>"
  std::vector<WebRequest> received() const;           // in arrival order
  void SetScript(Script script);

 private:
  void Accept();
  void Serve(int socket);

  Script script_;
  mutable std::mutex mutex_;
  std::vector<WebRequest> received_;
  std::vector<std::thread> connections_;
  std::atomic<bool> stopping_{false};
  int listener_ = -1;
  unsigned short port_ = 0;
  std::thread acceptor_;
};

}  // namespace rightsdesk::testing
