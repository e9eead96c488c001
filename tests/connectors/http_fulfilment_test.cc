// The HTTP connector inside fulfilment: a CRM's API (fake_crm.h) beside the Chinook database
// (SQLite), searched together by app::SearchSystems and erased by app::Fulfilment. A failing API
// is retried, its failure stays visible per system, the other system's answer stands, and no
// erasure runs (so the request cannot complete) while the API fails.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/casework.h"
#include "app/fulfilment.h"
#include "app/intake.h"
#include "config/datamap_loader.h"
#include "connectors/fake_crm.h"
#include "connectors/open_source.h"
#include "integration/test_dirs.h"
#include "integration/test_installation.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "support/fixed_clock.h"

namespace rightsdesk {
namespace {

using namespace std::chrono_literals;
using testing::FakeCrm;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::WebAnswer;
using testing::WebRequest;

std::optional<WebAnswer> OnSearches(const WebRequest& request, WebAnswer answer) {
  if (!request.target.starts_with("/api/customers?")) return std::nullopt;
  return answer;
}

class HttpFulfilmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv(testing::kCrmTokenEnv, "crm-s3cret-token", 1);
    std::filesystem::copy_file(
        std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/chinook/Chinook_Sqlite.sqlite",
        scratch_.path() / "chinook.sqlite");
    LoadMap(crm_.DataMap());
  }
  void TearDown() override { ::unsetenv(testing::kCrmTokenEnv); }

