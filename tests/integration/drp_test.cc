// The Data Rights Protocol's business side over real HTTP (docs/drp.md): a test agent with its own
// Ed25519 key (libsodium) pairs, exercises rights, follows and revokes them, and receives its
// status callbacks on a real web service (web_service.h) through the outbox; and every bad
// message (bad signature, unknown agent, replay, stale or malformed body, another agent's
// request) is refused with the protocol's error shape (section 3.06).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include "app/casework.h"
#include "app/drp_agents.h"
#include "app/outbox_delivery.h"
#include "core/drp_message.h"
#include "http/routes.h"
#include "http/server.h"
#include "http_client.h"
#include "messaging/webhook_poster.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "support/fixed_clock.h"
#include "test_dirs.h"
#include "test_installation.h"
#include "web_service.h"

namespace rightsdesk::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

// An authorized agent: its own key pair, signing as libsodium's combined mode does.
class TestAgent {
 public:
  TestAgent() { crypto_sign_keypair(public_key_.data(), secret_key_); }
  std::string VerifyKey() const { return FormatVerifyKey(public_key_); }
  std::string Sign(const json& body) const {
    const std::string text = body.dump();
    std::string signed_message(crypto_sign_BYTES + text.size(), '\0');
    crypto_sign(reinterpret_cast<unsigned char*>(signed_message.data()), nullptr,
                reinterpret_cast<const unsigned char*>(text.data()), text.size(), secret_key_);
    return Base64Encode(signed_message);
  }

 private:
  PublicKey public_key_{};
  unsigned char secret_key_[crypto_sign_SECRETKEYBYTES] = {};
};

// Every email is accepted: these tests read the agent's callbacks, not the consumer's mail.
class AcceptingMailer final : public messaging::Mailer {
 public:
  Result<void> Send(const messaging::EmailMessage&) override { return {}; }
};

class DrpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    installation_ = NewInstallation(scratch_.path(), clock_);
    auto templates = messaging::MailTemplates::Load();
    ASSERT_TRUE(templates);
    templates_.emplace(std::move(*templates));
    agent_limiter_ = std::make_unique<security::RateLimiter>(
        security::RateLimit{.per_minute = 1, .burst = 5}, clock_);
    api_.emplace(http::ApiContext{.services = services(),
                                  .tokens = installation_->tokens(),
                                  .trail = installation_->trail(),
                                  .public_key = installation_->public_key(),
                                  .agent_limiter = agent_limiter_.get()});
    router_.emplace(http::BuildRoutes(*api_));
    server_ = std::make_unique<http::HttpServer>(*router_, http::ServerOptions{.port = 0});
    ASSERT_TRUE(server_->Listen());
    thread_ = std::thread([this] { server_->Run(); });
    auto added = app::AddDrpAgent(services(), installation_->drp(),
                                  {.id = "AGENT_A",
                                   .name = "Agent A",
                                   .email = "privacy@agent-a.example",
                                   .verify_key = agent_.VerifyKey(),
                                   .callback_base = callbacks_.url("/drp/")},
                                  "cli:admin");
    ASSERT_TRUE(added) << added.error().message();
  }
  void TearDown() override {
    server_->Stop();
    thread_.join();
  }

  app::Services services() {
    app::Services services{installation_->ruleset(), installation_->requests(), clock_, zones_,
                           random_};
    services.drp = &installation_->drp();
    services.public_url = "https://privacy.example.com";
    return services;
  }

  json Envelope(const std::string& agent_id = "AGENT_A") const {
    return {{"agent-id", agent_id},
            {"business-id", "RIGHTSDESK"},
            {"issued-at", FormatInstant(clock_.Now())},
            {"expires-at", FormatInstant(clock_.Now() + std::chrono::minutes(5))},
            {"drp.version", "1.0"}};
  }
  json ExerciseBody(const std::string& action, const std::string& agent_request_id) const {
    json body = Envelope();
    body.update({{"exercise", action},
                 {"regime", "ccpa"},
                 {"agent-request-id", agent_request_id},
                 {"status_callback", callbacks_.url("/drp/status")},
                 {"name", "Zoë Ortiz"},
                 {"email", "zoe@example.com"},
                 {"email_verified", true}});
    return body;
  }

  Reply Call(bhttp::verb verb, const std::string& target, const std::string& body,
             const std::string& token) {
    return Send(server_->port(), verb, target, body, "text/plain", token);
  }
  std::string Pair() {
    Reply reply = Call(bhttp::verb::post, "/v1/agent/AGENT_A", agent_.Sign(Envelope()), "");
    EXPECT_EQ(reply.status, 200u) << reply.text;
    EXPECT_EQ(reply.body.value("agent-id", ""), "AGENT_A");
    return reply.body.value("token", "");
  }
  Reply Exercise(const std::string& token, const json& body) {
    return Call(bhttp::verb::post, "/v1/data-rights-request", agent_.Sign(body), token);
  }

  app::DeliveryReport Deliver() {
    AcceptingMailer mailer;
    messaging::SignedWebhookPoster poster(installation_->signer(), clock_,
                                          std::chrono::milliseconds(2000));
    app::DeliverySettings settings{.business = "Acme",
                                   .from_address = "privacy@acme.example",
                                   .max_attempts = 5,
                                   .webhooks = &poster};
    auto report =
        app::DeliverDueNotices(services(), installation_->outbox(), *templates_, mailer, settings);
    EXPECT_TRUE(report) << report.error().message();
    return report ? *report : app::DeliveryReport{};
  }
  std::vector<json> Callbacks() const {
    std::vector<json> bodies;
    for (const WebRequest& posted : callbacks_.received()) {
      EXPECT_EQ(posted.target, "/drp/status");
      bodies.push_back(json::parse(posted.body));
    }
    return bodies;
  }

  // The protocol's error shape: the status as a string, a message, and "fatal" when a retry of
  // the same message cannot succeed.
  static void ExpectDrpError(const Reply& reply, unsigned status, const std::string& message_part) {
    EXPECT_EQ(reply.status, status) << reply.text;
    EXPECT_THAT(reply.content_type, HasSubstr("application/json"));
    EXPECT_EQ(reply.body.value("code", ""), std::to_string(status)) << reply.text;
    EXPECT_THAT(reply.body.value("message", ""), HasSubstr(message_part));
  }

  ScratchDir scratch_;
  FixedClock clock_{*ParseInstant("2026-11-24T18:00:00Z")};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<messaging::MailTemplates> templates_;
  std::unique_ptr<security::RateLimiter> agent_limiter_;
  std::optional<http::ApiContext> api_;
  std::optional<http::Router> router_;
  std::unique_ptr<http::HttpServer> server_;
  std::thread thread_;
  TestAgent agent_;
  WebService callbacks_{[](const WebRequest&) { return WebAnswer{.body = "ignored"}; }};
};

