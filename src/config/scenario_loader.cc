#include "config/scenario_loader.h"

#include "config/embedded_training.h"
#include "config/rules_loader.h"
#include "config/toml_fields.h"

namespace rightsdesk::config {
namespace {

Result<ScenarioPerson> LoadScenarioPerson(const toml::node* node, const std::string& where) {
  if (node == nullptr) return ScenarioPerson{};
  const toml::table* table = node->as_table();
  if (table == nullptr) return Fail(ErrorCode::kInvalidArgument, where + " is not a table");
  TomlFields f(*table, where);
  f.CheckKnownKeys({"name", "email", "phone", "address", "account_id", "birth_date"});
  ScenarioPerson p{.name = f.OptString("name").value_or(""),
                   .email = f.OptString("email").value_or(""),
                   .phone = f.OptString("phone").value_or(""),
                   .address = f.OptString("address").value_or(""),
                   .account_id = f.OptString("account_id").value_or(""),
                   .birth_date = f.OptString("birth_date").value_or("")};
  if (f.failed()) return std::unexpected(*f.error());
  return p;
}

Result<std::optional<ScenarioAgent>> LoadScenarioAgent(const toml::node* node,
                                                       const std::string& where) {
  if (node == nullptr) return std::optional<ScenarioAgent>();
  const toml::table* table = node->as_table();
  if (table == nullptr) return Fail(ErrorCode::kInvalidArgument, where + " is not a table");
  TomlFields f(*table, where);
  f.CheckKnownKeys({"name", "email", "authorization"});
  ScenarioAgent agent{.name = f.String("name"),
                      .email = f.OptString("email").value_or(""),
                      .authorization = f.String("authorization")};
  if (f.failed()) return std::unexpected(*f.error());
  return std::optional<ScenarioAgent>(std::move(agent));
}

Result<ScenarioRequest> LoadScenarioRequest(const toml::node* node, const std::string& where) {
  const toml::table* table = node != nullptr ? node->as_table() : nullptr;
  if (table == nullptr) return Fail(ErrorCode::kInvalidArgument, where + " is required (a table)");
  TomlFields f(*table, where);
  f.CheckKnownKeys(
      {"type", "jurisdiction", "channel", "received_days_ago", "message", "consumer", "agent"});
  std::string type_name = f.String("type");
  ScenarioRequest r{.jurisdiction = f.String("jurisdiction"),
                    .channel = f.String("channel"),
                    .received_days_ago = int(f.OptInt("received_days_ago", 0, 3650).value_or(0)),
                    .message = f.OptString("message").value_or("")};
  if (f.failed()) return std::unexpected(*f.error());
  auto type = ParseRequestType(type_name);
  if (!type) {
    return Fail(ErrorCode::kInvalidArgument,
                where + ": type '" + type_name + "' is not one of " + RequestTypeNames());
  }
  r.type = *type;
  auto consumer = LoadScenarioPerson(table->get("consumer"), where + ".consumer");
  if (!consumer) return std::unexpected(consumer.error());
  r.consumer = std::move(*consumer);
  auto agent = LoadScenarioAgent(table->get("agent"), where + ".agent");
  if (!agent) return std::unexpected(agent.error());
  r.agent = std::move(*agent);
  return r;
}

Result<std::vector<ScenarioChoice>> LoadScenarioChoices(const toml::array* array,
                                                        const std::string& where) {
  std::vector<ScenarioChoice> choices;
  if (array == nullptr) return choices;
  for (const toml::node& node : *array) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      return Fail(ErrorCode::kInvalidArgument,
                  where + ": each choice is { id = ..., label = ... }");
    }
    TomlFields f(*table, where + ": choice");
    f.CheckKnownKeys({"id", "label"});
    ScenarioChoice c{.id = f.String("id"), .label = f.String("label")};
    if (f.failed()) return std::unexpected(*f.error());
    choices.push_back(std::move(c));
  }
  return choices;
}