  // Chinook (the demo's map) first, then the CRM.
  void LoadMap(const std::string& crm_map) {
    std::ifstream demo(std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/datamap.toml");
    std::ostringstream text;
    text << demo.rdbuf() << crm_map;
    auto map = config::LoadDataMap(text.str(), "datamap.toml", scratch_.path());
    ASSERT_TRUE(map) << map.error().message();
    map_ = std::move(*map);
  }

  app::SourceOpener Opener() {
    return [this](const SystemMap& system) { return connectors::OpenDataSource(system, clock_); };
  }
  app::RetryPolicy Retry() {
    return {.first_backoff = 100ms,
            .sleep = [this](std::chrono::milliseconds ms) { slept_.push_back(ms); }};
  }
  std::vector<SystemSearch> Search(const std::string& email) {
    return app::SearchSystems(map_, {.email = email}, Opener(), Retry());
  }

  FakeCrm crm_;
  testing::ScratchDir scratch_;
  testing::FixedClock clock_{FromMicros(1'790'000'000'000'000)};
  DataMap map_;
  std::vector<std::chrono::milliseconds> slept_;
};

TEST_F(HttpFulfilmentTest, FiveHundredsThenSuccessAreRetriedWithBackoff) {
  int failures = 0;
  crm_.SetFault([&failures](const WebRequest& request) -> std::optional<WebAnswer> {
    if (failures >= 2) return std::nullopt;
    ++failures;
    return OnSearches(request, {.status = 500, .body = R"({"error":"internal"})"});
  });
  auto searches = Search("ftremblay@gmail.com");
  ASSERT_EQ(searches.size(), 2u);
  const SystemSearch& crm = searches[1];
  ASSERT_FALSE(crm.error) << crm.error->message();
  EXPECT_EQ(crm.attempts, 3);
  EXPECT_EQ(crm.findings->Table("customers")->rows.size(), 1u);
  EXPECT_EQ(crm.findings->Table("tickets")->rows.size(), 6u);
  EXPECT_EQ(slept_, (std::vector<std::chrono::milliseconds>{100ms, 200ms}));
}

TEST_F(HttpFulfilmentTest, AnApiAlwaysFailingIsVisibleAndTheOtherSystemStillAnswers) {
  crm_.SetFault([](const WebRequest& request) {
    return OnSearches(request, {.status = 500, .body = R"({"error":"internal"})"});
  });
  auto searches = Search("ftremblay@gmail.com");
  ASSERT_EQ(searches.size(), 2u);
  ASSERT_TRUE(searches[0].findings);  // Chinook answered
  EXPECT_EQ(searches[0].findings->Table("Customer")->rows.size(), 1u);
  ASSERT_TRUE(searches[1].error);
  EXPECT_EQ(searches[1].error->code(), ErrorCode::kUnavailable);
  EXPECT_EQ(searches[1].attempts, 3);
  const nlohmann::json summary = app::SearchSummary(searches);
  EXPECT_EQ(summary[0]["rows"]["Customer"], 1);
  EXPECT_EQ(summary[1]["system"], "crm");
  EXPECT_EQ(summary[1]["attempts"], 3);
  EXPECT_EQ(summary[1]["error"],
            "searching crm: customers (search by email, page 1): answered HTTP 500");
  EXPECT_THAT(summary.dump(), Not(HasSubstr("ftremblay")));
}

TEST_F(HttpFulfilmentTest, MalformedJsonIsRetriedAndTheFailureStaysVisible) {
  crm_.SetFault([](const WebRequest& request) {
    return OnSearches(request, {.body = R"({"data": [{"id": 3, "email": "ftremb)"});
  });
  auto searches = Search("ftremblay@gmail.com");
  ASSERT_TRUE(searches[0].findings);
  ASSERT_TRUE(searches[1].error);
  EXPECT_EQ(searches[1].error->code(), ErrorCode::kUnavailable);
  EXPECT_EQ(searches[1].attempts, 3);
  EXPECT_EQ(searches[1].error->message(),
            "searching crm: customers (search by email, page 1): the answer is not JSON");
  EXPECT_EQ(crm_.Received("/api/customers?").size(), 3u);
}

TEST_F(HttpFulfilmentTest, AnswersOfTheWrongShapeAreRetriedAndStayVisible) {
  for (const char* body : {R"({"data": {"id": 3}})", R"({"data": [3]})",
                           R"({"data": [{"email": "ftremblay@gmail.com"}]})"}) {
    crm_.SetFault(
        [body](const WebRequest& request) { return OnSearches(request, {.body = body}); });
    auto searches = Search("ftremblay@gmail.com");
    ASSERT_TRUE(searches[1].error) << body;
    EXPECT_EQ(searches[1].error->code(), ErrorCode::kUnavailable) << body;
    EXPECT_EQ(searches[1].attempts, 3) << body;
    EXPECT_THAT(searches[1].error->message(), Not(HasSubstr("ftremblay"))) << body;
  }
}

TEST_F(HttpFulfilmentTest, AHangingApiIsUnavailableInAboutItsTimeout) {
  LoadMap(crm_.DataMap(/*timeout_seconds=*/1, /*retries=*/0));
  crm_.SetFault([](const WebRequest& request) {
    return OnSearches(request, {.body = R"({"data":[]})", .delay = 30s});
  });
  const auto started = std::chrono::steady_clock::now();
  auto searches = Search("ftremblay@gmail.com");
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(searches[1].error);
  EXPECT_EQ(searches[1].error->code(), ErrorCode::kUnavailable);
  EXPECT_THAT(searches[1].error->message(), HasSubstr("customers (search by email, page 1)"));
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 5s);
  ASSERT_TRUE(searches[0].findings);
}

// Fulfilment on a real installation: the request and its audit trail.
class HttpErasureTest : public HttpFulfilmentTest {
 protected:
  void SetUp() override {
    HttpFulfilmentTest::SetUp();
    installation_ = testing::NewInstallation(scratch_.path(), clock_);
    services_.emplace(app::Services{installation_->ruleset(), installation_->requests(), clock_,
                                    zones_, random_});
  }
  app::Fulfilment Fulfilment() { return app::Fulfilment(*services_, map_, Opener(), Retry()); }
  Request VerifiedDelete(const std::string& email) {
    auto submitted = app::SubmitRequest(*services_, {.type = "delete", .email = email}, "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    auto moved = app::TransitionTo(*services_, submitted->request.id, "verified", "2 points", "t");
    EXPECT_TRUE(moved) << moved.error().message();
    return *moved;
  }
  std::string Trail(const Request& request) {
    std::string text;
    auto events = installation_->requests().EventsOf(request.id);
    EXPECT_TRUE(events);
    for (const auto& event : *events) {
      text += event.action + " " + event.details + "\n";
    }
    return text;
  }

  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<app::Services> services_;
};

TEST_F(HttpErasureTest, AFailingApiBlocksTheErasureSoTheRequestCannotComplete) {
  const Request request = VerifiedDelete("ftremblay@gmail.com");
  crm_.SetFault(
      [](const WebRequest& call) { return OnSearches(call, {.status = 503, .body = "{}"}); });
  auto fulfilment = Fulfilment();
  auto review = fulfilment.PlanDeletion(request.reference, "staff:ana");
  ASSERT_TRUE(review) << review.error().message();
  ASSERT_EQ(review->failed.size(), 1u);
  EXPECT_EQ(review->failed[0].system, "crm");
  auto refused = fulfilment.ExecuteDeletion(request.reference, review->digest, "staff:ana",
                                            installation_->signer());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kUnavailable);
  EXPECT_THAT(refused.error().message(), HasSubstr("cannot erase while crm fails"));
  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr("answered HTTP 503"));
  EXPECT_THAT(trail, Not(HasSubstr("erasure.executed")));
  EXPECT_EQ(crm_.TicketIdsOf(3).size(), 6u);  // nothing erased anywhere
}

TEST_F(HttpErasureTest, AnErasureFailingMidwayIsRecordedWithWhatWasDone) {
  const Request request = VerifiedDelete("ftremblay@gmail.com");
  auto fulfilment = Fulfilment();
  auto review = fulfilment.PlanDeletion(request.reference, "staff:ana");
  ASSERT_TRUE(review) << review.error().message();
  crm_.SetFault([](const WebRequest& call) -> std::optional<WebAnswer> {
    if (call.method != "DELETE" || call.target != "/api/tickets/303") return std::nullopt;
    return WebAnswer{.status = 500, .body = "{}"};
  });
  auto outcome = fulfilment.ExecuteDeletion(request.reference, review->digest, "staff:ana",
                                            installation_->signer());
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code(), ErrorCode::kUnavailable);
  EXPECT_THAT(outcome.error().message(), HasSubstr("erasure incomplete: crm"));
  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr("erasure.executed"));
  EXPECT_THAT(trail, HasSubstr("\"all_verified\":false"));
  EXPECT_THAT(trail, HasSubstr("no transaction: 2 of 7 records done, 2 deleted and 0 updated"));
  EXPECT_EQ(crm_.TicketIdsOf(3), (std::vector<int>{303, 304, 305, 306}));
}

