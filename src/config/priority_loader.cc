#include "config/priority_loader.h"

#include "config/toml_fields.h"

namespace rightsdesk::config {
namespace {

Result<PriorityRule> LoadRule(const toml::table& table, const std::string& where) {
  TomlFields f(table, where);
  f.CheckKnownKeys({"priority", "reason", "types", "days_left_at_most", "minor", "systems_at_least",
                    "repeat_requester", "by_agent"});
  PriorityRule rule;
  auto priority = f.OptString("priority");
  auto reason = f.OptString("reason");
  auto types = f.OptStringArray("types");
  if (auto n = f.OptInt("days_left_at_most", -3650, 3650)) rule.days_left_at_most = int(*n);
  if (auto n = f.OptInt("systems_at_least", 0, 100000)) rule.systems_at_least = int(*n);
  rule.minor = f.OptBool("minor");
  rule.repeat_requester = f.OptBool("repeat_requester");
  rule.by_agent = f.OptBool("by_agent");
  if (f.failed()) return std::unexpected(*f.error());
  auto parsed = priority ? ParsePriority(*priority) : std::nullopt;
  if (!parsed) {
    return Fail(ErrorCode::kInvalidArgument,
                where + ": priority must be one of " + PriorityNames());
  }
  rule.priority = *parsed;
  if (!reason || reason->empty()) {
    return Fail(ErrorCode::kInvalidArgument, where + ": a reason is required (staff see it)");
  }
  rule.reason = *reason;
  for (const std::string& name : types.value_or(std::vector<std::string>{})) {
    auto type = ParseRequestType(name);
    if (!type) {
      return Fail(ErrorCode::kInvalidArgument,
                  where + ": '" + name + "' is not one of " + RequestTypeNames());
    }
    rule.types.insert(*type);
  }
  return rule;
}

}  // namespace

Result<void> LoadPriorityRules(const toml::table& doc, std::string_view source, Ruleset& into) {
  const toml::node* node = doc.get("priority_rule");
  if (node == nullptr) return {};
  const toml::array* entries = node->as_array();
  if (entries == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(source) + ": priority_rule must be written [[priority_rule]]");
  }
  std::vector<PriorityRule> rules;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    std::string where = std::string(source) + ": [[priority_rule]] #" + std::to_string(i + 1);
    const toml::table* table = entries->get(i)->as_table();
    if (table == nullptr) return Fail(ErrorCode::kInvalidArgument, where + " is not a table");
    auto rule = LoadRule(*table, where);
    if (!rule) return std::unexpected(rule.error());
    rules.push_back(std::move(*rule));
  }
  into.priority_rules() = std::move(rules);
  return {};
}

}  // namespace rightsdesk::config
