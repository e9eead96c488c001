#include "app/training.h"

#include "fulfil/package_files.h"

namespace rightsdesk::app {
namespace {

// As app::ActorOf names a staff member in the trail.
constexpr std::string_view kTrainingActorPrefix = "user:";

Result<Date> TrainingDayZero(const Services& services, const Scenario& scenario) {
  auto zone = services.ruleset.TimeZoneFor(scenario.request.jurisdiction);
  if (!zone) return std::unexpected(zone.error());
  auto today = services.zones.LocalDate(*zone, services.clock.Now());
  if (!today) return std::unexpected(today.error());
  return Date(std::chrono::sys_days(*today) -
              std::chrono::days(scenario.request.received_days_ago));
}

Result<ExpectedDates> TrainingDatesOf(const Services& services, const Scenario& scenario,
                                      Date day0) {
  auto deadlines =
      services.ruleset.DeadlinesFor(scenario.request.jurisdiction, scenario.request.type, day0);
  if (!deadlines) {
    return std::unexpected(deadlines.error().WithContext("scenario '" + scenario.id + "'"));
  }
  return ExpectedDatesOf(*deadlines);
}

AuditEventDraft TrainingEvent(const Services& services, std::string_view staff,
                              std::string_view action, const store::TrainingAttempt& attempt) {
  return {.actor = std::string(kTrainingActorPrefix) + std::string(staff),
          .action = std::string(action),
          .at = services.clock.Now(),
          .details = {{"attempt", attempt.id},
                      {"scenario", attempt.scenario},
                      {"version", attempt.scenario_version}}};
}

std::string TrainingPercent(int score, int max_score) {
  if (max_score <= 0) return "";
  return std::to_string((score * 100 + max_score / 2) / max_score);
}

}  // namespace

Result<store::TrainingAttempt> StartTraining(const Services& services,
                                             const TrainingWorkspace& workspace,
                                             std::string_view staff, std::string_view scenario_id) {
  const Scenario* scenario = workspace.scenarios.Find(scenario_id);
  if (scenario == nullptr) return Fail(ErrorCode::kNotFound, "no such training scenario");
  auto day0 = TrainingDayZero(services, *scenario);
  if (!day0) return std::unexpected(day0.error().WithContext("starting '" + scenario->id + "'"));
  if (auto dates = TrainingDatesOf(services, *scenario, *day0); !dates) {
    return std::unexpected(dates.error());
  }
  store::TrainingAttempt attempt{.id = "tr_" + NewUuid(services.random),
                                 .staff = std::string(staff),
                                 .scenario = scenario->id,
                                 .scenario_version = scenario->version,
                                 .started_at = services.clock.Now(),
                                 .received_on = *day0,
                                 .max_score = scenario->MaxScore()};
  auto started = workspace.attempts.StartAttempt(
      attempt, TrainingEvent(services, staff, "training.started", attempt));
  if (!started) return std::unexpected(started.error().WithContext("starting a training attempt"));
  return attempt;
}

Result<TrainingCase> OpenTraining(const Services& services, const TrainingWorkspace& workspace,
                                  std::string_view attempt_id, std::string_view viewer,
                                  bool read_all) {
  auto attempt = workspace.attempts.FindAttempt(attempt_id);
  if (!attempt) return std::unexpected(attempt.error());
  if (!read_all && attempt->staff != viewer) {
    return Fail(ErrorCode::kNotFound, "no such training attempt");
  }
  TrainingCase c{.scenario = workspace.scenarios.Find(attempt->scenario),
                 .attempt = std::move(*attempt)};
  if (c.scenario == nullptr) {
    return Fail(ErrorCode::kNotFound,
                "the scenario '" + c.attempt.scenario + "' is no longer in the library");
  }
  c.outdated = c.scenario->version != c.attempt.scenario_version;
  auto dates = TrainingDatesOf(services, *c.scenario, c.attempt.received_on);
  if (!dates) return std::unexpected(dates.error());
  c.dates = *dates;
  if (c.attempt.finished() && !c.outdated) {
    auto score = ScoreAnswers(*c.scenario, c.attempt.answers, c.dates);
    if (score) c.score = std::move(*score);
  }
  return c;
}

Result<TrainingCase> SubmitTraining(const Services& services, const TrainingWorkspace& workspace,
                                    std::string_view attempt_id, std::string_view staff,
                                    const std::map<std::string, std::string>& answers) {
  auto opened = OpenTraining(services, workspace, attempt_id, staff, false);
  if (!opened) return std::unexpected(opened.error());
  TrainingCase c = std::move(*opened);
  if (c.attempt.finished())
    return Fail(ErrorCode::kAlreadyExists, "this attempt was already scored");
  if (c.outdated) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the scenario changed since this attempt started: start it again");
  }
  auto score = ScoreAnswers(*c.scenario, answers, c.dates);
  if (!score) return std::unexpected(score.error());
  Instant now = services.clock.Now();
  AuditEventDraft scored = TrainingEvent(services, staff, "training.scored", c.attempt);
  scored.details["score"] = score->score;
  scored.details["max_score"] = score->max_score;
  auto finished = workspace.attempts.FinishAttempt(c.attempt.id, answers, score->score,
                                                   score->max_score, now, scored);
  if (!finished) return std::unexpected(finished.error());
  c.attempt.finished_at = now;
  c.attempt.answers = answers;
  c.attempt.score = score->score;
  c.attempt.max_score = score->max_score;
  c.score = std::move(*score);
  return c;
}

Result<std::vector<store::TrainingAttempt>> TrainingRecords(const TrainingWorkspace& workspace,
                                                            std::string_view staff,
                                                            std::size_t limit) {
  return workspace.attempts.Attempts(staff, limit);
}

std::string TrainingRecordsCsv(const std::vector<store::TrainingAttempt>& records,
                               const ScenarioLibrary& scenarios) {
  using fulfil::CsvCell;
  std::string out =
      "attempt,staff,scenario,title,version,started_at,finished_at,score,max_score,percent\r\n";
  for (const store::TrainingAttempt& a : records) {
    const Scenario* s = scenarios.Find(a.scenario);
    std::vector<std::string> cells = {CsvCell(a.id),
                                      CsvCell(a.staff),
                                      CsvCell(a.scenario),
                                      CsvCell(s != nullptr ? s->title : ""),
                                      std::to_string(a.scenario_version),
                                      FormatInstant(a.started_at),
                                      a.finished_at ? FormatInstant(*a.finished_at) : "",
                                      a.finished() ? std::to_string(a.score) : "",
                                      std::to_string(a.max_score),
                                      a.finished() ? TrainingPercent(a.score, a.max_score) : ""};
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i == 0 ? "" : ",") + cells[i];
    out += "\r\n";
  }
  return out;
}

nlohmann::json TrainingRecordsJson(const std::vector<store::TrainingAttempt>& records,
                                   const ScenarioLibrary& scenarios) {
  nlohmann::json rows = nlohmann::json::array();
  for (const store::TrainingAttempt& a : records) {
    const Scenario* s = scenarios.Find(a.scenario);
    nlohmann::json row = {{"attempt", a.id},
                          {"staff", a.staff},
                          {"scenario", a.scenario},
                          {"title", s != nullptr ? s->title : ""},
                          {"version", a.scenario_version},
                          {"started_at", FormatInstant(a.started_at)},
                          {"finished_at", nullptr},
                          {"score", nullptr},
                          {"max_score", a.max_score}};
    if (a.finished_at) {
      row["finished_at"] = FormatInstant(*a.finished_at);
      row["score"] = a.score;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace rightsdesk::app
