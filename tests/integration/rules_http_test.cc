// The rule set and its review checklist over HTTP: GET /api/v1/rules (version, change log, rows
// and calendars in effect on a day), the checklist's endpoints (any staff token reads, only an
// admin's changes), and the console's Rules page (everyone reads; admins add and finish items,
// with the form's CSRF token; values typed by staff are escaped).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/tokens.h"
#include "console_fixture.h"

namespace rightsdesk::testing {
namespace {

using bhttp::verb;
using ::testing::HasSubstr;
using ::testing::Not;

class RulesHttpTest : public ConsoleFixture {
 protected:
  void Configure(http::ApiContext& api) override {
    api.services.reviews = &installation_->reviews();
  }
  std::string TokenOf(const char* role, const char* name) {
    auto created = app::CreateApiToken(installation_->tokens(), random_, clock_, role, name, "t");
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->secret : "";
  }
  Reply GetAs(const std::string& target, const std::string& token) {
    return Send(port_, verb::get, target, "", "", token);
  }
  Reply PostAs(const std::string& target, const std::string& body, const std::string& token) {
    return Send(port_, verb::post, target, body, "application/json", token);
  }
};

TEST_F(RulesHttpTest, TheRulesShowTheVersionTheChangeLogAndWhatIsInEffectOnADay) {
  std::string token = TokenOf("auditor", "audit");
  Reply r = GetAs("/api/v1/rules?at=2022-06-01", token);
  ASSERT_EQ(r.status, 200U) << r.text;
  EXPECT_EQ(r.body.at("at"), "2022-06-01");
  EXPECT_EQ(r.body.at("version"), installation_->ruleset().changelog().Version());
  EXPECT_FALSE(r.body.at("changes").empty());
  bool ca_correct = false, ca_access = false;
  for (const auto& row : r.body.at("rules")) {
    if (row.at("jurisdiction") != "US-CA") continue;
    ca_correct |= row.at("type") == "correct";  // in effect from 2023-01-01 only
    ca_access |= row.at("type") == "access";
  }
  EXPECT_TRUE(ca_access);
  EXPECT_FALSE(ca_correct);
  bool us_ca_calendar = false;
  for (const auto& calendar : r.body.at("calendars")) {
    if (calendar.at("id") != "US-CA") continue;
    us_ca_calendar = true;
    EXPECT_EQ(calendar.at("year"), 2022);
    EXPECT_EQ(calendar.at("days_off").front().at("date"), "2022-01-01");
  }
  EXPECT_TRUE(us_ca_calendar);
  EXPECT_EQ(GetAs("/api/v1/rules?at=June", token).status, 422U);
  EXPECT_EQ(GetAs("/api/v1/rules", "").status, 401U);
  Reply today = GetAs("/api/v1/rules", token);
  ASSERT_EQ(today.status, 200U);
  EXPECT_EQ(today.body.at("at"), "2026-11-24");  // the fixture's day in Los Angeles
}

TEST_F(RulesHttpTest, AnyStaffReadsTheChecklistOnlyAnAdminChangesIt) {
  std::string admin = TokenOf("admin", "root"), staff = TokenOf("staff", "alice");
  const std::string item =
      R"({"kind":"legal","title":"CPPA regulations amendments 2026","owner":"counsel@acme.example",
          "due_on":"2026-12-31","source":"https://cppa.ca.gov/regulations/"})";
  EXPECT_EQ(PostAs("/api/v1/reviews", item, staff).status, 403U);
  Reply added = PostAs("/api/v1/reviews", item, admin);
  ASSERT_EQ(added.status, 201U) << added.text;
  const std::string id = std::to_string(added.body.at("id").get<std::int64_t>());
  EXPECT_EQ(added.body.at("status"), "open");
  Reply bad = PostAs("/api/v1/reviews", R"({"kind":"legal","title":"x","owner":"a b"})", admin);
  EXPECT_EQ(bad.status, 422U);
  Reply list = GetAs("/api/v1/reviews?status=open", staff);
  ASSERT_EQ(list.status, 200U);
  ASSERT_EQ(list.body.at("items").size(), 1u);
  EXPECT_EQ(list.body.at("items")[0].at("title"), "CPPA regulations amendments 2026");
  EXPECT_EQ(PostAs("/api/v1/reviews/" + id + "/done", R"({"note":"ok"})", staff).status, 403U);
  Reply done = PostAs("/api/v1/reviews/" + id + "/done", R"({"note":"No change needed"})", admin);
  ASSERT_EQ(done.status, 200U) << done.text;
  EXPECT_EQ(done.body.at("status"), "done");
  EXPECT_EQ(PostAs("/api/v1/reviews/" + id + "/done", R"({"note":"again"})", admin).status, 409U);
  EXPECT_EQ(PostAs("/api/v1/reviews/77/done", R"({"note":"x"})", admin).status, 404U);
  EXPECT_EQ(PostAs("/api/v1/reviews/abc/done", R"({"note":"x"})", admin).status, 404U);
  EXPECT_EQ(GetAs("/api/v1/reviews?status=open", staff).body.at("items").size(), 0u);
}

TEST_F(RulesHttpTest, TheConsolePageListsTheRulesAndLetsOnlyAdminsManageTheChecklist) {
  std::string admin = SessionOf(AddUser("root", "admin"));
  Reply page = Get("/console/rules", admin);
  ASSERT_EQ(page.status, 200U) << page.text;
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"rules-version\">" +
                                   installation_->ruleset().changelog().Version()));
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"changelog\""));
  EXPECT_THAT(page.text, HasSubstr("Calendar US-CA"));
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"review-add\""));
  const std::string csrf = CsrfIn(page.text);
  Reply added = PostForm("/console/rules/reviews",
                         "kind=technical&title=Calendar+for+2027+%3Cb%3E&owner=root"
                         "&due_on=2026-12-15&source=&csrf=" +
                             csrf,
                         admin);
  ASSERT_EQ(added.status, 303U) << added.text;
  page = Get("/console/rules", admin);
  EXPECT_THAT(page.text, HasSubstr("Calendar for 2027 &lt;b&gt;"));
  EXPECT_THAT(page.text, Not(HasSubstr("Calendar for 2027 <b>")));
  Reply refused = PostForm("/console/rules/reviews",
                           "kind=technical&title=x&owner=root&due_on=soon&csrf=" + csrf, admin);
  EXPECT_EQ(refused.status, 422U);
  EXPECT_THAT(refused.text, HasSubstr("YYYY-MM-DD"));
  EXPECT_EQ(PostForm("/console/rules/reviews/1/done", "note=checked", admin).status, 403U);

  NextStep();
  std::string auditor = SessionOf(AddUser("carol", "auditor"));
  Reply read = Get("/console/rules", auditor);
  ASSERT_EQ(read.status, 200U);
  EXPECT_THAT(read.text, HasSubstr("Calendar for 2027"));
  EXPECT_THAT(read.text, Not(HasSubstr("data-testid=\"review-add\"")));
  EXPECT_EQ(
      PostForm("/console/rules/reviews/1/done", "note=x&csrf=" + CsrfIn(read.text), auditor).status,
      403U);

  Reply done =
      PostForm("/console/rules/reviews/1/done", "note=Checked+holidays&csrf=" + csrf, admin);
  ASSERT_EQ(done.status, 303U) << done.text;
  auto item = installation_->reviews().FindReviewItem(1);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->status, ReviewStatus::kDone);
  EXPECT_EQ(item->note, "Checked holidays");
}

}  // namespace
}  // namespace rightsdesk::testing
