#include "http_client.h"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>

namespace rightsdesk::testing {

namespace net = boost::asio;
using tcp = net::ip::tcp;

Reply Send(unsigned short port, bhttp::verb verb, const std::string& target,
           const std::string& body, const std::string& content_type, const std::string& token,
           const Headers& headers) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect({net::ip::make_address("127.0.0.1"), port});
  bhttp::request<bhttp::string_body> request{verb, target, 11};
  request.set(bhttp::field::host, "localhost");
  if (!content_type.empty()) request.set(bhttp::field::content_type, content_type);
  if (!token.empty()) request.set(bhttp::field::authorization, "Bearer " + token);
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  bhttp::write(socket, request);
  boost::beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  bhttp::read(socket, buffer, response);
  Reply reply{.status = response.result_int(),
              .content_type = std::string(response[bhttp::field::content_type]),
              .allow = std::string(response[bhttp::field::allow]),
              .www_authenticate = std::string(response[bhttp::field::www_authenticate]),
              .retry_after = std::string(response[bhttp::field::retry_after])};
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(field.value());
  }
  reply.text = response.body();
  reply.body = nlohmann::json::parse(response.body(), nullptr, false);
  return reply;
}

void ServerFixture::SetUp() {
  spdlog::set_level(spdlog::level::warn);  // the access log is not what these tests read
  app::DataDir dir{scratch_.path() / "data"};
  ASSERT_TRUE(app::Installation::Init(dir, clock_, "test"));
  auto opened = app::Installation::Open(dir, clock_);
  ASSERT_TRUE(opened);
  installation_ = std::move(*opened);
  limiter_ = std::make_unique<security::RateLimiter>(IntakeLimit(), clock_);
  email_limiter_ = std::make_unique<security::RateLimiter>(EmailLimit(), clock_);
  auto templates = http::html::Templates::Load();
  ASSERT_TRUE(templates) << templates.error().message();
  templates_.emplace(std::move(*templates));
  api_.emplace(http::ApiContext{
      .services = {installation_->ruleset(), installation_->requests(), clock_, zones_, random_},
      .tokens = installation_->tokens(),
      .trail = installation_->trail(),
      .public_key = installation_->public_key(),
      .intake_limiter = limiter_.get(),
      .email_limiter = email_limiter_.get(),
      .agent_limiter = email_limiter_.get(),
      .metrics = &metrics_,
      .templates = &*templates_,
      .preferences = &installation_->preferences(),
      .users = &installation_->users(),
      .inbox = &installation_->inbox(),
      .corrections = &installation_->corrections(),
      .verification = &installation_->verification(),
      .playbooks = &installation_->config().playbooks,
      .scenarios = &installation_->config().scenarios,
      .training = &installation_->training()});
  Configure(*api_);
  router_.emplace(http::BuildRoutes(*api_));
  server_ = std::make_unique<http::HttpServer>(
      *router_, http::ServerOptions{.port = 0, .metrics = &metrics_});
  ASSERT_TRUE(server_->Listen());
  port_ = server_->port();
  thread_ = std::thread([this] { server_->Run(); });
}

void ServerFixture::TearDown() {
  if (server_) server_->Stop();
  if (thread_.joinable()) thread_.join();
}

Reply ServerFixture::Post(const std::string& body) {
  return Send(port_, bhttp::verb::post, "/api/v1/requests", body);
}

std::set<std::string> ServerFixture::StoredEmails() {
  std::set<std::string> emails;
  auto page = installation_->requests().List({.limit = 1000});
  for (const Request& r : page->requests) emails.insert(r.subject.email);
  return emails;
}

}  // namespace rightsdesk::testing
