// The scenario library kept in the repo (training/scenarios/*.toml) read as a test runner reads
// it: every scenario loads, its expected answers score full marks under the shipped rules, and
// every wrong answer loses exactly that decision's points. A compliance person who adds a file
// gets it checked here without writing C++. Also the shipped playbooks, and the loaders' errors.
#include <gtest/gtest.h>

#include <set>

#include "config/playbook_loader.h"
#include "config/rules_loader.h"
#include "config/scenario_loader.h"

namespace rightsdesk::config {
namespace {

// A Monday well inside every shipped rule's effective period.
const Date kDayZero = *ParseDate("2026-11-02");

std::map<std::string, std::string> RightAnswers(const Scenario& s, const ExpectedDates& dates) {
  std::map<std::string, std::string> answers;
  for (const ScenarioDecision& d : s.decisions) {
    if (d.kind == DecisionKind::kChoice) {
      answers[d.id] = d.accepted.front();
      continue;
    }
    std::optional<Date> date = d.deadline == DeadlineKind::kAcknowledge ? dates.acknowledge
                               : d.deadline == DeadlineKind::kRespond   ? dates.respond
                                                                        : dates.extended;
    answers[d.id] = date ? FormatDate(*date) : "";
  }
  return answers;
}

std::string WrongAnswer(const ScenarioDecision& d, const std::string& right) {
  if (d.kind == DecisionKind::kDate) {
    return FormatDate(Date(std::chrono::sys_days(*ParseDate(right)) + std::chrono::days(1)));
  }
  for (const ScenarioChoice& c : d.choices) {
    if (std::find(d.accepted.begin(), d.accepted.end(), c.id) == d.accepted.end()) return c.id;
  }
  return "";
}

TEST(TrainingLibraryTest, HoldsTheScenariosTheTrainingPolicyNeeds) {
  auto library = DefaultScenarios();
  ASSERT_TRUE(library) << library.error().message();
  std::set<std::string> ids;
  for (const Scenario& s : library->all()) ids.insert(s.id);
  for (const char* needed :
       {"clean-access", "deletion-legal-exception", "fraudulent-agent", "minor-under-16",
        "two-point-identity", "wrong-channel", "deadline-about-to-pass"}) {
    EXPECT_TRUE(ids.contains(needed)) << needed;
  }
}

TEST(TrainingLibraryTest, EveryScenarioScoresFullMarksOnlyWithTheExpectedDecisions) {
  auto library = DefaultScenarios();
  auto rules = DefaultRuleset();
  ASSERT_TRUE(library && rules);
  for (const Scenario& s : library->all()) {
    SCOPED_TRACE(s.id);
    auto deadlines = rules->DeadlinesFor(s.request.jurisdiction, s.request.type, kDayZero);
    ASSERT_TRUE(deadlines) << deadlines.error().message();
    ExpectedDates dates = ExpectedDatesOf(*deadlines);
    auto right = RightAnswers(s, dates);
    auto full = ScoreAnswers(s, right, dates);
    ASSERT_TRUE(full) << full.error().message();
    EXPECT_EQ(full->score, s.MaxScore());
    EXPECT_GE(s.decisions.size(), 2u) << "a scenario asks at least two decisions";
    for (const ScenarioDecision& d : s.decisions) {
      SCOPED_TRACE(d.id);
      EXPECT_FALSE(d.explanation.empty());
      auto answers = right;
      answers[d.id] = WrongAnswer(d, right[d.id]);
      ASSERT_FALSE(answers[d.id].empty()) << "every choice is accepted: nothing to get wrong";
      auto wrong = ScoreAnswers(s, answers, dates);
      ASSERT_TRUE(wrong) << wrong.error().message();
      EXPECT_EQ(wrong->score, s.MaxScore() - d.points);
    }
  }
}

TEST(TrainingLibraryTest, TheDeadlineScenarioIsAboutToPass) {
  auto library = DefaultScenarios();
  auto rules = DefaultRuleset();
  ASSERT_TRUE(library && rules);
  const Scenario* s = library->Find("deadline-about-to-pass");
  ASSERT_NE(s, nullptr);
  Date day0 =
      Date(std::chrono::sys_days(kDayZero) - std::chrono::days(s->request.received_days_ago));
  auto deadlines = rules->DeadlinesFor(s->request.jurisdiction, s->request.type, day0);
  ASSERT_TRUE(deadlines);
  auto left = std::chrono::sys_days(deadlines->respond_by) - std::chrono::sys_days(kDayZero);
  EXPECT_GE(left.count(), 0);
  EXPECT_LE(left.count(), 3);
}

TEST(TrainingLibraryTest, ThereIsAPlaybookForEveryRequestType) {
  auto playbooks = DefaultPlaybooks();
  ASSERT_TRUE(playbooks) << playbooks.error().message();
  for (RequestType type : kAllRequestTypes) {
    const Playbook* p = playbooks->For(type);
    ASSERT_NE(p, nullptr) << Name(type);
    EXPECT_GE(p->steps.size(), 3u);
    // A request's checklist ends with its closing, which only the work itself can prove.
    EXPECT_FALSE(p->steps.back().manual()) << Name(type);
  }
}

Result<Scenario> LoadText(const std::string& text) {
  auto doc = ParseToml(text, "mine.toml");
  if (!doc) return std::unexpected(doc.error());
  return LoadScenario(*doc, "mine.toml");
}

const char* kMinimal = R"(
id = "mine"
title = "Mine"
[request]
type = "delete"
jurisdiction = "US-CA"
channel = "web"
[[decision]]
id = "q"
question = "Q?"
choices = [{ id = "a", label = "A" }, { id = "b", label = "B" }]
accepted = ["a"]
explanation = "Because."
)";

TEST(ScenarioLoaderTest, AMinimalScenarioLoads) {
  auto s = LoadText(kMinimal);
  ASSERT_TRUE(s) << s.error().message();
  EXPECT_EQ(s->request.type, RequestType::kDelete);
  EXPECT_EQ(s->version, 1);
  EXPECT_EQ(s->MaxScore(), 1);
}

TEST(ScenarioLoaderTest, ErrorsNameTheFileAndTheField) {
  struct Case {
    std::string text;
    std::string expected;
  };
  std::string base = kMinimal;
  std::vector<Case> cases = {
      {base + "surprise = 1\n", "surprise"},
      {std::string(kMinimal).replace(base.find("\"delete\""), 8, "\"erase\""), "'erase'"},
      {base.substr(0, base.find("[request]")), "[request] is required"},
      {base + "[[decision]]\nid = \"d\"\nquestion = \"When?\"\nkind = \"date\"\n"
              "deadline = \"someday\"\nexplanation = \"x\"\n",
       "deadline must be"},
      {base + "[[decision]]\nid = \"e\"\nquestion = \"E?\"\nchoices = [{ id = \"x\", label = \"X\" "
              "}]\n"
              "accepted = [\"x\"]\n",
       "explanation"},
  };
  for (const Case& c : cases) {
    auto s = LoadText(c.text);
    ASSERT_FALSE(s) << c.text;
    EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(s.error().message().find("mine.toml"), std::string::npos) << s.error().message();
    EXPECT_NE(s.error().message().find(c.expected), std::string::npos) << s.error().message();
  }
}

TEST(PlaybookLoaderTest, AStepNeedsAnIdATitleAndAnActionToMatch) {
  auto load = [](const std::string& text) -> Result<Playbooks> {
    auto doc = ParseToml(text, "book.toml");
    if (!doc) return std::unexpected(doc.error());
    Playbooks p;
    if (auto done = LoadPlaybooks(*doc, "book.toml", p); !done) {
      return std::unexpected(done.error());
    }
    return p;
  };
  const std::string head = "[[playbook]]\ntype = \"limit\"\ntitle = \"Limit\"\n[[playbook.step]]\n";
  ASSERT_TRUE(load(head + "id = \"a\"\ntitle = \"A\"\n"));
  auto no_action = load(head + "id = \"a\"\ntitle = \"A\"\ndone_when = [{ kind = \"x\" }]\n");
  ASSERT_FALSE(no_action);
  EXPECT_NE(no_action.error().message().find("needs an action"), std::string::npos);
  auto bad_id = load(head + "id = \"A B\"\ntitle = \"A\"\n");
  ASSERT_FALSE(bad_id);
  EXPECT_NE(bad_id.error().message().find("book.toml"), std::string::npos);
  auto twice =
      load(head + "id = \"a\"\ntitle = \"A\"\n[[playbook.step]]\nid = \"a\"\ntitle = \"B\"\n");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message().find("twice"), std::string::npos);
  auto no_steps = load("[[playbook]]\ntype = \"limit\"\ntitle = \"Limit\"\n");
  EXPECT_FALSE(no_steps);
}

}  // namespace
}  // namespace rightsdesk::config
