// The console's training mode (app/training.h, docs/training.md): the scenario library, a
// trainee's attempts, an attempt's case with its decisions, the scored result with the rule behind
// each answer, and the training records. Everyone who may sign in may train; the records of all
// trainees are for admins and auditors (Permission::kReadRecords), a trainee sees their own.
#include <expected>

#include "app/training.h"
#include "http/console/console.h"
#include "http/html/page_response.h"
#include "http/responses.h"

namespace rightsdesk::http::console {
namespace {

using nlohmann::json;

constexpr std::string_view kAnswerPrefix = "answer_";
constexpr std::size_t kAttemptsShown = 200;

std::optional<app::TrainingWorkspace> WorkspaceOf(const ApiContext& api) {
  if (api.scenarios == nullptr || api.training == nullptr) return std::nullopt;
  return app::TrainingWorkspace{.scenarios = *api.scenarios, .attempts = *api.training};
}

Response NoTrainingResponse() {
  return ProblemFor(Error(ErrorCode::kNotFound, "training mode is not set up"));
}

std::string ScoreText(const store::TrainingAttempt& a) {
  if (!a.finished()) return "not answered yet";
  return std::to_string(a.score) + " / " + std::to_string(a.max_score);
}

json AttemptRows(const std::vector<store::TrainingAttempt>& attempts,
                 const ScenarioLibrary& scenarios) {
  json rows = json::array();
  for (const store::TrainingAttempt& a : attempts) {
    const Scenario* s = scenarios.Find(a.scenario);
    rows.push_back({{"id", a.id},
                    {"staff", a.staff},
                    {"title", s != nullptr ? s->title : a.scenario},
                    {"version", a.scenario_version},
                    {"started", FormatInstant(a.started_at).substr(0, 16)},
                    {"finished", a.finished_at ? FormatInstant(*a.finished_at).substr(0, 16) : ""},
                    {"score", ScoreText(a)}});
  }
  return rows;
}

// The consumer as they wrote, beside what the records hold; a difference is flagged.
json CompareRows(const ScenarioPerson& given, const ScenarioPerson& held) {
  json rows = json::array();
  auto row = [&rows](const char* field, const std::string& g, const std::string& h) {
    if (g.empty() && h.empty()) return;
    rows.push_back({{"field", field},
                    {"given", g.empty() ? "—" : g},
                    {"held", h.empty() ? "—" : h},
                    {"differs", !g.empty() && !h.empty() && g != h}});
  };
  row("Name", given.name, held.name);
  row("Email", given.email, held.email);
  row("Phone", given.phone, held.phone);
  row("Postal address", given.address, held.address);
  row("Account", given.account_id, held.account_id);
  row("Birth date", given.birth_date, held.birth_date);
  return rows;
}

json DecisionRows(const app::TrainingCase& c, const std::map<std::string, std::string>& chosen) {
  json rows = json::array();
  for (const ScenarioDecision& d : c.scenario->decisions) {
    auto answer = chosen.find(d.id);
    const std::string given = answer == chosen.end() ? std::string() : answer->second;
    json choices = json::array();
    for (const ScenarioChoice& choice : d.choices) {
      choices.push_back({{"decision", d.id},
                         {"id", choice.id},
                         {"label", choice.label},
                         {"checked", choice.id == given}});
    }
    rows.push_back({{"id", d.id},
                    {"question", d.question},
                    {"is_date", d.kind == DecisionKind::kDate},
                    {"choices", std::move(choices)},
                    {"given", given},
                    {"points", d.points}});
  }
  return rows;
}

json ResultRows(const TrainingScore& score) {
  json rows = json::array();
  for (const DecisionResult& r : score.results) {
    const ScenarioChoice* chosen = r.decision->FindChoice(r.given);
    rows.push_back({{"question", r.decision->question},
                    {"given", chosen != nullptr ? chosen->label : r.given},
                    {"correct", r.correct},
                    {"expected", r.expected},
                    {"explanation", r.decision->explanation},
                    {"points", r.correct ? r.decision->points : 0},
                    {"of", r.decision->points}});
  }
  return rows;
}

json PlaybookRows(const ApiContext& api, RequestType type) {
  json steps = json::array();
  const Playbook* playbook = api.playbooks != nullptr ? api.playbooks->For(type) : nullptr;
  if (playbook == nullptr) return steps;
  for (const PlaybookStep& step : playbook->steps) {
    steps.push_back({{"title", step.title}, {"hint", step.hint}});
  }
  return steps;
}

json CaseContext(const ApiContext& api, const app::TrainingCase& c) {
  const Scenario& s = *c.scenario;
  json request = {{"type", Name(s.request.type)},
                  {"jurisdiction", s.request.jurisdiction},
                  {"channel", s.request.channel},
                  {"received_on", FormatDate(c.attempt.received_on)},
                  {"message", s.request.message}};
  if (s.request.agent) {
    request["agent"] = {{"name", s.request.agent->name},
                        {"email", s.request.agent->email},
                        {"authorization", s.request.agent->authorization}};
  }
  return {{"id", c.attempt.id},
          {"trainee", c.attempt.staff},
          {"title", s.title},
          {"summary", s.summary},
          {"version", c.attempt.scenario_version},
          {"request", std::move(request)},
          {"compare", CompareRows(s.request.consumer, s.records)},
          {"facts", s.facts},
          {"playbook", PlaybookRows(api, s.request.type)},
          {"finished", c.attempt.finished()},
          {"outdated", c.outdated}};
}

Response ShowAttempt(const ApiContext& api, const StaffCall& staff, const app::TrainingCase& c,
                     unsigned status, const std::map<std::string, std::string>& chosen,
                     const std::string& done, const std::string& error) {
  json context = BaseContext(api, "Training: " + c.scenario->title, &staff);
  context["case"] = CaseContext(api, c);
  context["can_answer"] =
      !c.attempt.finished() && !c.outdated && c.attempt.staff == staff.user.username;
  context["decisions"] = DecisionRows(c, chosen);
  if (c.score) {
    context["result"] = {{"score", c.score->score},
                         {"max_score", c.score->max_score},
                         {"rows", ResultRows(*c.score)}};
  } else if (c.attempt.finished()) {
    context["recorded_score"] = ScoreText(c.attempt);
  }
  if (!done.empty()) context["done"] = done;
  if (!error.empty()) context["error"] = error;
  return Page(api, status, "console_training_attempt", context);
}

// A training form's POST: the trainee, the form's fields once its CSRF token and origin check
// out, and the workspace; or the response instead.
struct TrainingPost {
  StaffCall staff;
  QueryParams fields;
  app::TrainingWorkspace workspace;
};

std::expected<TrainingPost, Response> ReadTrainingPost(const ApiContext& api,
                                                       const Request& request) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::unexpected(std::move(staff.error()));
  auto fields = ReadCheckedForm(request, *staff);
  if (!fields) return std::unexpected(std::move(fields.error()));
  auto workspace = WorkspaceOf(api);
  if (!workspace) return std::unexpected(NoTrainingResponse());
  return TrainingPost{
      .staff = std::move(*staff), .fields = std::move(*fields), .workspace = *workspace};
}

std::map<std::string, std::string> AnswersOf(const QueryParams& fields) {
  std::map<std::string, std::string> answers;
  for (const auto& [key, value] : fields) {
    if (key.starts_with(kAnswerPrefix)) answers.emplace(key.substr(kAnswerPrefix.size()), value);
  }
  return answers;
}

}  // namespace