TEST_F(HttpErasureTest, ErasureAcrossChinookAndTheCrmIsExecutedProvedAndCertified) {
  const Request request = VerifiedDelete("ftremblay@gmail.com");
  auto fulfilment = Fulfilment();
  auto review = fulfilment.PlanDeletion(request.reference, "staff:ana");
  ASSERT_TRUE(review) << review.error().message();
  ASSERT_EQ(review->plans.size(), 2u);
  auto outcome = fulfilment.ExecuteDeletion(request.reference, review->digest, "staff:ana",
                                            installation_->signer());
  ASSERT_TRUE(outcome) << outcome.error().message();
  EXPECT_TRUE(outcome->all_verified);
  const nlohmann::json& crm = outcome->certificate["systems"][1];
  EXPECT_EQ(crm["system"], "crm");
  EXPECT_EQ(crm["proof"]["tables"][0]["table"], "tickets");
  EXPECT_EQ(crm["proof"]["tables"][0]["rows_deleted"], 6);
  EXPECT_EQ(crm["proof"]["tables"][1]["rows_updated"], 1);
  EXPECT_TRUE(crm_.TicketIdsOf(3).empty());
  EXPECT_EQ((*crm_.Customer(3))["last_name"], "[erased]");
  EXPECT_THAT(Trail(request), Not(HasSubstr("ftremblay")));
}

}  // namespace
}  // namespace rightsdesk
