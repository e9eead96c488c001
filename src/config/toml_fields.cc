#include "config/toml_fields.h"

#include <algorithm>

namespace rightsdesk::config {

void TomlFields::Problem(std::string_view key, std::string what) {
  if (error_) return;
  std::string at = where_;
  if (!key.empty()) at += ": " + std::string(key);
  error_ = Error(ErrorCode::kInvalidArgument, at + ": " + what);
}

std::string TomlFields::String(std::string_view key) {
  auto value = OptString(key);
  if (!value) {
    Problem(key, "is required");
    return {};
  }
  return *value;
}

std::optional<std::string> TomlFields::OptString(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (!node) return std::nullopt;
  if (auto s = node->value<std::string>()) return *s;
  Problem(key, "must be a string");
  return std::nullopt;
}

std::optional<Date> TomlFields::DateAt(std::string_view key, const toml::node& node) {
  if (auto d = node.value<toml::date>()) {
    Date date{std::chrono::year(d->year), std::chrono::month(d->month), std::chrono::day(d->day)};
    if (date.ok()) return date;
  } else if (auto s = node.value<std::string>()) {
    auto parsed = ParseDate(*s);
    if (parsed) return *parsed;
    Problem(key, parsed.error().message());
    return std::nullopt;
  }
  Problem(key, "must be a date (YYYY-MM-DD)");
  return std::nullopt;
}

Date TomlFields::RequiredDate(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (!node) {
    Problem(key, "is required");
    return {};
  }
  return DateAt(key, *node).value_or(Date{});
}

std::optional<Date> TomlFields::OptDate(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (!node) return std::nullopt;
  return DateAt(key, *node);
}

std::optional<Period> TomlFields::OptPeriod(std::string_view key) {
  auto text = OptString(key);
  if (!text) return std::nullopt;
  auto period = ParsePeriod(*text);
  if (!period) {
    Problem(key, period.error().message());
    return std::nullopt;
  }
  return *period;
}

std::optional<std::int64_t> TomlFields::OptInt(std::string_view key, std::int64_t min,
                                               std::int64_t max) {
  const toml::node* node = table_.get(key);
  if (!node) return std::nullopt;
  auto value = node->value_exact<std::int64_t>();
  if (!value) {
    Problem(key, "must be a whole number");
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    Problem(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> TomlFields::OptBool(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (!node) return std::nullopt;
  if (auto b = node->value_exact<bool>()) return *b;
  Problem(key, "must be true or false");
  return std::nullopt;
}

const toml::array* TomlFields::OptArray(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (!node) return nullptr;
  if (const toml::array* array = node->as_array()) return array;
  Problem(key, "must be an array");
  return nullptr;
}

std::optional<std::vector<std::string>> TomlFields::OptStringArray(std::string_view key) {
  const toml::array* array = OptArray(key);
  if (!array) return std::nullopt;
  std::vector<std::string> out;
  for (const toml::node& item : *array) {
    auto s = item.value<std::string>();
    if (!s) {
      Problem(key, "must be an array of strings");
      return std::nullopt;
    }
    out.push_back(*s);
  }
  return out;
}

std::vector<std::string> TomlFields::StringArray(std::string_view key) {
  auto values = OptStringArray(key);
  if (!values || values->empty()) {
    Problem(key, "is required (a non-empty array of strings)");
    return {};
  }
  return *values;
}

void TomlFields::CheckKnownKeys(std::initializer_list<std::string_view> known) {
  for (const auto& [key, node] : table_) {
    if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
      Problem(key.str(), "is not a known setting");
      return;
    }
  }
}

}  // namespace rightsdesk::config
