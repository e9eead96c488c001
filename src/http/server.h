// The HTTP server (Boost.Beast over Asio). Network I/O runs on a few I/O threads; handlers run on
// a pool of worker threads, because they block on the store's group commit, and many of them
// waiting at once is what lets one commit carry many intakes. One access-log line per request
// with the route pattern, status and time only (no personal data, no raw paths).
//
// Stop() is graceful: it stops accepting, lets every request already read finish and its answer
// be written, closes idle keep-alive connections, and Run() returns when nothing is in flight.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "core/error.h"
#include "http/metrics.h"
#include "http/router.h"

namespace rightsdesk::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;          // 0: any free port (see HttpServer::port)
  std::size_t body_limit = 64 * 1024;  // larger bodies get 413
  // The bound for file uploads (http/routes.h IsUploadTarget) instead: attachments of 10 MB
  // encoded as a form.
  std::size_t upload_body_limit = 11 * 1024 * 1024;
  int io_threads = 2;
  int worker_threads = 64;
  std::chrono::seconds read_timeout{30};
  bool stop_on_signals = false;  // SIGINT and SIGTERM call Stop()
  Metrics* metrics = nullptr;    // records every response when set; must outlive the server
};

class HttpServer {
 public:
  HttpServer(const Router& router, ServerOptions options);
  ~HttpServer();

  // Binds and listens. kUnavailable (with the address) if the port cannot be taken.
  Result<void> Listen();
  unsigned short port() const;

  // Serves until Stop() and the drain are done. Call once, after Listen().
  void Run();
  // Thread-safe; may be called from a signal handler's Asio callback or another thread.
  void Stop();

 private:
  friend class Session;
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace rightsdesk::http
