// A database host that hangs: accepts TCP connections on 127.0.0.1 and never says a word, for
// tests of a connector's timeout. Connections are held open until the server is destroyed.
#pragma once

#include <atomic>
#include <thread>
#include <vector>

namespace rightsdesk::testing {

class SilentServer {
 public:
  SilentServer();  // listening on a port the kernel picks; throws std::runtime_error when it cannot
  ~SilentServer();
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;

  unsigned short port() const { return port_; }
  int accepted() const { return accepted_count_; }  // connections taken so far

 private:
  void Serve();

  int listener_;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_count_{0};
  std::vector<int> accepted_;  // the serving thread's until it is joined
  std::thread thread_;
};

}  // namespace rightsdesk::testing
