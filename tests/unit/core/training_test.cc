#include "core/training.h"

#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Scenario TwoQuestions() {
  return {.id = "sample",
          .title = "Sample",
          .request = {.jurisdiction = "US-CA"},
          .decisions = {{.id = "handling",
                         .question = "What now?",
                         .choices = {{"register", "Register it"},
                                     {"direct", "Tell them how"},
                                     {"ignore", "Ignore it"}},
                         .accepted = {"register", "direct"},
                         .points = 2,
                         .explanation = "§7020(e)"},
                        {.id = "respond-by",
                         .question = "By when?",
                         .kind = DecisionKind::kDate,
                         .deadline = DeadlineKind::kRespond,
                         .explanation = "45 days"}}};
}

ExpectedDates Dates() {
  return {.respond = Date{year(2026), month(12), day(10)},
          .extended = Date{year(2027), month(1), day(24)}};
}

TEST(TrainingTest, EveryAcceptedAnswerScoresItsPoints) {
  Scenario s = TwoQuestions();
  ASSERT_TRUE(ValidateScenario(s));
  EXPECT_EQ(s.MaxScore(), 3);
  for (const char* handling : {"register", "direct"}) {
    auto score = ScoreAnswers(s, {{"handling", handling}, {"respond-by", "2026-12-10"}}, Dates());
    ASSERT_TRUE(score) << score.error().message();
    EXPECT_EQ(score->score, 3);
    EXPECT_EQ(score->max_score, 3);
    EXPECT_TRUE(score->results[0].correct);
    EXPECT_EQ(score->results[0].expected, "Register it or Tell them how");
    EXPECT_EQ(score->results[1].expected, "2026-12-10");
  }
}

TEST(TrainingTest, AWrongAnswerLosesExactlyItsPoints) {
  Scenario s = TwoQuestions();
  auto wrong_choice =
      ScoreAnswers(s, {{"handling", "ignore"}, {"respond-by", "2026-12-10"}}, Dates());
  ASSERT_TRUE(wrong_choice);
  EXPECT_EQ(wrong_choice->score, 1);
  EXPECT_FALSE(wrong_choice->results[0].correct);
  auto wrong_date =
      ScoreAnswers(s, {{"handling", "direct"}, {"respond-by", "2026-12-11"}}, Dates());
  ASSERT_TRUE(wrong_date);
  EXPECT_EQ(wrong_date->score, 2);
  EXPECT_FALSE(wrong_date->results[1].correct);
  EXPECT_EQ(wrong_date->results[1].given, "2026-12-11");
}

TEST(TrainingTest, MalformedOrMissingAnswersAreRefusedNotScored) {
  Scenario s = TwoQuestions();
  auto missing = ScoreAnswers(s, {{"handling", "direct"}}, Dates());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kInvalidArgument);
  auto unknown_choice =
      ScoreAnswers(s, {{"handling", "shrug"}, {"respond-by", "2026-12-10"}}, Dates());
  ASSERT_FALSE(unknown_choice);
  EXPECT_EQ(unknown_choice.error().code(), ErrorCode::kInvalidArgument);
  auto not_a_date =
      ScoreAnswers(s, {{"handling", "direct"}, {"respond-by", "10/12/2026"}}, Dates());
  ASSERT_FALSE(not_a_date);
  EXPECT_EQ(not_a_date.error().code(), ErrorCode::kInvalidArgument);
  auto extra = ScoreAnswers(
      s, {{"handling", "direct"}, {"respond-by", "2026-12-10"}, {"bonus", "x"}}, Dates());
  ASSERT_FALSE(extra);
  EXPECT_EQ(extra.error().code(), ErrorCode::kInvalidArgument);
}

TEST(TrainingTest, ADateTheRulesDoNotGiveIsTheScenariosFault) {
  Scenario s = TwoQuestions();
  s.decisions[1].deadline = DeadlineKind::kAcknowledge;
  auto score = ScoreAnswers(s, {{"handling", "direct"}, {"respond-by", "2026-12-10"}}, Dates());
  ASSERT_FALSE(score);
  EXPECT_EQ(score.error().code(), ErrorCode::kFailedPrecondition);
}

TEST(TrainingTest, ValidationNamesTheFault) {
  Scenario s = TwoQuestions();
  s.decisions[0].accepted = {"approve"};
  auto bad_accept = ValidateScenario(s);
  ASSERT_FALSE(bad_accept);
  EXPECT_NE(bad_accept.error().message().find("'approve' is not one of its choices"),
            std::string::npos);
  s = TwoQuestions();
  s.decisions[1].id = "handling";
  EXPECT_FALSE(ValidateScenario(s));
  s = TwoQuestions();
  s.decisions[0].choices.resize(1);
  s.decisions[0].accepted = {"register"};
  EXPECT_FALSE(ValidateScenario(s));
  s = TwoQuestions();
  s.decisions[1].choices = {{"a", "A"}, {"b", "B"}};
  EXPECT_FALSE(ValidateScenario(s));
  s = TwoQuestions();
  s.decisions.clear();
  EXPECT_FALSE(ValidateScenario(s));
  s = TwoQuestions();
  s.id = "Bad Id";
  EXPECT_FALSE(ValidateScenario(s));
}

TEST(TrainingTest, TheLibraryKeepsOneScenarioPerIdInOrder) {
  ScenarioLibrary library;
  Scenario b = TwoQuestions();
  b.id = "b";
  Scenario a = TwoQuestions();
  a.id = "a";
  ASSERT_TRUE(library.Add(b));
  ASSERT_TRUE(library.Add(a));
  auto again = library.Add(a);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
  ASSERT_EQ(library.all().size(), 2u);
  EXPECT_EQ(library.all()[0].id, "a");
  EXPECT_NE(library.Find("b"), nullptr);
  EXPECT_EQ(library.Find("c"), nullptr);
}

}  // namespace
}  // namespace rightsdesk
