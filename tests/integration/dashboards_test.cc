// The console's dashboards (docs/dashboards.md) over real HTTP on the real SQLite store: a
// history of requests of every type, channel and fate seeded day by day with the fixture's clock,
// and each table checked against the numbers worked out by hand below (not by the code under
// test); the charts drawn, the CSV of every table (formulas disarmed), the period asked for and
// the refusals of a bad one, and who may look.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/casework.h"
#include "app/intake.h"
#include "app/tokens.h"
#include "console_fixture.h"

namespace rightsdesk::testing {
namespace {

using bhttp::verb;
using ::testing::HasSubstr;
using ::testing::Not;

// Every event happens at 18:00 UTC: 10:00 or 11:00 in Los Angeles, the business's zone, so a day
// here is the same date there and the days between two events are whole.
class DashboardsTest : public ConsoleFixture {
 protected:
  void SetUp() override {
    ConsoleFixture::SetUp();
    // Received before the period (the last 12 weeks: 2026-09-07 to 2026-11-24), answered in it,
    // late (due 2026-07-16).
    const std::string i = Submit("2026-06-01", "access", "web", "i@example.com");
    Move(i, "2026-06-02", "pending_verification");
    Move(i, "2026-06-03", "verified");
    Move(i, "2026-06-04", "in_progress");
    const std::string a = Submit("2026-09-08", "access", "web", "a@example.com");
    const std::string b = Submit("2026-09-08", "delete", "phone", "b@example.com");
    Move(a, "2026-09-09", "pending_verification");
    Move(b, "2026-09-10", "pending_verification");
    Move(a, "2026-09-12", "verified");
    Move(a, "2026-09-14", "in_progress");
    Move(i, "2026-09-15", "completed");
    Move(a, "2026-09-20", "completed");  // due 2026-10-23: on time
    const std::string c = Submit("2026-10-06", "opt_out", "email", "c@example.com");
    const std::string d = Submit("2026-10-06", "categories", "api", "d@example.com");
    Move(c, "2026-10-07", "verified");
    Move(d, "2026-10-07", "pending_verification");
    Do(d, "2026-10-08", [](const app::Services& s, const std::string& id) {
      return app::Assign(s, id, "bob", "cli:test");
    });
    Move(c, "2026-10-08", "in_progress");
    Move(c, "2026-10-09", "completed");
    Move(b, "2026-10-31", "closed_unverified");  // due 2026-10-23: late
    const std::string e = Submit("2026-11-02", "correct", "web", "e@example.com");
    Do(e, "2026-11-03", [](const app::Services& s, const std::string& id) {
      return app::Assign(s, id, "bob", "cli:test");
    });
    const std::string j = Submit("2026-11-10", "delete", "web", "j@example.com");
    Move(j, "2026-11-11", "withdrawn");
    const std::string h = Submit("2026-11-16", "access", "web", "h@example.com");
    Move(h, "2026-11-17", "pending_verification");
    Do(h, "2026-11-18", [](const app::Services& s, const std::string& id) {
      return app::Extend(s, id, "the systems are many", "cli:test");
    });
    Do(h, "2026-11-18", [](const app::Services& s, const std::string& id) {
      return app::Assign(s, id, "=2+5", "cli:test");  // staff-typed text that looks like a formula
    });
    Submit("2026-11-23", "limit", "web", "f@example.com");
    // A repeat of h's open request: a duplicate, in none of the tables.
    const std::string g = Submit("2026-11-23", "access", "web", "h@example.com");
    auto duplicate = app::FindRequest(api_->services, g);
    ASSERT_TRUE(duplicate);
    ASSERT_EQ(duplicate->status, Status::kClosedDuplicate);
    clock_.Set(*ParseInstant("2026-11-24T18:00:00.000000Z"));
    cookie_ = SessionOf(AddUser("sam", "staff"));
  }

