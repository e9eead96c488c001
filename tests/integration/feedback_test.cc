// The consumer's survey after closing (app/feedback.h, docs/feedback.md) on the real SQLite store
// and over real HTTP: the link rides in the closing message (or a message of its own), one answer
// per request even when answers race, the comment sealed at rest and erased by the retention
// purge while the score stays, the pages' refusals (a second answer, a bad score, a wrong link,
// a form from another site) and the staff's report, page and CSV.
#include "app/feedback.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <thread>

#include "app/casework.h"
#include "app/intake.h"
#include "app/tokens.h"
#include "console_fixture.h"
#include "ledger_db.h"

namespace rightsdesk::testing {
namespace {

using bhttp::verb;
using ::testing::HasSubstr;
using ::testing::Not;

class SurveyFlowTest : public ConsoleFixture {
 protected:
  void Configure(http::ApiContext& api) override {
    api.services.feedback = &installation_->feedback();
  }

  app::Submitted Submit(const std::string& email, const std::string& type = "opt_out") {
    auto submitted = app::SubmitRequest(
        api_->services, {.type = type, .email = email, .name = "Ana Núñez"}, "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    return *submitted;
  }

  void Close(const app::Submitted& s, const std::string& to) {
    auto closed = app::TransitionTo(api_->services, s.request.id, to, "test", "cli:test");
    ASSERT_TRUE(closed) << closed.error().message();
  }

  // The queued messages of a request as the outbox would send them now: kind → parameters.
  std::map<std::string, nlohmann::json> Queued(const std::string& request_id) {
    auto due =
        installation_->outbox().ClaimDue(clock_.Now(), clock_.Now() + std::chrono::hours(1), 100);
    EXPECT_TRUE(due) << due.error().message();
    std::map<std::string, nlohmann::json> out;
    for (const auto& notice : *due) {
      if (notice.request_id == request_id) out[notice.kind] = notice.params;
    }
    return out;
  }

  // Closes a fresh request by withdrawal and returns its survey path.
  std::string ClosedSurvey(const std::string& email, app::Submitted* submitted = nullptr) {
    app::Submitted s = Submit(email);
    Close(s, "withdrawn");
    auto queued = Queued(s.request.id);
    const std::string token = queued["status_update"].value("feedback_token", "");
    EXPECT_FALSE(token.empty());
    if (submitted != nullptr) *submitted = s;
    return app::SurveyPath(s.request.id, token);
  }

  Reply PostSurvey(const std::string& path, const std::string& body, const Headers& headers = {}) {
    return Send(port_, verb::post, path, body, kForm, "", headers);
  }
};

TEST_F(SurveyFlowTest, TheSurveyLinkRidesInTheClosingMessage) {
  app::Submitted s = Submit("ride@example.com");
  Close(s, "withdrawn");
  auto queued = Queued(s.request.id);
  ASSERT_TRUE(queued.contains("status_update"));
  EXPECT_THAT(queued["status_update"].value("feedback_token", ""), HasSubstr("rdf_"));
  EXPECT_FALSE(queued.contains("feedback_invite"));
}

TEST_F(SurveyFlowTest, AClosingWithoutAMessageGetsAnInviteOfItsOwn) {
  app::Submitted s = Submit("invite@example.com");
  Close(s, "denied");  // no status_update for a denial by default
  auto queued = Queued(s.request.id);
  EXPECT_FALSE(queued.contains("status_update"));
  ASSERT_TRUE(queued.contains("feedback_invite"));
  EXPECT_THAT(queued["feedback_invite"].value("feedback_token", ""), HasSubstr("rdf_"));
}

TEST_F(SurveyFlowTest, AnOpenRequestGetsNoSurveyAndCannotBeAnswered) {
  app::Submitted s = Submit("open@example.com");
  auto answered = app::AnswerFeedback(api_->services, s.request, 4, "");
  ASSERT_FALSE(answered);
  EXPECT_EQ(answered.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(SurveyFlowTest, ConcurrentAnswersKeepExactlyOne) {
  app::Submitted s;
  ClosedSurvey("race@example.com", &s);
  auto closed = installation_->requests().FindById(s.request.id);
  ASSERT_TRUE(closed);
  std::atomic<int> kept{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto answered =
          app::AnswerFeedback(api_->services, *closed, 1 + i % 5, "try " + std::to_string(i));
      if (answered) {
        ++kept;
      } else if (answered.error().code() == ErrorCode::kAlreadyExists) {
        ++refused;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(kept.load(), 1);
  EXPECT_EQ(refused.load(), 7);
  auto answers = installation_->feedback().Answers(10);
  ASSERT_TRUE(answers);
  EXPECT_EQ(answers->size(), 1u);
  auto events = installation_->requests().EventsOf(s.request.id);
  ASSERT_TRUE(events);
  int recorded = 0;
  for (const auto& event : *events) {
    if (event.action == "feedback.answered") {
      ++recorded;
      EXPECT_THAT(event.details, HasSubstr("\"score\""));
      EXPECT_THAT(event.details, Not(HasSubstr("try ")));  // the comment stays out of the trail
    }
  }
  EXPECT_EQ(recorded, 1);
}

TEST_F(SurveyFlowTest, TheCommentIsSealedAtRestAndThePurgeErasesItButKeepsTheScore) {
  app::Submitted s;
  ClosedSurvey("sealed@example.com", &s);
  auto closed = installation_->requests().FindById(s.request.id);
  ASSERT_TRUE(closed);
  ASSERT_TRUE(app::AnswerFeedback(api_->services, *closed, 2, "Zanzibar paperwork was slow"));
  const app::DataDir dir{scratch_.path() / "data"};
  EXPECT_EQ(QueryText(dir.database(),
                      "SELECT count(*) FROM feedback WHERE CAST(comment_sealed AS"
                      " TEXT) LIKE '%Zanzibar%'"),
            "0");
  EXPECT_EQ(QueryText(dir.database(),
                      "SELECT count(*) FROM feedback WHERE comment_sealed IS NOT "
                      "NULL"),
            "1");
  auto answers = installation_->feedback().Answers(10);
  ASSERT_TRUE(answers);
  ASSERT_EQ(answers->size(), 1u);
  EXPECT_EQ(answers->front().comment, "Zanzibar paperwork was slow");

  auto purged = installation_->requests().PurgePersonalData(s.request.id, clock_.Now(),
                                                            {.request_id = s.request.id,
                                                             .actor = "system",
                                                             .action = "request.purged",
                                                             .at = clock_.Now()});
  ASSERT_TRUE(purged) << purged.error().message();
  EXPECT_TRUE(*purged);
  answers = installation_->feedback().Answers(10);
  ASSERT_TRUE(answers);
  ASSERT_EQ(answers->size(), 1u);
  EXPECT_EQ(answers->front().score, 2);
  EXPECT_EQ(answers->front().comment, "");
  EXPECT_TRUE(answers->front().comment_erased);
  EXPECT_EQ(QueryText(dir.database(),
                      "SELECT count(*) FROM feedback WHERE comment_sealed IS NULL"
                      " AND score = 2"),
            "1");
}

TEST_F(SurveyFlowTest, TheSurveyIsAnsweredOnceOverHttp) {
  const std::string path = ClosedSurvey("http@example.com");
  Reply page = Send(port_, verb::get, path);
  EXPECT_EQ(page.status, 200u);
  EXPECT_THAT(page.text, HasSubstr("name=\"score\""));
  Reply spanish = Send(port_, verb::get, path + "?lang=es");
  EXPECT_EQ(spanish.status, 200u);
  EXPECT_THAT(spanish.text, HasSubstr("¿Qué tal lo hicimos?"));
  EXPECT_THAT(spanish.text, HasSubstr("lang=\"es\""));
  Reply first = PostSurvey(path, "lang=en&score=2&comment=%3Cb%3Eslow%3C%2Fb%3E");
  EXPECT_EQ(first.status, 200u) << first.text;
  EXPECT_THAT(first.text, HasSubstr("Thank you"));
  Reply second = PostSurvey(path, "lang=en&score=5&comment=again");
  EXPECT_EQ(second.status, 409u);
  EXPECT_THAT(second.text, HasSubstr("already answered"));
  EXPECT_THAT(Send(port_, verb::get, path).text, HasSubstr("already answered"));
}

TEST_F(SurveyFlowTest, TheSurveyRefusesBadScoresWrongLinksAndOtherSites) {
  const std::string path = ClosedSurvey("refuse@example.com");
  Reply bad = PostSurvey(path, "lang=en&score=9&comment=x");
  EXPECT_EQ(bad.status, 422u);
  EXPECT_THAT(bad.text, HasSubstr("Choose a score from 1 to 5"));
  EXPECT_EQ(PostSurvey(path, "lang=en&comment=no+score").status, 422u);
  const std::string wrong = path.substr(0, path.size() - 4) + "0000";
  EXPECT_EQ(Send(port_, verb::get, wrong).status, 404u);
  EXPECT_EQ(PostSurvey(wrong, "lang=en&score=3").status, 404u);
  Reply cross = PostSurvey(path, "lang=en&score=3", {{"Origin", "https://attacker.example"}});
  EXPECT_EQ(cross.status, 403u);
  // None of those was an answer: the survey is still open.
  EXPECT_EQ(PostSurvey(path, "lang=en&score=3").status, 200u);
}

TEST_F(SurveyFlowTest, TheStatusLinkOpensTheSurveyAndTheJsonFormAnswersWithProblems) {
  app::Submitted s = Submit("json@example.com");
  Close(s, "withdrawn");
  const std::string status_path = app::StatusPath(s.request.id, s.status_token);
  EXPECT_THAT(Send(port_, verb::get, status_path).text, HasSubstr("data-testid=\"feedback-link\""));
  EXPECT_EQ(Send(port_, verb::get, status_path + "/feedback").status, 200u);
  const std::string api = "/api/v1/status/" + s.request.id + "/" + s.status_token + "/feedback";
  Reply bad = Send(port_, verb::post, api, R"({"score":0})");
  EXPECT_EQ(bad.status, 422u);
  EXPECT_EQ(bad.body["errors"][0]["pointer"], "/score");
  EXPECT_EQ(Send(port_, verb::post, api, R"({"score":"five"})").status, 422u);
  Reply ok = Send(port_, verb::post, api, R"({"score":5,"comment":"quick"})");
  EXPECT_EQ(ok.status, 201u) << ok.text;
  Reply again = Send(port_, verb::post, api, R"({"score":5})");
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(again.content_type, "application/problem+json");
  const std::string wrong =
      "/api/v1/status/" + s.request.id + "/rds_" + std::string(64, '0') + "/feedback";
  EXPECT_EQ(Send(port_, verb::post, wrong, R"({"score":5})").status, 404u);
}

TEST_F(SurveyFlowTest, StaffSeeTheAnswersEscapedTheirTablesAndTheApi) {
  int n = 0;
  for (const char* comment : {"Slow%2C+confusing+%3Cscript%3E", "So+slow+and+confusing"}) {
    const std::string path = ClosedSurvey("staff" + std::to_string(++n) + "@example.com");
    ASSERT_EQ(PostSurvey(path, std::string("lang=en&score=1&comment=") + comment).status, 200u);
  }
  auto user = AddUser("fiona", "staff");
  const std::string cookie = SessionOf(user);
  Reply page = Get("/console/feedback", cookie);
  ASSERT_EQ(page.status, 200u) << page.text;
  EXPECT_THAT(page.text, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(page.text, Not(HasSubstr("<script>")));
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"feedback-complaints\""));
  EXPECT_THAT(page.text, HasSubstr("confusing"));
  Reply csv = Get("/console/feedback.csv", cookie);
  EXPECT_EQ(csv.status, 200u);
  EXPECT_THAT(csv.text, HasSubstr("type,opt_out,2,2,1.00"));
  EXPECT_THAT(csv.text, HasSubstr("complaint,slow,2,,"));
  EXPECT_NE(Send(port_, verb::get, "/console/feedback").status, 200u);

  auto token =
      app::CreateApiToken(installation_->tokens(), random_, clock_, "auditor", "t", "test");
  ASSERT_TRUE(token) << token.error().message();
  Reply report = Send(port_, verb::get, "/api/v1/reports/feedback", "", "", token->secret);
  ASSERT_EQ(report.status, 200u) << report.text;
  EXPECT_EQ(report.body["answers"], 2);
  EXPECT_EQ(report.body["recent"].size(), 2u);
  EXPECT_EQ(Send(port_, verb::get, "/api/v1/reports/feedback").status, 401u);
}

}  // namespace
}  // namespace rightsdesk::testing
