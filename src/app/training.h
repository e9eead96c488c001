// Training mode (issue 7 item 5, docs/training.md): staff work the scenarios of the library in
// the console, apart from real requests, and are scored against the expected decisions.
//
// - Starting an attempt fixes its synthetic request's day 0 (today in the jurisdiction's time
//   zone, less the scenario's `received_days_ago`), so the dates asked are those of the day the
//   trainee works it; the expected dates come from the rules in force (Ruleset::DeadlinesFor).
// - An attempt is answered once; the answers, the score and the scenario's version are kept.
// - Starting and scoring are audit events ("training.started", "training.scored") with the
//   attempt, the scenario and the score: no consumer's data is involved, the trainee is the actor.
// - Nothing here touches the request store, the outbox or a data source.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/services.h"
#include "core/training.h"
#include "store/training_store.h"

namespace rightsdesk::app {

struct TrainingWorkspace {
  const ScenarioLibrary& scenarios;
  store::TrainingStore& attempts;
};

// Starts `staff`'s attempt at the scenario. kNotFound for an unknown scenario; kNotFound too when
// the rules have no deadline for its request (a scenario out of step with the rules).
Result<store::TrainingAttempt> StartTraining(const Services& services,
                                             const TrainingWorkspace& workspace,
                                             std::string_view staff, std::string_view scenario_id);

// An attempt with its scenario, and once scored, the result of each decision.
struct TrainingCase {
  const Scenario* scenario = nullptr;
  store::TrainingAttempt attempt;
  ExpectedDates dates;                 // what the rules give the synthetic request
  std::optional<TrainingScore> score;  // set once the attempt is finished
  // The scenario changed its expected decisions since the attempt started: it can no longer be
  // answered (its record keeps the score it had, if any).
  bool outdated = false;
};

// The attempt `attempt_id` as `viewer` may see it: their own, or anyone's when `read_all`.
// kNotFound for an unknown attempt or one of another trainee without `read_all` (alike), or when
// its scenario left the library.
Result<TrainingCase> OpenTraining(const Services& services, const TrainingWorkspace& workspace,
                                  std::string_view attempt_id, std::string_view viewer,
                                  bool read_all);

// Scores and records `staff`'s answers to their attempt. kNotFound as OpenTraining (only the
// trainee may answer); kInvalidArgument for incomplete or malformed answers (nothing is kept);
// kFailedPrecondition when the scenario changed since the attempt started; kAlreadyExists when
// the attempt was answered before.
Result<TrainingCase> SubmitTraining(const Services& services, const TrainingWorkspace& workspace,
                                    std::string_view attempt_id, std::string_view staff,
                                    const std::map<std::string, std::string>& answers);

// The training records (§7100 evidence): every attempt, newest first, or `staff`'s only.
Result<std::vector<store::TrainingAttempt>> TrainingRecords(const TrainingWorkspace& workspace,
                                                            std::string_view staff = {},
                                                            std::size_t limit = 100000);

// The records as CSV (a header, then one row per attempt: id, staff, scenario, title, version,
// started, finished, score, max score, percent) and as JSON (an array of objects of the same
// fields). Text cells are guarded against spreadsheet formulas.
std::string TrainingRecordsCsv(const std::vector<store::TrainingAttempt>& records,
                               const ScenarioLibrary& scenarios);
nlohmann::json TrainingRecordsJson(const std::vector<store::TrainingAttempt>& records,
                                   const ScenarioLibrary& scenarios);

}  // namespace rightsdesk::app
