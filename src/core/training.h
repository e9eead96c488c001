// Training scenarios (issue 7 item 5, docs/training.md): a case a trainee works in the console's
// training mode — a synthetic request and consumer, what the company's records hold, the facts
// staff would find — and the decisions it asks for, each with the answers that are right and why.
// A decision is either a choice among options or a date that the rules compute (the day to
// acknowledge or respond by): the expected date is never written in the scenario but computed
// from the rules in force, so a scenario stays right when a calendar or a rule changes.
// Scenarios are data kept in the repo (training/scenarios/*.toml); this file holds their shape,
// their checks and the scoring. Pure: no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/deadlines.h"
#include "core/error.h"
#include "core/request_type.h"

namespace rightsdesk {

// A person as the consumer gave it, or as the company's records hold it ("" = not given / held).
struct ScenarioPerson {
  std::string name;
  std::string email;
  std::string phone;
  std::string address;
  std::string account_id;
  std::string birth_date;
};

struct ScenarioAgent {
  std::string name;
  std::string email;
  std::string authorization;  // what the agent sent as proof, in words
};

struct ScenarioRequest {
  RequestType type = RequestType::kAccess;
  std::string jurisdiction;  // a rules jurisdiction ("US-CA")
  std::string channel;       // how it came in, in words ("email to the support desk")
  // Day 0 is this many days before the day the trainee starts: a deadline "about to pass" stays
  // about to pass whenever the scenario is worked.
  int received_days_ago = 0;
  std::string message;
  ScenarioPerson consumer;
  std::optional<ScenarioAgent> agent;
};

enum class DecisionKind { kChoice, kDate };
enum class DeadlineKind { kAcknowledge, kRespond, kExtended };

struct ScenarioChoice {
  std::string id;
  std::string label;
};

struct ScenarioDecision {
  std::string id;
  std::string question;
  DecisionKind kind = DecisionKind::kChoice;
  std::vector<ScenarioChoice> choices;  // kChoice
  std::vector<std::string> accepted;    // kChoice: the choice ids that are right (one or more)
  DeadlineKind deadline = DeadlineKind::kRespond;  // kDate: the date the answer must be
  int points = 1;
  std::string explanation;  // shown after scoring: the rule and why
  const ScenarioChoice* FindChoice(std::string_view choice_id) const;
};

struct Scenario {
  std::string id;   // [a-z0-9-]+, the file's name
  int version = 1;  // raised whenever the expected decisions change (records name the version)
  std::string title;
  std::string summary;
  ScenarioRequest request;
  ScenarioPerson records;          // what the company's systems hold about the consumer
  std::vector<std::string> facts;  // what staff find while working the case
  std::vector<ScenarioDecision> decisions;
  int MaxScore() const;
};

// The shape a scenario must have: ids spelled and unique, every choice decision with two or more
// choices and its accepted answers among them, points 1–10, days ago 0–3650, at least one
// decision. kInvalidArgument naming the scenario and the first fault.
Result<void> ValidateScenario(const Scenario& scenario);

// The dates the rules give the scenario's request, received on its day 0.
struct ExpectedDates {
  std::optional<Date> acknowledge;
  std::optional<Date> respond;
  std::optional<Date> extended;
};
ExpectedDates ExpectedDatesOf(const Deadlines& deadlines);

struct DecisionResult {
  const ScenarioDecision* decision = nullptr;
  std::string given;  // the trainee's answer: a choice id or a date
  bool correct = false;
  std::string expected;  // the right answer(s) in words: choice labels, or the date
};

struct TrainingScore {
  std::vector<DecisionResult> results;  // in the scenario's order
  int score = 0;
  int max_score = 0;
};

// Scores `answers` (decision id → choice id or "YYYY-MM-DD"). kInvalidArgument when a decision is
// unanswered, an answer is not one of its choices or not a date, or an answer names no decision;
// kFailedPrecondition when a date decision asks for a deadline the rules do not give this request
// (e.g. an acknowledgment for an opt-out).
Result<TrainingScore> ScoreAnswers(const Scenario& scenario,
                                   const std::map<std::string, std::string>& answers,
                                   const ExpectedDates& dates);

// The scenarios a training workspace offers, in a stable order (by id).
class ScenarioLibrary {
 public:
  // Adds a scenario; kAlreadyExists when one has its id.
  Result<void> Add(Scenario scenario);
  const Scenario* Find(std::string_view id) const;
  const std::vector<Scenario>& all() const { return scenarios_; }

 private:
  std::vector<Scenario> scenarios_;
};

std::string_view Name(DeadlineKind kind);
std::optional<DeadlineKind> ParseDeadlineKind(std::string_view name);

}  // namespace rightsdesk
