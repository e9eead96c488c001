// Outbound HTTP (messaging/http_call.h) against a real server on 127.0.0.1: what is sent arrives
// as sent, every status is an answer, and no answer at all is kUnavailable with a message that
// names the host but never the path, the query or a header's value.
#include "messaging/http_call.h"

#include <gtest/gtest.h>

#include "free_port.h"
#include "web_service.h"

namespace rightsdesk::testing {
namespace {

using namespace std::chrono_literals;
using messaging::HttpCall;

TEST(HttpCallTest, SendsMethodHeadersAndBodyAndReadsTheAnswer) {
  WebService service([](const WebRequest& request) {
    return WebAnswer{.status = 201,
                     .body = R"({"echo":")" + request.body + R"("})",
                     .headers = {{"X-Request-Id", "abc"}}};
  });
  auto reply = messaging::Send(HttpCall{
      .method = "POST",
      .url = service.url("/hooks/optout?x=1"),
      .headers = {{"Authorization", "Bearer s3cret"}, {"Content-Type", "application/json"}},
      .body = "ping"});
  ASSERT_TRUE(reply) << reply.error().message();
  EXPECT_EQ(reply->status, 201);
  EXPECT_EQ(reply->body, R"({"echo":"ping"})");
  EXPECT_EQ(reply->content_type, "application/json");
  EXPECT_EQ(reply->Header("x-request-id"), "abc");
  auto received = service.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].method, "POST");
  EXPECT_EQ(received[0].target, "/hooks/optout?x=1");
  EXPECT_EQ(received[0].headers["authorization"], "Bearer s3cret");
  EXPECT_EQ(received[0].body, "ping");
}

TEST(HttpCallTest, AServerErrorIsAnAnswerNotAnError) {
  WebService service([](const WebRequest&) { return WebAnswer{.status = 500, .body = "oops"}; });
  auto reply = messaging::Send(HttpCall{.url = service.url("/")});
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 500);
  EXPECT_EQ(reply->body, "oops");
}

TEST(HttpCallTest, NoAnswerWithinTheTimeoutIsUnavailableAndTheMessageKeepsSecretsOut) {
  WebService service([](const WebRequest&) { return WebAnswer{.delay = 5s}; });
  auto started = std::chrono::steady_clock::now();
  auto reply = messaging::Send(HttpCall{.url = service.url("/customers?email=jane%40example.com"),
                                        .headers = {{"Authorization", "Bearer s3cret"}},
                                        .timeout = 300ms});
  auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code(), ErrorCode::kUnavailable);
  EXPECT_LT(took, 3s);
  const std::string& message = reply.error().message();
  EXPECT_NE(message.find("127.0.0.1:" + std::to_string(service.port())), std::string::npos);
  EXPECT_EQ(message.find("jane"), std::string::npos) << message;
  EXPECT_EQ(message.find("customers"), std::string::npos) << message;
  EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
}

TEST(HttpCallTest, NothingListeningIsUnavailable) {
  auto reply = messaging::Send(
      HttpCall{.url = "http://127.0.0.1:" + std::to_string(FreePort()) + "/", .timeout = 2s});
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code(), ErrorCode::kUnavailable);
}

TEST(HttpCallTest, AnAnswerLongerThanTheLimitIsRefused) {
  WebService service(
      [](const WebRequest&) { return WebAnswer{.body = std::string(100'000, 'x')}; });
  auto reply = messaging::Send(HttpCall{.url = service.url("/"), .max_response_bytes = 1000});
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code(), ErrorCode::kResourceExhausted);
}

TEST(HttpCallTest, OnlyHttpAndHttpsUrlsAreCalled) {
  for (const char* url : {"file:///etc/passwd", "ftp://example.com/", "gopher://x", "no-scheme"}) {
    auto reply = messaging::Send(HttpCall{.url = url});
    ASSERT_FALSE(reply) << url;
    EXPECT_EQ(reply.error().code(), ErrorCode::kInvalidArgument) << url;
  }
}

TEST(HttpCallTest, RedirectsAreNotFollowed) {
  WebService service([](const WebRequest&) {
    return WebAnswer{.status = 302, .headers = {{"Location", "http://127.0.0.1:1/elsewhere"}}};
  });
  auto reply = messaging::Send(HttpCall{.url = service.url("/")});
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 302);
  EXPECT_EQ(service.received().size(), 1u);
}

TEST(HttpCallTest, HostOfLeavesOutCredentialsPathAndQuery) {
  EXPECT_EQ(messaging::HostOf("https://user:pw@crm.example.com:8443/a/b?c=d"),
            "crm.example.com:8443");
  EXPECT_EQ(messaging::HostOf("http://h/x#y"), "h");
  EXPECT_EQ(messaging::HostOf("nonsense"), "");
}

}  // namespace
}  // namespace rightsdesk::testing
