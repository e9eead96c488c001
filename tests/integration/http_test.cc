// The HTTP server on a real socket with the real store: the intake API's answers and problems,
// and a graceful stop under load that answers everything it read and stores nothing it did not.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "app/installation.h"
#include "fixed_clock.h"
#include "http/routes.h"
#include "http/server.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "test_dirs.h"

namespace rightsdesk::testing {
namespace {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using nlohmann::json;

struct Reply {
  unsigned status = 0;
  std::string content_type;
  std::string allow;
  json body;
};

// One request on a fresh connection. Throws when the connection fails.
Reply Send(unsigned short port, bhttp::verb verb, const std::string& target,
           const std::string& body = "", const std::string& content_type = "application/json") {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect({net::ip::make_address("127.0.0.1"), port});
  bhttp::request<bhttp::string_body> request{verb, target, 11};
  request.set(bhttp::field::host, "localhost");
  if (!content_type.empty()) request.set(bhttp::field::content_type, content_type);
  request.body() = body;
  request.prepare_payload();
  bhttp::write(socket, request);
  boost::beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  bhttp::read(socket, buffer, response);
  Reply reply{.status = response.result_int(),
              .content_type = std::string(response[bhttp::field::content_type]),
              .allow = std::string(response[bhttp::field::allow])};
  reply.body = json::parse(response.body(), nullptr, false);
  return reply;
}

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spdlog::set_level(spdlog::level::warn);  // the access log is not what these tests read
    app::DataDir dir{scratch_.path() / "data"};
    ASSERT_TRUE(app::Installation::Init(dir, clock_, "test"));
    auto opened = app::Installation::Open(dir, clock_);
    ASSERT_TRUE(opened);
    installation_ = std::move(*opened);
    services_.emplace(app::Services{installation_->ruleset(), installation_->requests(), clock_,
                                    zones_, random_});
    router_.emplace(http::BuildRoutes(*services_));
    server_ = std::make_unique<http::HttpServer>(*router_, http::ServerOptions{.port = 0});
    ASSERT_TRUE(server_->Listen());
    port_ = server_->port();
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  Reply Post(const std::string& body) {
    return Send(port_, bhttp::verb::post, "/api/v1/requests", body);
  }
  std::set<std::string> StoredEmails() {
    std::set<std::string> emails;
    auto page = installation_->requests().List({.limit = 1000});
    for (const Request& r : page->requests) emails.insert(r.subject.email);
    return emails;
  }

  ScratchDir scratch_;
  FixedClock clock_{*ParseInstant("2026-11-24T18:00:00.000000Z")};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<app::Services> services_;
  std::optional<http::Router> router_;
  std::unique_ptr<http::HttpServer> server_;
  unsigned short port_ = 0;
  std::thread thread_;
};

TEST_F(HttpTest, HealthCheck) {
  Reply reply = Send(port_, bhttp::verb::get, "/healthz", "", "");
  EXPECT_EQ(reply.status, 200U);
  EXPECT_EQ(reply.body, json({{"status", "ok"}}));
}

TEST_F(HttpTest, IntakeAnswers201WithThePublicFields) {
  Reply reply = Post(R"({"type":"access","subject":{"email":"Ana@Example.com","name":"Ana"},
                        "language":"es","message":"Quiero mis datos"})");
  ASSERT_EQ(reply.status, 201U) << reply.body.dump();
  EXPECT_EQ(reply.content_type, "application/json");
  for (const char* key : {"id", "reference", "status", "type", "jurisdiction", "received_at",
                          "acknowledge_by", "respond_by"}) {
    EXPECT_TRUE(reply.body.contains(key)) << key;
  }
  EXPECT_EQ(reply.body.at("status"), "received");
  EXPECT_EQ(reply.body.at("jurisdiction"), "US-CA");
  EXPECT_EQ(reply.body.at("acknowledge_by"), "2026-12-10");
  EXPECT_EQ(reply.body.at("respond_by"), "2027-01-08");
  auto stored = installation_->requests().FindById(reply.body.at("id").get<std::string>());
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->subject.email, "ana@example.com");
  EXPECT_EQ(stored->channel, Channel::kApi);
  EXPECT_EQ(stored->language, "es");
}

