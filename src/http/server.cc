#include "http/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "http/responses.h"
#include "http/routes.h"

namespace rightsdesk::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

}  // namespace

class Session;

struct HttpServer::State {
  State(const Router& r, ServerOptions o)
      : router(r),
        options(std::move(o)),
        workers(static_cast<std::size_t>(options.worker_threads)),
        acceptor(net::make_strand(ioc)),
        signals(ioc) {}

  const Router& router;
  ServerOptions options;
  std::atomic<bool> stopping = false;
  // Declared before the io_context so that they outlive it: destroying the io_context destroys
  // the handlers still queued, which may hold the last reference to a Session, whose destructor
  // takes `mu` and erases itself from `sessions`.
  std::mutex mu;
  std::map<Session*, std::weak_ptr<Session>> sessions;
  net::io_context ioc;
  net::thread_pool workers;
  tcp::acceptor acceptor;
  net::signal_set signals;

  void Accept();
  void CloseIdleSessions();
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer::State& server)
      : stream_(std::move(socket)), server_(server) {}
  ~Session() {
    std::lock_guard lock(server_.mu);
    server_.sessions.erase(this);
  }

  void Start() {
    {
      std::lock_guard lock(server_.mu);
      server_.sessions[this] = weak_from_this();
    }
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Runs on the session's strand: an idle connection (waiting for a request) is closed.
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->reading_) self->stream_.socket().close();
    });
  }

 private:
  void Read() {
    if (server_.stopping) return Close();
    parser_.emplace();
    // The parser checks a declared Content-Length against its limit as soon as the header is
    // read: it gets the larger bound now, and OnHeader applies the route's.
    body_limit_ = std::max(server_.options.body_limit, server_.options.upload_body_limit);
    parser_->body_limit(body_limit_);
    stream_.expires_after(server_.options.read_timeout);
    reading_ = true;
    beast_http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  // The header tells whether this is a file upload, which may be larger than other bodies.
  void OnHeader(beast::error_code header_error) {
    if (header_error) return OnRead(header_error);
    if (!IsUploadTarget(View(parser_->get().target()))) body_limit_ = server_.options.body_limit;
    auto declared = parser_->content_length();
    if (declared && *declared > body_limit_) return OnRead(beast_http::error::body_limit);
    parser_->body_limit(body_limit_);
    beast_http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    reading_ = false;
    if (ec == beast_http::error::body_limit) {
      spdlog::info("http route=unmatched status=413");
      if (server_.options.metrics != nullptr) {
        server_.options.metrics->RecordResponse("unmatched", 413, 0);
      }
      return Answer(
          ProblemResponse(413, "Content Too Large",
                          "the body is larger than " + std::to_string(body_limit_) + " bytes"),
          "unmatched", false);
    }
    if (ec == beast_http::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || ec == net::error::bad_descriptor ||
        ec == net::error::connection_reset) {
      return Close();
    }
    if (ec) {
      spdlog::info("http route=unmatched status=400");
      if (server_.options.metrics != nullptr) {
        server_.options.metrics->RecordResponse("unmatched", 400, 0);
      }
      return Answer(ProblemResponse(400, "Bad Request", "the request is not valid HTTP/1.1"),
                    "unmatched", false);
    }
    // A stop may have closed this connection after the request was read but before this
    // handler ran: then the client can no longer be answered, so the request is not acted on.
    if (!stream_.socket().is_open()) return;
    Request request = parser_->release();
    bool keep_alive = request.keep_alive();
    beast::error_code peer_error;
    std::string peer = stream_.socket().remote_endpoint(peer_error).address().to_string();
    auto started = std::chrono::steady_clock::now();
    // Handlers block (group commit): they run on the worker pool, the answer comes back to this
    // connection's strand. The work guard keeps Run() from returning while one is in flight.
    net::post(server_.workers, [self = shared_from_this(), request = std::move(request),
                                guard = net::make_work_guard(stream_.get_executor()),
                                peer = std::move(peer), keep_alive, started]() mutable {
      Routed routed = self->server_.router.Route(request, std::move(peer));
      double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count();
      if (self->server_.options.metrics != nullptr) {
        self->server_.options.metrics->RecordResponse(routed.route, routed.response.result_int(),
                                                      ms / 1000.0);
      }
      spdlog::info("http method={} route={} status={} ms={:.2f}",
                   View(beast_http::to_string(request.method())), routed.route,
                   routed.response.result_int(), ms);
      net::post(self->stream_.get_executor(),
                [self, response = std::move(routed.response), route = routed.route,
                 keep_alive]() mutable { self->Answer(std::move(response), route, keep_alive); });
    });
  }

  void Answer(Response response, const std::string& /*route*/, bool keep_alive) {
    keep_alive = keep_alive && !server_.stopping;
    response.keep_alive(keep_alive);
    response_ = std::make_shared<Response>(std::move(response));
    stream_.expires_after(server_.options.read_timeout);  // a fresh budget for the write
    beast_http::async_write(
        stream_, *response_,
        [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
          if (ec || !keep_alive) return self->Close();
          self->Read();
        });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  HttpServer::State& server_;
  beast::flat_buffer buffer_;
  std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
  std::shared_ptr<Response> response_;
  std::size_t body_limit_ = 0;
  bool reading_ = false;
};

void HttpServer::State::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec != net::error::operation_aborted) spdlog::warn("http accept failed: {}", ec.message());
      if (stopping || ec == net::error::operation_aborted) return;
    } else {
      std::make_shared<Session>(std::move(socket), *this)->Start();
    }
    if (!stopping) Accept();
  });
}

void HttpServer::State::CloseIdleSessions() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(mu);
    for (auto& [raw, weak] : sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (auto& session : live) session->CloseIfIdle();
}

HttpServer::HttpServer(const Router& router, ServerOptions options)
    : state_(std::make_unique<State>(router, std::move(options))) {}

HttpServer::~HttpServer() { state_->workers.join(); }

Result<void> HttpServer::Listen() {
  auto& s = *state_;
  beast::error_code ec;
  auto address = net::ip::make_address(s.options.address, ec);
  if (ec) {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + s.options.address + "' is not an IP address to listen on");
  }
  tcp::endpoint endpoint(address, s.options.port);
  std::string where = s.options.address + ":" + std::to_string(s.options.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return Fail(ErrorCode::kUnavailable, "cannot listen on " + where + ": " + ec.message());
  return {};
}

unsigned short HttpServer::port() const { return state_->acceptor.local_endpoint().port(); }

void HttpServer::Run() {
  auto& s = *state_;
  if (s.options.stop_on_signals) {
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    s.signals.async_wait([this](beast::error_code ec, int) {
      if (!ec) Stop();
    });
  }
  s.Accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < s.options.io_threads; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& thread : threads) thread.join();
}

void HttpServer::Stop() {
  auto& s = *state_;
  if (s.stopping.exchange(true)) return;
  net::post(s.acceptor.get_executor(), [&s] {
    beast::error_code ignored;
    s.acceptor.close(ignored);
  });
  net::post(s.ioc, [&s] {
    beast::error_code ignored;
    s.signals.cancel(ignored);
  });
  s.CloseIdleSessions();
}

}  // namespace rightsdesk::http