TEST_F(DrpTest, KeySetupExerciseStatusRevokeAndCallbacks) {
  const std::string token = Pair();
  ASSERT_THAT(token, ::testing::StartsWith("rda_"));
  Reply info = Call(bhttp::verb::get, "/v1/agent/AGENT_A", "", token);
  EXPECT_EQ(info.status, 200u);
  EXPECT_EQ(info.body, json::object());

  Reply exercised = Exercise(token, ExerciseBody("deletion", "req-1"));
  ASSERT_EQ(exercised.status, 200u) << exercised.text;
  const std::string id = exercised.body.at("request_id");
  EXPECT_EQ(exercised.body["status"], "in_progress");
  EXPECT_EQ(exercised.body["agent_request_id"], "req-1");
  auto stored = installation_->requests().FindById(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->type, RequestType::kDelete);
  EXPECT_EQ(stored->channel, Channel::kAgent);
  EXPECT_EQ(stored->jurisdiction, "US-CA");
  EXPECT_EQ(stored->agent.name, "Agent A");
  EXPECT_EQ(stored->subject.email, "zoe@example.com");
  EXPECT_EQ(exercised.body["expected_by"], FormatInstant(stored->due_at));

  Reply status = Call(bhttp::verb::get, "/v1/data-rights-request/" + id, "", token);
  EXPECT_EQ(status.status, 200u);
  EXPECT_EQ(status.body, exercised.body);

  // Staff move it along: the agent is told through the outbox.
  ASSERT_TRUE(app::TransitionTo(services(), id, "pending_verification", "checking", "staff:ana"));
  ASSERT_TRUE(app::AddNote(services(), id, "a note is no news", "staff:ana"));
  Deliver();
  ASSERT_EQ(Callbacks().size(), 1u);
  EXPECT_EQ(Callbacks()[0]["request_id"], id);
  EXPECT_EQ(Callbacks()[0]["status"], "in_progress");
  EXPECT_FALSE(Callbacks()[0].contains("sent_at"));  // exactly the Exercise Status object
  // Section 3.02.1: the agent is given the page where the consumer verifies.
  EXPECT_EQ(Callbacks()[0]["reason"], "need_user_verification");
  const std::string page = Callbacks()[0].value("user_verification_url", "");
  EXPECT_THAT(page,
              ::testing::StartsWith("https://privacy.example.com/privacy/status/" + id + "/"));
  EXPECT_THAT(page, ::testing::EndsWith("/verify"));
  Reply pending = Call(bhttp::verb::get, "/v1/data-rights-request/" + id, "", token);
  EXPECT_EQ(pending.body["user_verification_url"], page);

  Reply revoked = Call(bhttp::verb::delete_, "/v1/data-rights-request/" + id,
                       agent_.Sign({{"reason", "I don't want my account deleted"}}), token);
  ASSERT_EQ(revoked.status, 200u) << revoked.text;
  EXPECT_EQ(revoked.body["status"], "revoked");
  EXPECT_EQ(installation_->requests().FindById(id)->status, Status::kWithdrawn);
  Deliver();
  ASSERT_EQ(Callbacks().size(), 2u);
  EXPECT_EQ(Callbacks()[1]["status"], "revoked");
  EXPECT_EQ(Callbacks()[1]["agent_request_id"], "req-1");
}

TEST_F(DrpTest, ACallbackTheAgentCannotTakeIsRetriedUntilItDoes) {
  const std::string token = Pair();
  Reply exercised = Exercise(token, ExerciseBody("sale:opt-out", "req-2"));
  ASSERT_EQ(exercised.status, 200u) << exercised.text;
  const std::string id = exercised.body.at("request_id");
  callbacks_.SetScript([](const WebRequest&) { return WebAnswer{.status = 503}; });
  ASSERT_TRUE(app::TransitionTo(services(), id, "verified", "no proof needed", "staff:ana"));
  EXPECT_EQ(Deliver().retried, 1);
  callbacks_.SetScript([](const WebRequest&) { return WebAnswer{.status = 200}; });
  clock_.Set(clock_.Now() + std::chrono::minutes(2));
  EXPECT_EQ(Deliver().sent, 1);
  ASSERT_EQ(Callbacks().size(), 2u);  // the same callback, twice
  EXPECT_EQ(Callbacks()[0], Callbacks()[1]);
}

TEST_F(DrpTest, AnOldCallbackRetriedAfterANewerOneTellsTheLatestState) {
  const std::string token = Pair();
  Reply exercised = Exercise(token, ExerciseBody("sale:opt-out", "req-11"));
  ASSERT_EQ(exercised.status, 200u) << exercised.text;
  const std::string id = exercised.body.at("request_id");
  callbacks_.SetScript([](const WebRequest&) { return WebAnswer{.status = 503}; });
  ASSERT_TRUE(app::TransitionTo(services(), id, "verified", "no proof needed", "staff:ana"));
  EXPECT_EQ(Deliver().retried, 1);  // "verified" waits for its retry
  callbacks_.SetScript([](const WebRequest&) { return WebAnswer{.status = 200}; });
  ASSERT_TRUE(app::TransitionTo(services(), id, "denied", "documented fraud", "staff:ana"));
  EXPECT_EQ(Deliver().sent, 1);  // "denied" goes at once
  clock_.Set(clock_.Now() + std::chrono::minutes(2));
  EXPECT_EQ(Deliver().sent, 1);  // the old one, retried last
  const std::vector<json> told = Callbacks();
  ASSERT_EQ(told.size(), 3u);
  EXPECT_EQ(told.back()["status"], "denied");  // the agent is left with the latest state
}

