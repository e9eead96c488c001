#include "web_service.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <stdexcept>
#include <utility>

namespace rightsdesk::testing {
namespace {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

WebRequest ToWebRequest(const bhttp::request<bhttp::string_body>& request) {
  WebRequest out{.method = std::string(request.method_string()),
                 .target = std::string(request.target()),
                 .body = request.body()};
  for (const auto& field : request) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  return out;
}

}  // namespace

WebService::WebService(Script script) : script_(std::move(script)) {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::listen(listener_, 64) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("the test web service cannot listen");
  }
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { Accept(); });
}

WebService::~WebService() {
  stopping_ = true;
  ::shutdown(listener_, SHUT_RDWR);
  ::close(listener_);
  acceptor_.join();
  std::lock_guard lock(mutex_);
  for (auto& connection : connections_) connection.join();
}

std::string WebService::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

std::vector<WebRequest> WebService::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void WebService::SetScript(Script script) {
  std::lock_guard lock(mutex_);
  script_ = std::move(script);
}

void WebService::Accept() {
  while (!stopping_) {
    int socket = ::accept(listener_, nullptr, nullptr);
    if (socket < 0) return;  // the listener was closed
    std::lock_guard lock(mutex_);
    connections_.emplace_back([this, socket] { Serve(socket); });
  }
}

// One request per connection (the answer says `Connection: close`), which is all the clients
// under test need and keeps every exchange independent.
void WebService::Serve(int socket) {
  net::io_context ioc;
  tcp::socket stream(ioc, tcp::v4(), socket);
  boost::beast::flat_buffer buffer;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.body_limit(64u << 20);
  boost::system::error_code error;
  bhttp::read(stream, buffer, parser, error);
  if (error) return;
  WebRequest request = ToWebRequest(parser.get());
  Script script;
  {
    std::lock_guard lock(mutex_);
    received_.push_back(request);
    script = script_;
  }
  WebAnswer answer = script(request);
  auto until = std::chrono::steady_clock::now() + answer.delay;
  while (!stopping_ && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (stopping_ && answer.delay.count() > 0) return;
  bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(answer.status), 11};
  response.set(bhttp::field::content_type, answer.content_type);
  response.set(bhttp::field::connection, "close");
  for (const auto& [name, value] : answer.headers) response.set(name, value);
  response.body() = answer.body;
  response.prepare_payload();
  bhttp::write(stream, response, error);
  stream.shutdown(tcp::socket::shutdown_both, error);
}

}  // namespace rightsdesk::testing
