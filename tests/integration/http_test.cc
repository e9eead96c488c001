// The HTTP server on a real socket with the real store: the intake API's answers and problems,
// and a graceful stop under load that answers everything it read and stores nothing it did not.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "http_client.h"

namespace rightsdesk::testing {
namespace {

using nlohmann::json;

class HttpTest : public ServerFixture {};

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
                          "acknowledge_by", "respond_by", "status_url"}) {
    EXPECT_TRUE(reply.body.contains(key)) << key;
  }
  EXPECT_EQ(reply.body.at("status"), "received");
  EXPECT_EQ(reply.body.at("jurisdiction"), "US-CA");
  EXPECT_EQ(reply.body.at("acknowledge_by"), "2026-12-10");
  EXPECT_EQ(reply.body.at("respond_by"), "2027-01-08");
  // The secret status link is the consumer's page; the same id and token give the JSON view,
  // without personal data.
  std::string page_url = reply.body.at("status_url");
  const std::string page_prefix = "/privacy/status/" + reply.body.at("id").get<std::string>();
  ASSERT_EQ(page_url.rfind(page_prefix + "/rds_", 0), 0U);
  std::string status_url =
      "/api/v1/status" + page_url.substr(std::string("/privacy/status").size());
  Reply status = Send(port_, bhttp::verb::get, status_url, "", "");
  ASSERT_EQ(status.status, 200U);
  EXPECT_EQ(status.body.at("reference"), reply.body.at("reference"));
  EXPECT_EQ(status.body.at("status"), "received");
  EXPECT_EQ(status.text.find("example.com"), std::string::npos);
  for (std::string bad :
       {std::string("/api/v1/status/rds_") + std::string(64, '0'),
        std::string("/api/v1/status/") + status_url.substr(16, 20), status_url + "0"}) {
    EXPECT_EQ(Send(port_, bhttp::verb::get, bad, "", "").status, 404U) << bad;
  }
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

class RateLimitedHttpTest : public ServerFixture {
 protected:
  security::RateLimit IntakeLimit() const override { return {.per_minute = 6, .burst = 2}; }
};

TEST_F(RateLimitedHttpTest, TooManyIntakesFromOneAddressAre429WithRetryAfter) {
  const std::string body = R"({"type":"opt_out","subject":{"email":"a@example.com"}})";
  EXPECT_EQ(Post(body).status, 201U);
  EXPECT_EQ(Post(body).status, 201U);
  Reply limited = Post(body);
  EXPECT_EQ(limited.status, 429U);
  EXPECT_EQ(limited.content_type, "application/problem+json");
  EXPECT_EQ(limited.retry_after, "10");
  EXPECT_EQ(StoredEmails().size(), 1U);  // the same consumer twice; the third was not taken in
  auto page = installation_->requests().List({});
  EXPECT_EQ(page->requests.size(), 2U);
  clock_.Set(clock_.Now() + std::chrono::seconds(10));  // one token back
  EXPECT_EQ(Post(body).status, 201U);
}

TEST_F(HttpTest, MetricsCountRequestsResponsesAndIntakes) {
  ASSERT_EQ(Post(R"({"type":"access","subject":{"email":"a@example.com"}})").status, 201U);
  ASSERT_EQ(Post(R"({"type":"access","subject":{"email":"b@example.com"}})").status, 201U);
  ASSERT_EQ(Post(R"({"type":"erase","subject":{"email":"b@example.com"}})").status, 422U);
  Reply metrics = Send(port_, bhttp::verb::get, "/metrics", "", "");
  ASSERT_EQ(metrics.status, 200U);
  EXPECT_THAT(metrics.text,
              ::testing::HasSubstr("rightsdesk_requests{status=\"received\",type=\"access\"} 2\n"));
  EXPECT_THAT(metrics.text, ::testing::HasSubstr("rightsdesk_intakes_total 2\n"));
  EXPECT_THAT(metrics.text,
              ::testing::HasSubstr("rightsdesk_http_responses_total{route=\"/api/v1/requests\","
                                   "status=\"201\"} 2\n"));
  EXPECT_THAT(metrics.text,
              ::testing::HasSubstr("rightsdesk_http_responses_total{route=\"/api/v1/requests\","
                                   "status=\"422\"} 1\n"));
  EXPECT_THAT(metrics.text,
              ::testing::HasSubstr("rightsdesk_http_request_duration_seconds_count 3\n"));
  EXPECT_EQ(metrics.text.find("a@example.com"), std::string::npos);
}

TEST_F(HttpTest, UnknownPathsAndMethods) {
  Reply missing = Send(port_, bhttp::verb::get, "/api/v1/nothing", "", "");
  EXPECT_EQ(missing.status, 404U);
  EXPECT_EQ(missing.content_type, "application/problem+json");
  Reply wrong = Send(port_, bhttp::verb::delete_, "/api/v1/requests", "", "");
  EXPECT_EQ(wrong.status, 405U);
  EXPECT_EQ(wrong.allow, "POST, GET");
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
