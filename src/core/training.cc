#include "core/training.h"

#include <algorithm>
#include <set>

namespace rightsdesk {
namespace {

bool IsScenarioIdText(std::string_view id) {
  if (id.empty() || id.size() > 60) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

Result<void> ValidateScenarioDecision(const ScenarioDecision& d, const std::string& where) {
  if (!IsScenarioIdText(d.id))
    return Fail(ErrorCode::kInvalidArgument, where + ": id is not [a-z0-9_-]");
  if (d.question.empty()) return Fail(ErrorCode::kInvalidArgument, where + ": question is empty");
  if (d.points < 1 || d.points > 10) {
    return Fail(ErrorCode::kInvalidArgument, where + ": points must be 1 to 10");
  }
  if (d.kind == DecisionKind::kDate) {
    if (!d.choices.empty() || !d.accepted.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  where + ": a date decision has no choices (its answer is computed)");
    }
    return {};
  }
  if (d.choices.size() < 2) {
    return Fail(ErrorCode::kInvalidArgument, where + ": a choice needs two or more choices");
  }
  std::set<std::string, std::less<>> ids;
  for (const ScenarioChoice& c : d.choices) {
    if (!IsScenarioIdText(c.id) || c.label.empty() || !ids.insert(c.id).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  where + ": choice '" + c.id + "' needs a unique [a-z0-9_-] id and a label");
    }
  }
  if (d.accepted.empty()) {
    return Fail(ErrorCode::kInvalidArgument, where + ": no accepted answer");
  }
  for (const std::string& a : d.accepted) {
    if (!ids.contains(a)) {
      return Fail(ErrorCode::kInvalidArgument,
                  where + ": accepted answer '" + a + "' is not one of its choices");
    }
  }
  return {};
}

std::optional<Date> ScenarioDateFor(DeadlineKind kind, const ExpectedDates& dates) {
  switch (kind) {
    case DeadlineKind::kAcknowledge:
      return dates.acknowledge;
    case DeadlineKind::kRespond:
      return dates.respond;
    case DeadlineKind::kExtended:
      return dates.extended;
  }
  return std::nullopt;
}

std::string ScenarioAcceptedLabels(const ScenarioDecision& d) {
  std::string text;
  for (const std::string& id : d.accepted) {
    const ScenarioChoice* c = d.FindChoice(id);
    text += (text.empty() ? "" : " or ") + (c != nullptr ? c->label : id);
  }
  return text;
}

Result<DecisionResult> ScoreDecision(const ScenarioDecision& d, const std::string& given,
                                     const ExpectedDates& dates) {
  DecisionResult result{.decision = &d, .given = given};
  if (d.kind == DecisionKind::kChoice) {
    if (d.FindChoice(given) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "'" + d.id + "': not one of its choices");
    }
    result.correct = std::find(d.accepted.begin(), d.accepted.end(), given) != d.accepted.end();
    result.expected = ScenarioAcceptedLabels(d);
    return result;
  }
  auto expected = ScenarioDateFor(d.deadline, dates);
  if (!expected) {
    return Fail(ErrorCode::kFailedPrecondition, "'" + d.id + "': the rules give this request no " +
                                                    std::string(Name(d.deadline)) + " date");
  }
  auto answered = ParseDate(given);
  if (!answered) {
    return Fail(ErrorCode::kInvalidArgument, "'" + d.id + "': answer with a date, YYYY-MM-DD");
  }
  result.correct = *answered == *expected;
  result.expected = FormatDate(*expected);
  return result;
}

}  // namespace

const ScenarioChoice* ScenarioDecision::FindChoice(std::string_view choice_id) const {
  for (const ScenarioChoice& c : choices) {
    if (c.id == choice_id) return &c;
  }
  return nullptr;
}

int Scenario::MaxScore() const {
  int total = 0;
  for (const ScenarioDecision& d : decisions) total += d.points;
  return total;
}

Result<void> ValidateScenario(const Scenario& s) {
  const std::string where = "scenario '" + s.id + "'";
  if (!IsScenarioIdText(s.id))
    return Fail(ErrorCode::kInvalidArgument, where + ": id is not [a-z0-9_-]");
  if (s.version < 1)
    return Fail(ErrorCode::kInvalidArgument, where + ": version must be 1 or more");
  if (s.title.empty()) return Fail(ErrorCode::kInvalidArgument, where + ": title is empty");
  if (s.request.jurisdiction.empty()) {
    return Fail(ErrorCode::kInvalidArgument, where + ": request.jurisdiction is empty");
  }
  if (s.request.received_days_ago < 0 || s.request.received_days_ago > 3650) {
    return Fail(ErrorCode::kInvalidArgument, where + ": received_days_ago must be 0 to 3650");
  }
  if (s.decisions.empty()) return Fail(ErrorCode::kInvalidArgument, where + ": no decisions");
  std::set<std::string, std::less<>> ids;
  for (const ScenarioDecision& d : s.decisions) {
    if (!ids.insert(d.id).second) {
      return Fail(ErrorCode::kInvalidArgument, where + ": decision '" + d.id + "' twice");
    }
    if (auto ok = ValidateScenarioDecision(d, where + ": decision '" + d.id + "'"); !ok) return ok;
  }
  return {};
}

ExpectedDates ExpectedDatesOf(const Deadlines& deadlines) {
  return {.acknowledge = deadlines.acknowledge_by,
          .respond = deadlines.respond_by,
          .extended = deadlines.extended_respond_by};
}

Result<TrainingScore> ScoreAnswers(const Scenario& scenario,
                                   const std::map<std::string, std::string>& answers,
                                   const ExpectedDates& dates) {
  for (const auto& [id, answer] : answers) {
    bool known = std::any_of(scenario.decisions.begin(), scenario.decisions.end(),
                             [&](const ScenarioDecision& d) { return d.id == id; });
    if (!known) return Fail(ErrorCode::kInvalidArgument, "'" + id + "' is not a question here");
  }
  TrainingScore score{.max_score = scenario.MaxScore()};
  for (const ScenarioDecision& d : scenario.decisions) {
    auto answer = answers.find(d.id);
    if (answer == answers.end() || answer->second.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "answer every question: '" + d.id + "' is not");
    }
    auto result = ScoreDecision(d, answer->second, dates);
    if (!result) return std::unexpected(result.error());
    if (result->correct) score.score += d.points;
    score.results.push_back(std::move(*result));
  }
  return score;
}

Result<void> ScenarioLibrary::Add(Scenario scenario) {
  if (Find(scenario.id) != nullptr) {
    return Fail(ErrorCode::kAlreadyExists, "scenario '" + scenario.id + "' is defined twice");
  }
  auto at = std::lower_bound(scenarios_.begin(), scenarios_.end(), scenario.id,
                             [](const Scenario& s, const std::string& id) { return s.id < id; });
  scenarios_.insert(at, std::move(scenario));
  return {};
}

const Scenario* ScenarioLibrary::Find(std::string_view id) const {
  for (const Scenario& s : scenarios_) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

std::string_view Name(DeadlineKind kind) {
  switch (kind) {
    case DeadlineKind::kAcknowledge:
      return "acknowledge";
    case DeadlineKind::kRespond:
      return "respond";
    case DeadlineKind::kExtended:
      return "extended";
  }
  return "respond";
}

std::optional<DeadlineKind> ParseDeadlineKind(std::string_view name) {
  for (DeadlineKind k :
       {DeadlineKind::kAcknowledge, DeadlineKind::kRespond, DeadlineKind::kExtended}) {
    if (Name(k) == name) return k;
  }
  return std::nullopt;
}

}  // namespace rightsdesk
