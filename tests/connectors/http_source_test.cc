// The HTTP connector against a CRM's REST API played by a real HTTP server (fake_crm.h): what it
// finds, sends, erases and reports is checked on the requests the service received and on the
// service's own records, not taken from the code under test.
#include "connectors/http_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "config/datamap_loader.h"
#include "connectors/fake_crm.h"
#include "connectors/http_answer.h"
#include "integration/free_port.h"
#include "support/fixed_clock.h"

namespace rightsdesk {
namespace {

using testing::FakeCrm;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::WebAnswer;
using testing::WebRequest;
using Severity = connectors::CheckFinding::Severity;

std::set<std::string> Keys(const SystemFindings& findings, const std::string& table) {
  std::set<std::string> keys;
  if (const FoundTable* found = findings.Table(table)) {
    for (const auto& row : found->rows) keys.insert(connectors::KeyText(row.key));
  }
  return keys;
}

std::string Report(const std::vector<connectors::CheckFinding>& findings) {
  std::string text;
  for (const auto& finding : findings) {
    text += std::string(connectors::Name(finding.severity)) + " " + finding.where + ": " +
            finding.message + "\n";
  }
  return text;
}

class HttpSourceTest : public ::testing::Test {
 protected:
  HttpSourceTest() {
    ::setenv(testing::kCrmTokenEnv, "crm-s3cret-token", 1);
    Load(crm_.DataMap());
  }
  ~HttpSourceTest() override { ::unsetenv(testing::kCrmTokenEnv); }

  void Load(const std::string& text) {
    auto map = config::LoadDataMap(text, "datamap.toml", "/tmp");
    if (!map) throw std::runtime_error(map.error().message());
    map_ = std::move(*map);
  }
  const SystemMap& system() const { return map_.systems.at(0); }
  std::unique_ptr<connectors::HttpDataSource> Source() {
    auto source = connectors::HttpDataSource::Open(
        system(), clock_,
        {.sleep = [this](std::chrono::milliseconds ms) { slept_.push_back(ms); }});
    if (!source) throw std::runtime_error(source.error().message());
    return std::move(*source);
  }