TEST_F(DrpTest, ABadSignatureIsRefused) {
  const std::string token = Pair();
  TestAgent impostor;
  Reply reply = Call(bhttp::verb::post, "/v1/data-rights-request",
                     impostor.Sign(ExerciseBody("access", "req-3")), token);
  ExpectDrpError(reply, 403, "signature");
  EXPECT_EQ(reply.body["fatal"], true);
  Reply pairing = Call(bhttp::verb::post, "/v1/agent/AGENT_A", impostor.Sign(Envelope()), "");
  EXPECT_EQ(pairing.status, 403u);  // section 2.05.1: no body
  EXPECT_TRUE(pairing.text.empty());
}

TEST_F(DrpTest, AnUnknownAgentIsRefused) {
  Reply pairing = Call(bhttp::verb::post, "/v1/agent/NOBODY", agent_.Sign(Envelope("NOBODY")), "");
  EXPECT_EQ(pairing.status, 403u);
  Reply no_token = Exercise("", ExerciseBody("access", "req-4"));
  ExpectDrpError(no_token, 401, "bearer token");
  Reply made_up = Exercise("rda_" + std::string(64, 'a'), ExerciseBody("access", "req-4"));
  ExpectDrpError(made_up, 401, "bearer token");
  const std::string token = Pair();
  json other = ExerciseBody("access", "req-4");
  other["agent-id"] = "NOBODY";
  ExpectDrpError(Exercise(token, other), 403, "another agent");
  ExpectDrpError(Call(bhttp::verb::get, "/v1/agent/NOBODY", "", token), 403, "another agent");
}

TEST_F(DrpTest, AReplayedOrStaleRequestIsRefused) {
  const std::string token = Pair();
  const std::string signed_body = agent_.Sign(ExerciseBody("access", "req-5"));
  ASSERT_EQ(Call(bhttp::verb::post, "/v1/data-rights-request", signed_body, token).status, 200u);
  Reply replayed = Call(bhttp::verb::post, "/v1/data-rights-request", signed_body, token);
  ExpectDrpError(replayed, 409, "already used");
  // Signed anew, but the agent's own request id again.
  clock_.Set(clock_.Now() + std::chrono::seconds(1));
  ExpectDrpError(Exercise(token, ExerciseBody("access", "req-5")), 409, "agent-request-id");
  // Too late: the same message after its expiry.
  json late = ExerciseBody("access", "req-6");
  clock_.Set(clock_.Now() + std::chrono::minutes(10));
  Reply stale = Exercise(token, late);
  ExpectDrpError(stale, 400, "expired");
  EXPECT_EQ(stale.body["fatal"], true);
  EXPECT_EQ(installation_->requests().List({})->requests.size(), 1u);
}

TEST_F(DrpTest, AMalformedBodyIsRefused) {
  const std::string token = Pair();
  ExpectDrpError(Call(bhttp::verb::post, "/v1/data-rights-request", "{not base64}", token), 400,
                 "base64");
  ExpectDrpError(Call(bhttp::verb::post, "/v1/data-rights-request",
                      Base64Encode(std::string(64, 'x') + "{}"), token),
                 403, "signature");
  json no_email = ExerciseBody("access", "req-7");
  no_email.erase("email");
  ExpectDrpError(Exercise(token, no_email), 400, "email");
  ExpectDrpError(Exercise(token, ExerciseBody("sale:opt-in", "req-8")), 400,
                 "Unsupported rights actions submitted.");
  json elsewhere = ExerciseBody("access", "req-9");
  elsewhere["status_callback"] = "https://evil.example/steal";
  ExpectDrpError(Exercise(token, elsewhere), 400, "callback");
  EXPECT_TRUE(installation_->requests().List({})->requests.empty());
}