  void At(const char* day) { clock_.Set(*ParseInstant(std::string(day) + "T18:00:00.000000Z")); }
  std::string Submit(const char* day, const char* type, const char* channel, const char* email) {
    At(day);
    auto submitted = app::SubmitRequest(
        api_->services, {.type = type, .email = email, .name = "Ana Núñez", .channel = channel},
        "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    return submitted ? submitted->request.id : "";
  }
  void Move(const std::string& id, const char* day, const char* to) {
    At(day);
    auto moved = app::TransitionTo(api_->services, id, to, "test", "cli:test");
    ASSERT_TRUE(moved) << day << " " << to << ": " << moved.error().message();
  }
  template <typename Action>
  void Do(const std::string& id, const char* day, Action action) {
    At(day);
    auto done = action(api_->services, id);
    ASSERT_TRUE(done) << day << ": " << done.error().message();
  }
  Reply Csv(const std::string& table, const std::string& query = "") {
    return Get("/console/dashboards/" + table + ".csv" + query, cookie_);
  }

  std::string cookie_;
};

TEST_F(DashboardsTest, VolumeAndChannelsCountTheRequestsReceivedInTheLastTwelveWeeks) {
  Reply volume = Csv("volume");
  ASSERT_EQ(volume.status, 200U) << volume.text;
  EXPECT_EQ(volume.content_type, "text/csv; charset=utf-8");
  EXPECT_THAT(volume.headers["content-disposition"],
              HasSubstr("dashboard-volume-2026-09-07-2026-11-25.csv"));
  // Twelve weeks, W37 to W48; the duplicate of 2026-11-23 is not a received request.
  EXPECT_EQ(volume.text,
            "week,week_start,access,categories,delete,correct,opt_out,limit,total\r\n"
            "2026-W37,2026-09-07,1,0,1,0,0,0,2\r\n"
            "2026-W38,2026-09-14,0,0,0,0,0,0,0\r\n"
            "2026-W39,2026-09-21,0,0,0,0,0,0,0\r\n"
            "2026-W40,2026-09-28,0,0,0,0,0,0,0\r\n"
            "2026-W41,2026-10-05,0,1,0,0,1,0,2\r\n"
            "2026-W42,2026-10-12,0,0,0,0,0,0,0\r\n"
            "2026-W43,2026-10-19,0,0,0,0,0,0,0\r\n"
            "2026-W44,2026-10-26,0,0,0,0,0,0,0\r\n"
            "2026-W45,2026-11-02,0,0,0,1,0,0,1\r\n"
            "2026-W46,2026-11-09,0,0,1,0,0,0,1\r\n"
            "2026-W47,2026-11-16,1,0,0,0,0,0,1\r\n"
            "2026-W48,2026-11-23,0,0,0,0,0,1,1\r\n");
  EXPECT_EQ(Csv("channels").text,
            "channel,received\r\nweb,5\r\napi,1\r\nemail,1\r\nphone,1\r\nmail,0\r\nagent,0\r\n"
            "gpc,0\r\n");
}

TEST_F(DashboardsTest, OnTimeAndVerificationFailuresCountTheAnswersGivenInThePeriod) {
  // Answered in the period: i (access, late), a (access, on time), b (delete, closed unverified,
  // late), c (opt-out, on time). The withdrawal and the duplicate are no answers.
  EXPECT_EQ(Csv("on-time").text,
            "type,answered,on_time,on_time_percent\r\n"
            "access,2,1,50.0\r\ncategories,0,0,\r\ndelete,1,0,0.0\r\ncorrect,0,0,\r\n"
            "opt_out,1,1,100.0\r\nlimit,0,0,\r\nall,4,2,50.0\r\n");
  // An opt-out needs no verification: it is not in the rate.
  EXPECT_EQ(Csv("verification").text,
            "type,answered_needing_verification,unverified,failure_percent\r\n"
            "access,2,0,0.0\r\ndelete,1,1,100.0\r\nall,3,1,33.3\r\n");
}

TEST_F(DashboardsTest, AgingAndLoadCountTheOpenRequestsToday) {
  // Open on 2026-11-24: f (1 day), h (8), e (22), d (49, due 2026-11-20: overdue).
  EXPECT_EQ(Csv("aging").text,
            "days_since_receipt,open,overdue\r\n0-7,1,0\r\n8-15,1,0\r\n16-30,1,0\r\n31-45,0,0\r\n"
            "over 45,1,1\r\n");
  // The assignee typed as "=2+5" is kept from evaluating; f has no assignee.
  EXPECT_EQ(Csv("assignees").text, "assignee,open,overdue\r\nbob,2,1\r\n,1,0\r\n'=2+5,1,0\r\n");
}

TEST_F(DashboardsTest, StagesAreTimedFromTheAuditTrailsStatusChanges) {
  // received: a 1, b 2, c 1, d 1, j 1, h 1 (i was received before the period); pending
  // verification: a 3, b 51; verified: a 2, c 1; in progress: a 6, c 1.
  EXPECT_EQ(Csv("stages").text,
            "status,stays,median_days,mean_days\r\n"
            "received,6,1.0,1.2\r\npending_verification,2,27.0,27.0\r\nverified,2,1.5,1.5\r\n"
            "in_progress,2,3.5,3.5\r\nawaiting_review,0,,\r\n");
}

TEST_F(DashboardsTest, ThePageDrawsEveryChartAboveItsTableWithItsCsvLink) {
  Reply page = Get("/console/dashboards", cookie_);
  ASSERT_EQ(page.status, 200U) << page.text;
  std::size_t charts = 0;
  for (std::size_t at = 0;
       (at = page.text.find("<svg class=\"chart\" role=\"img\"", at)) != std::string::npos; ++at) {
    ++charts;
  }
  EXPECT_EQ(charts, 7U);
  for (const char* id :
       {"volume", "on-time", "verification", "aging", "channels", "stages", "assignees"}) {
    EXPECT_THAT(page.text,
                HasSubstr("href=\"/console/dashboards/" + std::string(id) + ".csv?weeks=12\""));
    EXPECT_THAT(page.text, HasSubstr("<title id=\"" + std::string(id) + "-svg-title\">"));
  }
  EXPECT_THAT(page.text, HasSubstr("data-week=\"2026-W37\" data-total=\"2\""));
  EXPECT_THAT(page.text, HasSubstr("<th scope=\"row\">all</th><td>4</td><td>2</td><td>50.0</td>"));
  EXPECT_THAT(page.text, HasSubstr("<th scope=\"row\">(unassigned)</th><td>1</td><td>0</td>"));
  EXPECT_THAT(page.text, HasSubstr("=2+5"));  // escaped text, shown as typed
  EXPECT_THAT(page.text, Not(HasSubstr("example.com")));
  EXPECT_THAT(page.text, Not(HasSubstr("Núñez")));
  Reply home = Get("/console", cookie_);
  EXPECT_THAT(home.text, HasSubstr("href=\"/console/dashboards\""));
}

TEST_F(DashboardsTest, APeriodOfDaysOrOfWeeksIsShownAndItsCsvIsTheSame) {
  Reply october = Get("/console/dashboards?from=2026-10-01&to=2026-11-01", cookie_);
  ASSERT_EQ(october.status, 200U) << october.text;
  EXPECT_THAT(
      october.text,
      HasSubstr("href=\"/console/dashboards/on-time.csv?from=2026-10-01&amp;to=2026-11-01\""));
  // Answered in October: b (late) and c (on time). Weeks from Monday 2026-09-28.
  EXPECT_THAT(Csv("on-time", "?from=2026-10-01&to=2026-11-01").text, HasSubstr("all,2,1,50.0\r\n"));
  Reply weeks = Csv("volume", "?from=2026-10-01&to=2026-11-01");
  EXPECT_THAT(weeks.text, HasSubstr("\r\n2026-W40,2026-09-28,0,0,0,0,0,0,0\r\n"));
  EXPECT_THAT(weeks.text, HasSubstr("\r\n2026-W41,2026-10-05,0,1,0,0,1,0,2\r\n"));
  EXPECT_THAT(weeks.text, Not(HasSubstr("2026-W45")));
  // The last two weeks: 2026-11-16 on, so h and f, not the earlier ones.
  Reply two = Csv("channels", "?weeks=2");
  EXPECT_THAT(two.text, HasSubstr("web,2\r\napi,0\r\n"));
  EXPECT_THAT(Get("/console/dashboards?weeks=2", cookie_).text,
              HasSubstr("href=\"/console/dashboards/channels.csv?weeks=2\""));
}

TEST_F(DashboardsTest, ABadPeriodIsRefusedWithWhatIsWrong) {
  const std::pair<const char*, const char*> cases[] = {
      {"?weeks=0", "weeks must be"},
      {"?weeks=105", "weeks must be"},
      {"?weeks=twelve", "weeks must be"},
      {"?weeks=12&from=2026-10-01&to=2026-11-01", "not both"},
      {"?from=2026-13-01&to=2026-11-01", "from must be a date"},
      {"?from=2026-10-01", "to must be a date"},
      {"?from=2026-11-01&to=2026-10-01", "to must be after from"},
      {"?from=2024-01-01&to=2026-11-01", "at most 104 weeks"},
  };
  for (const auto& [query, message] : cases) {
    Reply page = Get(std::string("/console/dashboards") + query, cookie_);
    EXPECT_EQ(page.status, 422U) << query;
    EXPECT_THAT(page.text, HasSubstr(message)) << query;
    EXPECT_THAT(page.text, Not(HasSubstr("<svg"))) << query;
    EXPECT_EQ(Csv("volume", query).status, 422U) << query;
  }
  EXPECT_EQ(Csv("nothing").status, 404U);
  EXPECT_EQ(Get("/console/dashboards/volume", cookie_).status, 404U);
}

TEST_F(DashboardsTest, EveryRoleMayLookButOnlySignedIn) {
  for (const char* path : {"/console/dashboards", "/console/dashboards/volume.csv"}) {
    Reply anonymous = Send(port_, verb::get, path, "", "");
    EXPECT_EQ(anonymous.status, 303U) << path;
    EXPECT_EQ(anonymous.headers["location"], "/console/login") << path;
  }
  const std::string auditor = SessionOf(AddUser("audrey", "auditor"));
  EXPECT_EQ(Get("/console/dashboards", auditor).status, 200U);
  EXPECT_EQ(Get("/console/dashboards/aging.csv", auditor).status, 200U);
}

TEST_F(DashboardsTest, TheApiGivesTheSameTablesAsNumbersToAnyStaffToken) {
  auto token =
      app::CreateApiToken(installation_->tokens(), random_, clock_, "reviewer", "ext", "test");
  ASSERT_TRUE(token) << token.error().message();
  const std::string path = "/api/v1/reports/dashboards";
  Reply report = Send(port_, verb::get, path, "", "", token->secret);
  ASSERT_EQ(report.status, 200U) << report.text;
  const nlohmann::json& r = report.body;
  EXPECT_EQ(r.at("from"), "2026-09-07");
  EXPECT_EQ(r.at("to"), "2026-11-25");
  ASSERT_EQ(r.at("volume").size(), 12U);
  EXPECT_EQ(r.at("volume")[0].at("week"), "2026-W37");
  EXPECT_EQ(r.at("volume")[0].at("by_type").at("delete"), 1);
  EXPECT_EQ(r.at("volume")[0].at("total"), 2);
  const nlohmann::json& all = r.at("on_time").back();
  EXPECT_EQ(all.at("type"), "all");
  EXPECT_EQ(all.at("answered"), 4);
  EXPECT_EQ(all.at("on_time"), 2);
  EXPECT_DOUBLE_EQ(all.at("rate").get<double>(), 0.5);
  EXPECT_TRUE(r.at("on_time")[1].at("rate").is_null());  // no categories request answered
  EXPECT_EQ(r.at("verification").back().at("unverified"), 1);
  EXPECT_DOUBLE_EQ(r.at("verification").back().at("rate").get<double>(), 0.333);
  EXPECT_EQ(r.at("aging")[4].at("days"), "over 45");
  EXPECT_TRUE(r.at("aging")[4].at("max_days").is_null());
  EXPECT_EQ(r.at("aging")[4].at("overdue"), 1);
  EXPECT_EQ(r.at("channels")[0], (nlohmann::json{{"channel", "web"}, {"received", 5}}));
  EXPECT_EQ(r.at("stages")[1].at("status"), "pending_verification");
  EXPECT_DOUBLE_EQ(r.at("stages")[1].at("median_days").get<double>(), 27.0);
  EXPECT_TRUE(r.at("stages")[4].at("mean_days").is_null());
  EXPECT_EQ(r.at("assignees")[1], (nlohmann::json{{"assignee", ""}, {"open", 1}, {"overdue", 0}}));

  Reply bad = Send(port_, verb::get, path + "?weeks=0", "", "", token->secret);
  EXPECT_EQ(bad.status, 422U);
  EXPECT_THAT(bad.text, HasSubstr("/weeks"));
  EXPECT_EQ(Send(port_, verb::get, path, "", "", "").status, 401U);
}

}  // namespace
}  // namespace rightsdesk::testing