Response TrainingPage(const ApiContext& api, const Request& request) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  auto workspace = WorkspaceOf(api);
  if (!workspace) return NoTrainingResponse();
  auto mine = app::TrainingRecords(*workspace, staff->user.username, kAttemptsShown);
  if (!mine) return ProblemFor(mine.error());
  json scenarios = json::array();
  for (const Scenario& s : api.scenarios->all()) {
    scenarios.push_back({{"id", s.id},
                         {"title", s.title},
                         {"summary", s.summary},
                         {"type", Name(s.request.type)},
                         {"decisions", s.decisions.size()},
                         {"max_score", s.MaxScore()}});
  }
  json context = BaseContext(api, "Training", &*staff);
  context["scenarios"] = std::move(scenarios);
  context["mine"] = AttemptRows(*mine, *api.scenarios);
  context["has_mine"] = !mine->empty();
  context["can_read_records"] = Allows(staff->user.role, Permission::kReadRecords);
  return Page(api, 200, "console_training", context);
}

Response PostTrainingStart(const ApiContext& api, const Request& request,
                           std::string_view scenario_id) {
  auto post = ReadTrainingPost(api, request);
  if (!post) return std::move(post.error());
  auto attempt =
      app::StartTraining(api.services, post->workspace, post->staff.user.username, scenario_id);
  if (!attempt) return ProblemFor(attempt.error());
  return html::RedirectResponse("/console/training/attempts/" + attempt->id);
}