TEST_F(HttpTest, BadInputGetsProblemDetailsAndStoresNothing) {
  struct Case {
    std::string body;
    std::string content_type;
    unsigned status;
    std::string pointer;
  };
  const Case cases[] = {
      {R"({"type":"access")", "application/json", 400, ""},
      {R"({"type":"access","subject":{"email":"a@b.co"}})", "text/plain", 415, ""},
      {R"({"type":"erase","subject":{"email":"a@example.com"}})", "application/json", 422, "/type"},
      {R"({"type":"access","subject":{"email":"nope"}})", "application/json", 422,
       "/subject/email"},
      {R"({"type":"access","subject":{"email":"a@example.com","name":7}})", "application/json", 422,
       "/subject/name"},
      {R"({"type":"access"})", "application/json", 422, "/subject"},
      {R"({"type":"access","subject":{"email":"a@example.com"},"jurisdiction":"US-ZZ"})",
       "application/json", 422, "/jurisdiction"},
      {R"([1,2,3])", "application/json", 422, ""},
      {std::string(70 * 1024, ' '), "application/json", 413, ""},
  };
  for (const Case& c : cases) {
    Reply reply = Send(port_, bhttp::verb::post, "/api/v1/requests", c.body, c.content_type);
    SCOPED_TRACE(c.body.substr(0, 80));
    EXPECT_EQ(reply.status, c.status) << reply.body.dump();
    EXPECT_EQ(reply.content_type, "application/problem+json");
    EXPECT_EQ(reply.body.at("status"), c.status);
    if (!c.pointer.empty()) {
      EXPECT_EQ(reply.body.at("errors")[0].at("pointer"), c.pointer);
    }
  }
  EXPECT_TRUE(StoredEmails().empty());
}

TEST_F(HttpTest, UnknownPathsAndMethods) {
  Reply missing = Send(port_, bhttp::verb::get, "/api/v1/nothing", "", "");
  EXPECT_EQ(missing.status, 404U);
  EXPECT_EQ(missing.content_type, "application/problem+json");
  Reply wrong = Send(port_, bhttp::verb::delete_, "/api/v1/requests", "", "");
  EXPECT_EQ(wrong.status, 405U);
  EXPECT_EQ(wrong.allow, "POST");
}

TEST_F(HttpTest, GracefulStopAnswersWhatItReadAndStoresNothingElse) {
  constexpr int kClients = 16;
  std::atomic<int> answered_count = 0;
  std::mutex mu;
  std::set<std::string> answered;  // emails whose intake got a 201
  std::vector<std::string> failures;
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      for (int n = 0;; ++n) {
        std::string email = "c" + std::to_string(i) + "-" + std::to_string(n) + "@example.com";
        try {
          Reply reply = Post(R"({"type":"delete","subject":{"email":")" + email + R"("}})");
          if (reply.status != 201) return;
          std::lock_guard lock(mu);
          answered.insert(email);
          ++answered_count;
        } catch (const std::exception& e) {
          std::lock_guard lock(mu);
          failures.push_back(email + ": " + e.what());
          return;  // refused, or closed before it was read: it must not be stored
        }
      }
    });
  }
  while (answered_count < 100) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server_->Stop();  // while 16 clients keep sending
  for (auto& client : clients) client.join();
  thread_.join();  // Run() returns only when everything in flight is answered
  EXPECT_GE(answered.size(), 100U);
  std::set<std::string> stored = StoredEmails();
  std::vector<std::string> unanswered, unstored;
  std::set_difference(stored.begin(), stored.end(), answered.begin(), answered.end(),
                      std::back_inserter(unanswered));
  std::set_difference(answered.begin(), answered.end(), stored.begin(), stored.end(),
                      std::back_inserter(unstored));
  EXPECT_TRUE(unanswered.empty()) << ::testing::PrintToString(failures)
                                  << "stored without an answer: "
                                  << ::testing::PrintToString(unanswered);
  EXPECT_TRUE(unstored.empty()) << "answered but not stored: "
                                << ::testing::PrintToString(unstored);
}

}  // namespace
}  // namespace rightsdesk::testing
