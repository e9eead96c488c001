// Reads typed fields out of a TOML table and remembers the first problem, with where it is
// ("rightsdesk.toml: rule #3: respond: ..."), so loaders read straight down and check once.
// Unknown keys are problems too: a typo in a compliance rule must not pass silently.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/period.h"
#include "core/time.h"

namespace rightsdesk::config {

class TomlFields {
 public:
  TomlFields(const toml::table& table, std::string where)
      : table_(table), where_(std::move(where)) {}

  std::string String(std::string_view key);  // required
  std::optional<std::string> OptString(std::string_view key);
  Date RequiredDate(std::string_view key);  // a TOML date or "YYYY-MM-DD"
  std::optional<Date> OptDate(std::string_view key);
  std::optional<Period> OptPeriod(std::string_view key);
  std::optional<std::int64_t> OptInt(std::string_view key, std::int64_t min, std::int64_t max);
  std::vector<std::string> StringArray(std::string_view key);  // required, non-empty
  std::optional<std::vector<std::string>> OptStringArray(std::string_view key);
  std::optional<bool> OptBool(std::string_view key);
  const toml::array* OptArray(std::string_view key);
  const toml::node* OptNode(std::string_view key) const { return table_.get(key); }

  void CheckKnownKeys(std::initializer_list<std::string_view> known);
  void Problem(std::string_view key, std::string what);
  bool failed() const { return error_.has_value(); }
  const std::optional<Error>& error() const { return error_; }
  const std::string& where() const { return where_; }

 private:
  std::optional<Date> DateAt(std::string_view key, const toml::node& node);

  const toml::table& table_;
  std::string where_;
  std::optional<Error> error_;
};

}  // namespace rightsdesk::config