Response TrainingAttemptPage(const ApiContext& api, const Request& request,
                             std::string_view attempt_id) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  auto workspace = WorkspaceOf(api);
  if (!workspace) return NoTrainingResponse();
  auto c = app::OpenTraining(api.services, *workspace, attempt_id, staff->user.username,
                             Allows(staff->user.role, Permission::kReadRecords));
  if (!c) return ProblemFor(c.error());
  auto query = ParseQuery(View(request.target()));
  const bool scored = query && query->contains("done");
  return ShowAttempt(api, *staff, *c, 200, c->attempt.answers,
                     scored ? "Your answers are scored below, with the rule behind each." : "", "");
}

Response PostTrainingAnswers(const ApiContext& api, const Request& request,
                             std::string_view attempt_id) {
  auto post = ReadTrainingPost(api, request);
  if (!post) return std::move(post.error());
  const StaffCall& staff = post->staff;
  const auto answers = AnswersOf(post->fields);
  auto scored =
      app::SubmitTraining(api.services, post->workspace, attempt_id, staff.user.username, answers);
  if (scored) {
    return html::RedirectResponse("/console/training/attempts/" + scored->attempt.id +
                                  "?done=scored");
  }
  const ErrorCode code = scored.error().code();
  if (code == ErrorCode::kNotFound) return ProblemFor(scored.error());
  auto c = app::OpenTraining(api.services, post->workspace, attempt_id, staff.user.username, false);
  if (!c) return ProblemFor(c.error());
  // Refused answers are shown back as chosen, so that nothing has to be picked again.
  return ShowAttempt(api, staff, *c, StatusFor(code),
                     c->attempt.finished() ? c->attempt.answers : answers, "",
                     scored.error().message());
}

Response TrainingRecordsPage(const ApiContext& api, const Request& request, std::string_view form) {
  auto staff = RequireStaff(api, request, Permission::kReadRecords);
  if (!staff) return std::move(staff.error());
  auto workspace = WorkspaceOf(api);
  if (!workspace) return NoTrainingResponse();
  auto records = app::TrainingRecords(*workspace);
  if (!records) return ProblemFor(records.error());
  if (form == "csv") {
    return html::DownloadResponse(app::TrainingRecordsCsv(*records, *api.scenarios),
                                  "text/csv; charset=utf-8", "training-records.csv");
  }
  if (form == "json") {
    return html::DownloadResponse(app::TrainingRecordsJson(*records, *api.scenarios).dump(2),
                                  "application/json", "training-records.json");
  }
  json context = BaseContext(api, "Training records", &*staff);
  std::vector<store::TrainingAttempt> shown(
      records->begin(),
      records->begin() + static_cast<std::ptrdiff_t>(std::min(records->size(), kAttemptsShown)));
  context["records"] = AttemptRows(shown, *api.scenarios);
  context["more"] = records->size() > kAttemptsShown;
  context["has_records"] = !records->empty();
  return Page(api, 200, "console_training_records", context);
}

}  // namespace rightsdesk::http::console
