// The staff endpoints over HTTP: bearer tokens, roles, the work queue, changes and the audit check.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/tokens.h"
#include "http_client.h"

namespace rightsdesk::testing {
namespace {

using bhttp::verb;

class StaffApiTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    staff_ = MakeToken("staff", "alice");
    auditor_ = MakeToken("auditor", "ext-audit");
    for (const char* type : {"access", "delete", "opt_out"}) {
      Reply r =
          Send(port_, verb::post, "/api/v1/requests",
               std::string(R"({"type":")") + type + R"(","subject":{"email":"a@example.com"}})");
      ASSERT_EQ(r.status, 201U);
      ids_.push_back(r.body.at("id"));
    }
  }
  std::string MakeToken(const char* role, const char* name) {
    auto created =
        app::CreateApiToken(installation_->tokens(), random_, clock_, role, name, "test");
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->secret : "";
  }
  Reply Get(const std::string& target, const std::string& token) {
    return Send(port_, verb::get, target, "", "", token);
  }
  Reply PostAs(const std::string& target, const std::string& body, const std::string& token) {
    return Send(port_, verb::post, target, body, "application/json", token);
  }

  std::string staff_, auditor_;
  std::vector<std::string> ids_;
};

TEST_F(StaffApiTest, WithoutAValidTokenItIs401) {
  Reply none = Get("/api/v1/requests", "");
  EXPECT_EQ(none.status, 401U);
  EXPECT_EQ(none.www_authenticate, "Bearer");
  EXPECT_EQ(none.content_type, "application/problem+json");
  EXPECT_EQ(Get("/api/v1/requests", "rdt_" + std::string(64, '0')).status, 401U);
  EXPECT_EQ(Get("/api/v1/requests", "not-a-token").status, 401U);
  EXPECT_EQ(Get("/api/v1/requests", staff_.substr(0, 60)).status, 401U);
}

TEST_F(StaffApiTest, TheQueueFiltersAndPages) {
  Reply all = Get("/api/v1/requests", auditor_);
  ASSERT_EQ(all.status, 200U) << all.body.dump();
  EXPECT_EQ(all.body.at("requests").size(), 3U);
  EXPECT_TRUE(all.body.at("next").is_null());
  // opt_out is due first (15 business days), so it leads the queue.
  EXPECT_EQ(all.body.at("requests")[0].at("type"), "opt_out");
  Reply deletes = Get("/api/v1/requests?type=delete", staff_);
  ASSERT_EQ(deletes.body.at("requests").size(), 1U);
  EXPECT_EQ(deletes.body.at("requests")[0].at("id"), ids_[1]);
  Reply page = Get("/api/v1/requests?limit=2", staff_);
  ASSERT_EQ(page.body.at("requests").size(), 2U);
  ASSERT_TRUE(page.body.at("next").is_string());
  Reply rest =
      Get("/api/v1/requests?limit=2&after=" + page.body.at("next").get<std::string>(), staff_);
  EXPECT_EQ(rest.body.at("requests").size(), 1U);
  EXPECT_TRUE(Get("/api/v1/requests?overdue=true", staff_).body.at("requests").empty());
}

TEST_F(StaffApiTest, SearchByEmailOrReference) {
  ASSERT_EQ(Send(port_, verb::post, "/api/v1/requests",
                 R"({"type":"access","subject":{"email":"Zoe@Example.org"}})")
                .status,
            201U);
  Reply by_email = Get("/api/v1/requests?q=zoe%40example.org", staff_);
  ASSERT_EQ(by_email.status, 200U) << by_email.body.dump();
  ASSERT_EQ(by_email.body.at("requests").size(), 1U);
  EXPECT_EQ(by_email.body.at("requests")[0].at("subject").at("email"), "zoe@example.org");
  EXPECT_EQ(Get("/api/v1/requests?q=a%40example.com", staff_).body.at("requests").size(), 3U);
  EXPECT_EQ(
      Get("/api/v1/requests?q=a%40example.com&type=delete", staff_).body.at("requests").size(), 1U);
  EXPECT_TRUE(Get("/api/v1/requests?q=nobody%40example.com", staff_).body.at("requests").empty());
  std::string reference =
      Get("/api/v1/requests/" + ids_[1], staff_).body.at("reference").get<std::string>();
  Reply by_reference = Get("/api/v1/requests?q=" + reference, staff_);
  ASSERT_EQ(by_reference.body.at("requests").size(), 1U);
  EXPECT_EQ(by_reference.body.at("requests")[0].at("id"), ids_[1]);
  Reply bad = Get("/api/v1/requests?q=zoe", staff_);
  EXPECT_EQ(bad.status, 422U);
  EXPECT_EQ(bad.body.at("errors")[0].at("pointer"), "/q");
}

TEST_F(StaffApiTest, BadQueriesAre422WithAPointer) {
  for (auto [query, pointer] :
       std::vector<std::pair<std::string, std::string>>{{"status=open", "/status"},
                                                        {"type=erase", "/type"},
                                                        {"limit=0", "/limit"},
                                                        {"overdue=yes", "/overdue"},
                                                        {"after=garbage", "/after"},
                                                        {"sort=due", "/sort"}}) {
    Reply reply = Get("/api/v1/requests?" + query, staff_);
    EXPECT_EQ(reply.status, 422U) << query;
    EXPECT_EQ(reply.body.at("errors")[0].at("pointer"), pointer) << query;
  }
  EXPECT_EQ(Get("/api/v1/requests?status=%zz", staff_).status, 422U);
}

TEST_F(StaffApiTest, ShowsOneRequestWithItsEvents) {
  Reply reply = Get("/api/v1/requests/" + ids_[0], auditor_);
  ASSERT_EQ(reply.status, 200U);
  EXPECT_EQ(reply.body.at("subject").at("email"), "a@example.com");
  ASSERT_EQ(reply.body.at("events").size(), 1U);
  EXPECT_EQ(reply.body.at("events")[0].at("action"), "request.submitted");
  std::string reference = reply.body.at("reference");
  EXPECT_EQ(Get("/api/v1/requests/" + reference, auditor_).body.at("id"), ids_[0]);
  EXPECT_EQ(Get("/api/v1/requests/RD-2026-99999", auditor_).status, 404U);
}

TEST_F(StaffApiTest, StaffMoveAndExtendRequestsAndTheTrailNamesThem) {
  std::string base = "/api/v1/requests/" + ids_[0];
  Reply moved = PostAs(base + "/transitions", R"({"to":"verified","reason":"3 points"})", staff_);
  ASSERT_EQ(moved.status, 200U) << moved.body.dump();
  EXPECT_EQ(moved.body.at("status"), "verified");
  EXPECT_EQ(moved.body.at("events")[1].at("actor"), "token:alice");
  Reply illegal = PostAs(base + "/transitions", R"({"to":"completed","reason":"x"})", staff_);
  EXPECT_EQ(illegal.status, 409U);
  Reply no_reason = PostAs(base + "/transitions", R"({"to":"in_progress"})", staff_);
  EXPECT_EQ(no_reason.status, 422U);
  EXPECT_EQ(no_reason.body.at("errors")[0].at("pointer"), "/reason");
  Reply unknown = PostAs(base + "/transitions", R"({"to":"finished","reason":"x"})", staff_);
  EXPECT_EQ(unknown.body.at("errors")[0].at("pointer"), "/to");
  Reply extended = PostAs(base + "/extend", R"({"reason":"many systems"})", staff_);
  ASSERT_EQ(extended.status, 200U) << extended.body.dump();
  EXPECT_TRUE(extended.body.at("extended"));
  EXPECT_EQ(PostAs(base + "/extend", R"({"reason":"again"})", staff_).status, 409U);
  EXPECT_EQ(PostAs("/api/v1/requests/" + ids_[2] + "/extend", R"({"reason":"x"})", staff_).status,
            409U);  // opt_out has no extension
}

TEST_F(StaffApiTest, ADenialCarriesItsBasisForTheRecordsAndMetrics) {
  std::string base = "/api/v1/requests/" + ids_[1];
  Reply misplaced =
      PostAs(base + "/transitions", R"({"to":"verified","reason":"x","basis":"exempt"})", staff_);
  EXPECT_EQ(misplaced.status, 422U);
  EXPECT_EQ(misplaced.body.at("errors")[0].at("pointer"), "/basis");
  Reply unknown =
      PostAs(base + "/transitions", R"({"to":"denied","reason":"x","basis":"fraud"})", staff_);
  EXPECT_EQ(unknown.status, 422U);
  EXPECT_EQ(unknown.body.at("errors")[0].at("pointer"), "/basis");
  Reply not_text =
      PostAs(base + "/transitions", R"({"to":"denied","reason":"x","basis":3})", staff_);
  EXPECT_EQ(not_text.status, 422U);
  EXPECT_TRUE(Get(base, auditor_).body.at("denial_basis").is_null());
  Reply denied = PostAs(base + "/transitions",
                        R"({"to":"denied","reason":"trade secrets","basis":"exempt"})", staff_);
  ASSERT_EQ(denied.status, 200U) << denied.body.dump();
  EXPECT_EQ(denied.body.at("denial_basis"), "exempt");
  EXPECT_EQ(denied.body.at("events").back().at("details").at("basis"), "exempt");
  EXPECT_EQ(Get(base, auditor_).body.at("denial_basis"), "exempt");
  Reply record = Get(base + "/record", auditor_);
  ASSERT_EQ(record.status, 200U) << record.text;
  EXPECT_EQ(record.body.at("denial").at("basis"), "exempt");
  EXPECT_TRUE(Get("/api/v1/audit/verify", auditor_).body.at("ok"));
}

TEST_F(StaffApiTest, NotesAndAssignmentAreRecorded) {
  std::string base = "/api/v1/requests/" + ids_[1];
  Reply noted = PostAs(base + "/notes", R"({"note":"Called the consumer back"})", staff_);
  ASSERT_EQ(noted.status, 200U) << noted.body.dump();
  EXPECT_EQ(noted.body.at("events").back().at("action"), "request.noted");
  EXPECT_EQ(noted.body.at("events").back().at("details").at("note"), "Called the consumer back");
  EXPECT_EQ(PostAs(base + "/notes", R"({"note":"  "})", staff_).status, 422U);
  Reply assigned = PostAs(base + "/assign", R"({"assignee":"bob"})", staff_);
  ASSERT_EQ(assigned.status, 200U);
  EXPECT_EQ(assigned.body.at("assignee"), "bob");
  EXPECT_EQ(assigned.body.at("events").back().at("details").at("to"), "bob");
  Reply unassigned = PostAs(base + "/assign", R"({"assignee":""})", staff_);
  EXPECT_TRUE(unassigned.body.at("assignee").is_null());
  EXPECT_EQ(PostAs(base + "/assign", R"({"assignee":"bob"})", auditor_).status, 403U);
  // The stored requests still agree with their events.
  EXPECT_TRUE(Get("/api/v1/audit/verify", auditor_).body.at("ok"));
}

TEST_F(StaffApiTest, EachRoleOnlyWhatItMay) {
  std::string base = "/api/v1/requests/" + ids_[0];
  EXPECT_EQ(PostAs(base + "/transitions", R"({"to":"verified","reason":"x"})", auditor_).status,
            403U);
  EXPECT_EQ(Get("/api/v1/audit/verify", staff_).status, 403U);
  Reply audit = Get("/api/v1/audit/verify", auditor_);
  ASSERT_EQ(audit.status, 200U);
  EXPECT_TRUE(audit.body.at("ok"));
  // init, 2 tokens, 3 intakes
  EXPECT_EQ(audit.body.at("events"), 6);
}

}  // namespace
}  // namespace rightsdesk::testing