TEST_F(DrpTest, AnAgentOverItsLimitIsToldWhenToComeBack) {
  const std::string token = Pair();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(Exercise(token, ExerciseBody("sale:opt-out", "burst-" + std::to_string(i))).status,
              200u);
  }
  Reply refused = Exercise(token, ExerciseBody("sale:opt-out", "burst-5"));
  ExpectDrpError(refused, 429, "too many requests from this agent");
  EXPECT_FALSE(refused.retry_after.empty());
  auto stored = installation_->requests().List({.limit = 20});
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->requests.size(), 5u);  // the refused one was not taken in
  clock_.Set(clock_.Now() + std::chrono::minutes(1));
  EXPECT_EQ(Exercise(token, ExerciseBody("sale:opt-out", "burst-6")).status, 200u);
}

TEST_F(DrpTest, AnotherAgentsRequestIsForbiddenAndAnUnknownOneNotFound) {
  const std::string token_a = Pair();
  Reply exercised = Exercise(token_a, ExerciseBody("access", "req-10"));
  ASSERT_EQ(exercised.status, 200u) << exercised.text;
  const std::string id = exercised.body.at("request_id");
  TestAgent b_key;
  ASSERT_TRUE(app::AddDrpAgent(services(), installation_->drp(),
                               {.id = "AGENT_B",
                                .name = "Agent B",
                                .email = "privacy@agent-b.example",
                                .verify_key = b_key.VerifyKey()},
                               "cli:admin"));
  Reply paired_b =
      Call(bhttp::verb::post, "/v1/agent/AGENT_B", b_key.Sign(Envelope("AGENT_B")), "");
  ASSERT_EQ(paired_b.status, 200u);
  const std::string token_b = paired_b.body.at("token");
  ExpectDrpError(Call(bhttp::verb::get, "/v1/data-rights-request/" + id, "", token_b), 403,
                 "another agent");
  ExpectDrpError(Call(bhttp::verb::delete_, "/v1/data-rights-request/" + id,
                      b_key.Sign(json::object()), token_b),
                 403, "another agent");
  ExpectDrpError(Call(bhttp::verb::get, "/v1/data-rights-request/no-such-id", "", token_a), 404,
                 "no such");
  // A removed agent's token stops working at once.
  ASSERT_TRUE(app::RemoveDrpAgent(services(), installation_->drp(), "AGENT_A", "cli:admin"));
  ExpectDrpError(Call(bhttp::verb::get, "/v1/data-rights-request/" + id, "", token_a), 401,
                 "bearer token");
}

class AgentCommandsTest : public ::testing::Test, public CliInstallation {};

TEST_F(AgentCommandsTest, AddListAndRemoveAnAgent) {
  ASSERT_EQ(RunCli({"init", "--data", data()}).exit_code, 0);
  TestAgent agent;
  ProcessResult added = Cli({"agent", "add", "--id", "AGENT_A", "--name", "Agent A", "--email",
                             "privacy@agent-a.example", "--verify-key", agent.VerifyKey(),
                             "--callback-base", "https://agent-a.example/drp/"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  ProcessResult again = Cli({"agent", "add", "--id", "AGENT_A", "--name", "Agent A", "--email",
                             "privacy@agent-a.example", "--verify-key", agent.VerifyKey()});
  EXPECT_EQ(again.exit_code, 2);
  ProcessResult bad_key = Cli({"agent", "add", "--id", "AGENT_B", "--name", "B", "--email",
                               "b@agent-b.example", "--verify-key", "c2hvcnQ="});
  EXPECT_EQ(bad_key.exit_code, 2);
  EXPECT_THAT(bad_key.err, HasSubstr("--verify-key"));
  ProcessResult listed = Cli({"agent", "list", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  json row = json::parse(listed.out);
  EXPECT_EQ(row["id"], "AGENT_A");
  EXPECT_EQ(row["verify_key"], agent.VerifyKey());
  EXPECT_EQ(row["paired"], false);
  EXPECT_EQ(Cli({"agent", "remove", "--id", "AGENT_A"}).exit_code, 0);
  EXPECT_EQ(Cli({"agent", "list"}).out, "");
  EXPECT_EQ(Cli({"agent", "remove", "--id", "AGENT_A"}).exit_code, 2);
}

}  // namespace
}  // namespace rightsdesk::testing