  FakeCrm crm_;
  DataMap map_;
  testing::FixedClock clock_{Instant{}};
  std::vector<std::chrono::milliseconds> slept_;
};

TEST_F(HttpSourceTest, FindsTheConsumersCustomerAndEveryTicketAcrossPages) {
  auto found = Source()->Discover({.email = "FTremblay@Gmail.com"});
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(Keys(*found, "customers"), (std::set<std::string>{"3"}));
  EXPECT_EQ(Keys(*found, "tickets"),
            (std::set<std::string>{"301", "302", "303", "304", "305", "306"}));
  const FoundRow& francois = found->Table("customers")->rows.at(0);
  EXPECT_EQ(francois.values.at(1), "François");
  EXPECT_EQ(francois.values.at(5), "Montréal");  // "/address/city"
  EXPECT_EQ(found->Table("tickets")->rows.at(0).values.at(3), R"(["billing","urgent"])");
  // Three full pages of tickets, and the empty fourth that ends them.
  auto pages = crm_.Received("/api/customers/3/tickets?page=");
  ASSERT_EQ(pages.size(), 4u);
  EXPECT_EQ(pages[2].target, "/api/customers/3/tickets?page=3");
}

TEST_F(HttpSourceTest, AnApiThatIgnoresItsFiltersNeverAddsAnotherPersonsRecords) {
  crm_.IgnoreFilters();
  auto found = Source()->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(Keys(*found, "customers"), (std::set<std::string>{"3"}));
  EXPECT_EQ(Keys(*found, "tickets"),
            (std::set<std::string>{"301", "302", "303", "304", "305", "306"}));
  // All six customers were read, over three pages: a relative link, then an absolute one.
  auto pages = crm_.Received("/api/customers?");
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_THAT(pages[1].target, HasSubstr("offset=2"));
  EXPECT_THAT(pages[2].target, HasSubstr("offset=4"));
}

TEST_F(HttpSourceTest, IdentifiersArriveUrlEncodedWithPlusAndAtIntact) {
  auto by_email = Source()->Discover({.email = "leonekohler+crm@surfeu.de"});
  ASSERT_TRUE(by_email) << by_email.error().message();
  EXPECT_EQ(Keys(*by_email, "customers"), (std::set<std::string>{"2"}));
  auto by_phone = Source()->Discover({.phone = "+55 (12) 3923-5555"});
  ASSERT_TRUE(by_phone) << by_phone.error().message();
  EXPECT_EQ(Keys(*by_phone, "customers"), (std::set<std::string>{"1"}));
  auto searches = crm_.Received("/api/customers?");
  ASSERT_EQ(searches.size(), 2u);
  EXPECT_EQ(searches[0].target, "/api/customers?email=leonekohler%2Bcrm%40surfeu.de");
  EXPECT_EQ(searches[1].target, "/api/customers?phone=%2B55%20%2812%29%203923-5555");
}

TEST_F(HttpSourceTest, TheTokenIsReadFromTheEnvironmentAndNeverShown) {
  ASSERT_TRUE(Source()->Discover({.email = "hholy@gmail.com"}));
  for (const auto& request : crm_.received()) {
    EXPECT_EQ(request.headers.at("authorization"), "Bearer crm-s3cret-token") << request.target;
  }
  const std::size_t sent = crm_.received().size();

  ::setenv(testing::kCrmTokenEnv, "a-revoked-token", 1);
  auto refused = Source()->Discover({.email = "hholy@gmail.com"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(refused.error().message(), HasSubstr("HTTP 401: the credentials were refused"));
  EXPECT_THAT(refused.error().message(), HasSubstr("crm"));
  EXPECT_THAT(refused.error().message(), Not(HasSubstr("revoked")));
  EXPECT_THAT(refused.error().message(), Not(HasSubstr("hholy")));

  ::unsetenv(testing::kCrmTokenEnv);
  auto unset = Source()->Discover({.email = "hholy@gmail.com"});
  ASSERT_FALSE(unset);
  EXPECT_EQ(unset.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(unset.error().message(), HasSubstr("RD_TEST_CRM_TOKEN"));
  EXPECT_EQ(crm_.received().size(), sent + 1);  // the refused call only: none without a token
}

TEST_F(HttpSourceTest, ErasureSendsDeletesAndPatchesAndTheServiceChanges) {
  auto source = Source();
  auto found = source->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_TRUE(found) << found.error().message();
  const SystemErasurePlan plan = PlanErasure(system(), *found, ErasureHashKey{7});
  auto applied = source->Erase(plan);
  ASSERT_TRUE(applied) << applied.error().message();
  EXPECT_EQ(applied->rows_deleted, 6);
  EXPECT_EQ(applied->rows_updated, 1);

  auto deletes = crm_.Received("/api/tickets/");
  ASSERT_EQ(deletes.size(), 6u);
  EXPECT_EQ(deletes[0].method, "DELETE");
  EXPECT_EQ(deletes[0].target, "/api/tickets/301");
  auto patches = crm_.Received("/api/customers/3");
  ASSERT_FALSE(patches.empty());
  const WebRequest& patch = patches.back();
  EXPECT_EQ(patch.method, "PATCH");
  EXPECT_EQ(patch.headers.at("content-type"), "application/json");
  const auto body = nlohmann::json::parse(patch.body);
  EXPECT_EQ(body["first_name"], "[erased]");
  EXPECT_EQ(body["last_name"], "[erased]");
  EXPECT_TRUE(body["phone"].is_null());
  EXPECT_TRUE(body["address"]["city"].is_null());
  ASSERT_TRUE(body["email"].is_string());
  EXPECT_NE(body["email"], "ftremblay@gmail.com");
  EXPECT_FALSE(body.contains("id"));

  // The service holds what the plan said, and the others' records are untouched.
  EXPECT_TRUE(crm_.TicketIdsOf(3).empty());
  EXPECT_EQ(crm_.TicketIdsOf(2), (std::vector<int>{201, 202}));
  const auto francois = *crm_.Customer(3);
  EXPECT_EQ(francois["first_name"], "[erased]");
  EXPECT_TRUE(francois["address"]["city"].is_null());
  EXPECT_EQ(francois["plan"], "pro");
  EXPECT_EQ((*crm_.Customer(1))["first_name"], "Luís");

  auto reread = source->Reread(*found);
  ASSERT_TRUE(reread) << reread.error().message();
  EXPECT_TRUE(Keys(*reread, "tickets").empty());
  EXPECT_EQ(Keys(*reread, "customers"), (std::set<std::string>{"3"}));
  auto again = source->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_TRUE(again);
  const SystemProof proof = ProveErasure(system(), plan, *reread, *again);
  EXPECT_TRUE(proof.verified());
}

TEST_F(HttpSourceTest, RereadLeavesOutTheRecordsDeletedSince) {
  auto source = Source();
  auto found = source->Discover({.email = "leonekohler+crm@surfeu.de"});
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(Keys(*found, "tickets"), (std::set<std::string>{"201", "202"}));
  crm_.RemoveTicket(202);
  auto reread = source->Reread(*found);
  ASSERT_TRUE(reread) << reread.error().message();
  EXPECT_EQ(Keys(*reread, "tickets"), (std::set<std::string>{"201"}));
  EXPECT_EQ(Keys(*reread, "customers"), (std::set<std::string>{"2"}));
  EXPECT_EQ(reread->Table("customers")->rows.at(0).values.at(2), "Köhler");
}

TEST_F(HttpSourceTest, ErasureStopsAtTheFirstCallThatKeepsFailingAndSaysWhatWasDone) {
  auto source = Source();
  auto found = source->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_TRUE(found);
  crm_.SetFault([](const WebRequest& request) -> std::optional<WebAnswer> {
    if (request.method == "DELETE" && request.target == "/api/tickets/303") {
      return WebAnswer{.status = 503, .body = R"({"error":"maintenance"})"};
    }
    return std::nullopt;
  });
  auto applied = source->Erase(PlanErasure(system(), *found, ErasureHashKey{7}));
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code(), ErrorCode::kUnavailable);
  const std::string& message = applied.error().message();
  EXPECT_THAT(message, HasSubstr("erasing in crm (no transaction: 2 of 7 records done, 2 deleted "
                                 "and 0 updated; erase again to finish)"));
  EXPECT_THAT(message, HasSubstr("tickets (delete): answered HTTP 503 (3 attempts)"));
  EXPECT_EQ(slept_, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(500),
                                                            std::chrono::milliseconds(1000)}));
  EXPECT_EQ(crm_.TicketIdsOf(3), (std::vector<int>{303, 304, 305, 306}));
  EXPECT_EQ((*crm_.Customer(3))["first_name"], "François");  // stopped before the update
}

TEST_F(HttpSourceTest, ErasureWaitsWhatARateLimitAsks) {
  auto source = Source();
  auto found = source->Discover({.email = "hholy@gmail.com"});
  ASSERT_TRUE(found);
  int limited = 0;
  crm_.SetFault([&limited](const WebRequest& request) -> std::optional<WebAnswer> {
    if (request.method != "DELETE" || limited++ > 0) return std::nullopt;
    return WebAnswer{.status = 429, .headers = {{"Retry-After", "7"}}};
  });
  auto applied = source->Erase(PlanErasure(system(), *found, ErasureHashKey{7}));
  ASSERT_TRUE(applied) << applied.error().message();
  EXPECT_EQ(applied->rows_deleted, 1);
  EXPECT_EQ(slept_, (std::vector<std::chrono::milliseconds>{std::chrono::seconds(7)}));
}

TEST_F(HttpSourceTest, CheckFindsAHealthyApi) {
  const std::string report = Report(Source()->Check());
  EXPECT_THAT(report, HasSubstr("info crm: reachable (health answered 200)"));
  EXPECT_THAT(report,
              HasSubstr("info crm.customers: reachable; search by email answers with its records "
                        "at '/data'"));
  EXPECT_THAT(report, HasSubstr("info crm.tickets: searched from customers's records"));
  EXPECT_THAT(report, Not(HasSubstr("error")));
  EXPECT_THAT(crm_.Received("/api/customers?").at(0).target,
              HasSubstr("email=nobody%40rightsdesk-check.invalid"));
}

TEST_F(HttpSourceTest, CheckReportsAnUnreachableApiAndRefusedCredentials) {
  std::string text = crm_.DataMap();
  const std::string base = crm_.base_url();
  text.replace(text.find(base), base.size(),
               "http://127.0.0.1:" + std::to_string(testing::FreePort()) + "/api");
  Load(text);
  EXPECT_THAT(Report(Source()->Check()), HasSubstr("error crm: unreachable: calling 127.0.0.1:"));

  Load(crm_.DataMap());
  ::setenv(testing::kCrmTokenEnv, "wrong", 1);
  const std::string report = Report(Source()->Check());
  EXPECT_THAT(report,
              HasSubstr("error crm: health answered HTTP 401: the credentials were refused"));
  EXPECT_THAT(report, Not(HasSubstr("wrong")));
}

TEST_F(HttpSourceTest, CheckReportsAMissingRecordsArrayAndAnIgnoredFilter) {
  crm_.SetFault([](const WebRequest& request) -> std::optional<WebAnswer> {
    if (!request.target.starts_with("/api/customers?")) return std::nullopt;
    return WebAnswer{.body = R"({"items":[]})"};
  });
  EXPECT_THAT(Report(Source()->Check()),
              HasSubstr("error crm.customers: search by email: no array of records at '/data'"));
  crm_.SetFault({});
  crm_.IgnoreFilters();
  const std::string report = Report(Source()->Check());
  EXPECT_THAT(report, HasSubstr("warning crm.customers: searching by email for a value no one has "
                                "returned 2 record(s): the API seems to ignore the filter"));
  EXPECT_THAT(report, HasSubstr("info crm.customers: members not in the data map (never searched, "
                                "disclosed or erased): plan"));
}

TEST_F(HttpSourceTest, ALoopingNextLinkStopsAtThePageLimit) {
  int page = 0;
  crm_.SetFault([&page](const WebRequest& request) -> std::optional<WebAnswer> {
    if (!request.target.starts_with("/api/customers?")) return std::nullopt;
    nlohmann::json answer = {
        {"data", nlohmann::json::array()},
        {"links", {{"next", "/api/customers?after=" + std::to_string(++page)}}}};
    return WebAnswer{.body = answer.dump()};
  });
  auto found = Source()->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(found.error().message(),
              HasSubstr("searching crm: customers (search by email, page 5): more pages than "
                        "max_pages (5)"));
  EXPECT_EQ(crm_.Received("/api/customers?").size(), 5u);
}

TEST_F(HttpSourceTest, ANextLinkBackToAPageAlreadyReadStopsAtOnce) {
  crm_.SetFault([](const WebRequest& request) -> std::optional<WebAnswer> {
    if (!request.target.starts_with("/api/customers?")) return std::nullopt;
    nlohmann::json answer = {{"data", nlohmann::json::array()},
                             {"links", {{"next", request.target}}}};
    return WebAnswer{.body = answer.dump()};
  });
  auto found = Source()->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(found.error().message(), HasSubstr("leads back to a page already read"));
  EXPECT_EQ(crm_.Received("/api/customers?").size(), 1u);
}

TEST_F(HttpSourceTest, ANextLinkToAnotherHostIsNotFollowed) {
  FakeCrm elsewhere;
  crm_.SetFault([&elsewhere](const WebRequest& request) -> std::optional<WebAnswer> {
    if (!request.target.starts_with("/api/customers?")) return std::nullopt;
    nlohmann::json answer = {{"data", nlohmann::json::array()},
                             {"links", {{"next", elsewhere.base_url() + "/customers"}}}};
    return WebAnswer{.body = answer.dump()};
  });
  auto found = Source()->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(found.error().message(), HasSubstr("leads away from base_url's host"));
  EXPECT_TRUE(elsewhere.received().empty());  // the token never went there
}

}  // namespace
}  // namespace rightsdesk
