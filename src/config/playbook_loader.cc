#include "config/playbook_loader.h"

#include <set>

#include "config/embedded_training.h"
#include "config/rules_loader.h"
#include "config/toml_fields.h"

namespace rightsdesk::config {
namespace {

Result<EventMatch> LoadPlaybookMatch(const toml::node& node, const std::string& where) {
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, where + ": each done_when is { action = ... }");
  }
  EventMatch match;
  for (const auto& [key, value] : *table) {
    auto text = value.value<std::string>();
    if (!text || text->empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  where + ": done_when." + std::string(key.str()) + " must be a non-empty string");
    }
    if (key.str() == "action") {
      match.action = *text;
    } else {
      match.details.emplace(std::string(key.str()), *text);
    }
  }
  if (match.action.empty()) {
    return Fail(ErrorCode::kInvalidArgument, where + ": done_when needs an action");
  }
  return match;
}

Result<PlaybookStep> LoadPlaybookStep(const toml::table& table, const std::string& where) {
  TomlFields f(table, where);
  f.CheckKnownKeys({"id", "title", "hint", "done_when"});
  PlaybookStep step{
      .id = f.String("id"), .title = f.String("title"), .hint = f.OptString("hint").value_or("")};
  const toml::array* done_when = f.OptArray("done_when");
  if (f.failed()) return std::unexpected(*f.error());
  if (!IsPlaybookStepId(step.id)) {
    return Fail(ErrorCode::kInvalidArgument, where + ": id must be 1-40 of [a-z0-9_-]");
  }
  if (step.title.empty()) return Fail(ErrorCode::kInvalidArgument, where + ": title is empty");
  if (done_when != nullptr) {
    for (const toml::node& node : *done_when) {
      auto match = LoadPlaybookMatch(node, where);
      if (!match) return std::unexpected(match.error());
      step.done_when.push_back(std::move(*match));
    }
  }
  return step;
}

Result<Playbook> LoadOnePlaybook(const toml::table& table, const std::string& where) {
  TomlFields f(table, where);
  f.CheckKnownKeys({"type", "title", "step"});
  std::string type_name = f.String("type");
  Playbook playbook{.title = f.String("title")};
  const toml::array* steps = f.OptArray("step");
  if (f.failed()) return std::unexpected(*f.error());
  auto type = ParseRequestType(type_name);
  if (!type) {
    return Fail(ErrorCode::kInvalidArgument,
                where + ": type '" + type_name + "' is not one of " + RequestTypeNames());
  }
  playbook.type = *type;
  if (steps == nullptr || steps->empty()) {
    return Fail(ErrorCode::kInvalidArgument, where + ": a playbook needs [[playbook.step]]s");
  }
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < steps->size(); ++i) {
    std::string step_where = where + ": step #" + std::to_string(i + 1);
    const toml::table* step_table = steps->get(i)->as_table();
    if (step_table == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, step_where + " is not a table");
    }
    auto step = LoadPlaybookStep(*step_table, step_where);
    if (!step) return std::unexpected(step.error());
    if (!ids.insert(step->id).second) {
      return Fail(ErrorCode::kInvalidArgument, step_where + ": id '" + step->id + "' twice");
    }
    playbook.steps.push_back(std::move(*step));
  }
  return playbook;
}

}  // namespace

Result<void> LoadPlaybooks(const toml::table& doc, std::string_view source, Playbooks& into) {
  const toml::node* node = doc.get("playbook");
  if (node == nullptr) return {};
  const toml::array* entries = node->as_array();
  if (entries == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(source) + ": playbook must be written [[playbook]]");
  }
  for (std::size_t i = 0; i < entries->size(); ++i) {
    std::string where = std::string(source) + ": [[playbook]] #" + std::to_string(i + 1);
    const toml::table* table = entries->get(i)->as_table();
    if (table == nullptr) return Fail(ErrorCode::kInvalidArgument, where + " is not a table");
    auto playbook = LoadOnePlaybook(*table, where);
    if (!playbook) return std::unexpected(playbook.error());
    into.Put(std::move(*playbook));
  }
  return {};
}

Result<Playbooks> DefaultPlaybooks() {
  Playbooks playbooks;
  for (const EmbeddedFile& file : EmbeddedPlaybooks()) {
    auto doc = ParseToml(file.contents, file.name);
    if (!doc) return std::unexpected(doc.error());
    if (auto loaded = LoadPlaybooks(*doc, file.name, playbooks); !loaded) {
      return std::unexpected(loaded.error());
    }
  }
  for (RequestType type : kAllRequestTypes) {
    if (playbooks.For(type) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument,
                  "the shipped playbooks have none for " + std::string(Name(type)));
    }
  }
  return playbooks;
}

}  // namespace rightsdesk::config