Result<ScenarioDecision> LoadScenarioDecision(const toml::table& table, const std::string& where) {
  TomlFields f(table, where);
  f.CheckKnownKeys(
      {"id", "question", "kind", "choices", "accepted", "deadline", "points", "explanation"});
  ScenarioDecision d{.id = f.String("id"), .question = f.String("question")};
  std::string kind = f.OptString("kind").value_or("choice");
  std::string deadline = f.OptString("deadline").value_or("respond");
  d.accepted = f.OptStringArray("accepted").value_or(std::vector<std::string>{});
  d.points = int(f.OptInt("points", 1, 10).value_or(1));
  d.explanation = f.String("explanation");
  const toml::array* choices = f.OptArray("choices");
  if (f.failed()) return std::unexpected(*f.error());
  if (kind != "choice" && kind != "date") {
    return Fail(ErrorCode::kInvalidArgument, where + ": kind must be choice or date");
  }
  d.kind = kind == "date" ? DecisionKind::kDate : DecisionKind::kChoice;
  auto deadline_kind = ParseDeadlineKind(deadline);
  if (!deadline_kind) {
    return Fail(ErrorCode::kInvalidArgument,
                where + ": deadline must be acknowledge, respond or extended");
  }
  d.deadline = *deadline_kind;
  auto loaded = LoadScenarioChoices(choices, where);
  if (!loaded) return std::unexpected(loaded.error());
  d.choices = std::move(*loaded);
  return d;
}

Result<std::vector<ScenarioDecision>> LoadScenarioDecisions(const toml::node* node,
                                                            const std::string& where) {
  const toml::array* entries = node != nullptr ? node->as_array() : nullptr;
  if (entries == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, where + ": decisions are written [[decision]]");
  }
  std::vector<ScenarioDecision> decisions;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    std::string at = where + ": [[decision]] #" + std::to_string(i + 1);
    const toml::table* table = entries->get(i)->as_table();
    if (table == nullptr) return Fail(ErrorCode::kInvalidArgument, at + " is not a table");
    auto d = LoadScenarioDecision(*table, at);
    if (!d) return std::unexpected(d.error());
    decisions.push_back(std::move(*d));
  }
  return decisions;
}

}  // namespace

Result<Scenario> LoadScenario(const toml::table& doc, std::string_view source) {
  const std::string where(source);
  TomlFields f(doc, where);
  f.CheckKnownKeys(
      {"id", "version", "title", "summary", "facts", "request", "records", "decision"});
  Scenario s{.id = f.String("id"),
             .version = int(f.OptInt("version", 1, 1000000).value_or(1)),
             .title = f.String("title"),
             .summary = f.OptString("summary").value_or(""),
             .facts = f.OptStringArray("facts").value_or(std::vector<std::string>{})};
  if (f.failed()) return std::unexpected(*f.error());
  auto request = LoadScenarioRequest(doc.get("request"), where + ": [request]");
  if (!request) return std::unexpected(request.error());
  s.request = std::move(*request);
  auto records = LoadScenarioPerson(doc.get("records"), where + ": [records]");
  if (!records) return std::unexpected(records.error());
  s.records = std::move(*records);
  auto decisions = LoadScenarioDecisions(doc.get("decision"), where);
  if (!decisions) return std::unexpected(decisions.error());
  s.decisions = std::move(*decisions);
  if (auto valid = ValidateScenario(s); !valid) {
    return std::unexpected(valid.error().WithContext(where));
  }
  return s;
}

Result<Scenario> LoadScenarioFile(std::string_view text, std::string_view source) {
  auto doc = ParseToml(text, source);
  if (!doc) return std::unexpected(doc.error());
  return LoadScenario(*doc, source);
}

Result<void> AddScenario(Scenario scenario, std::string_view source, ScenarioLibrary& library) {
  if (auto added = library.Add(std::move(scenario)); !added) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(source) + ": " + added.error().message() + " (give it its own id)");
  }
  return {};
}

Result<ScenarioLibrary> DefaultScenarios() {
  ScenarioLibrary library;
  for (const EmbeddedFile& file : EmbeddedTrainingScenarios()) {
    auto scenario = LoadScenarioFile(file.contents, file.name);
    if (!scenario) return std::unexpected(scenario.error());
    if (auto added = AddScenario(std::move(*scenario), file.name, library); !added) {
      return std::unexpected(added.error());
    }
  }
  return library;
}

}  // namespace rightsdesk::config
