#include "config/calendar_loader.h"

#include <algorithm>
#include <array>

#include "config/toml_fields.h"

namespace rightsdesk::config {
namespace {

constexpr std::array<std::pair<std::string_view, std::chrono::weekday>, 7> kWeekdays{{
    {"monday", std::chrono::Monday},
    {"tuesday", std::chrono::Tuesday},
    {"wednesday", std::chrono::Wednesday},
    {"thursday", std::chrono::Thursday},
    {"friday", std::chrono::Friday},
    {"saturday", std::chrono::Saturday},
    {"sunday", std::chrono::Sunday},
}};

std::optional<std::chrono::weekday> ParseWeekday(std::string_view name) {
  for (const auto& [text, day] : kWeekdays) {
    if (text == name) return day;
  }
  return std::nullopt;
}

std::optional<Observance> ParseObservance(std::string_view name) {
  if (name == "none") return Observance::kNone;
  if (name == "sunday_to_monday") return Observance::kSundayToMonday;
  if (name == "nearest_weekday") return Observance::kNearestWeekday;
  return std::nullopt;
}

std::optional<HolidayRule> LoadHoliday(const toml::table& table, const std::string& where,
                                       std::optional<Error>& error) {
  TomlFields f(table, where);
  f.CheckKnownKeys({"name", "month", "day", "weekday", "nth", "offset_days", "observed",
                    "from_year", "until_year"});
  HolidayRule rule;
  rule.name = f.String("name");
  rule.month = static_cast<unsigned>(f.OptInt("month", 1, 12).value_or(0));
  if (rule.month == 0) f.Problem("month", "is required (1-12)");
  if (auto day = f.OptInt("day", 1, 31)) rule.day = static_cast<unsigned>(*day);
  if (auto weekday = f.OptString("weekday")) {
    rule.weekday = ParseWeekday(*weekday);
    if (!rule.weekday) f.Problem("weekday", "must be a weekday name in lower case");
    auto nth = f.OptInt("nth", -1, 5);
    if (!nth || *nth == 0) f.Problem("nth", "is required with weekday (1-5, or -1 for the last)");
    rule.nth = static_cast<int>(nth.value_or(1));
  }
  if (rule.day.has_value() == table.contains("weekday")) {
    f.Problem("", "needs either day, or weekday with nth, but not both");
  }
  rule.offset_days = static_cast<int>(f.OptInt("offset_days", -7, 7).value_or(0));
  if (auto observed = f.OptString("observed")) {
    auto observance = ParseObservance(*observed);
    if (!observance) {
      f.Problem("observed", "must be none, sunday_to_monday or nearest_weekday");
    } else if (!rule.day && *observance != Observance::kNone) {
      f.Problem("observed", "applies only to fixed-date holidays");
    } else {
      rule.observance = *observance;
    }
  }
  if (auto y = f.OptInt("from_year", 1900, 9999)) rule.from_year = static_cast<int>(*y);
  if (auto y = f.OptInt("until_year", 1900, 9999)) rule.until_year = static_cast<int>(*y);
  if (f.failed()) {
    error = f.error();
    return std::nullopt;
  }
  return rule;
}

}  // namespace

Result<Calendar> LoadCalendar(const toml::table& table, const std::string& where) {
  TomlFields f(table, where);
  f.CheckKnownKeys({"id", "name", "weekend", "holidays", "closures", "effective_from"});
  std::string id = f.String("id");
  std::optional<Date> effective_from = f.OptDate("effective_from");
  std::string name = f.OptString("name").value_or(id);
  std::vector<std::chrono::weekday> weekend;
  for (const std::string& day :
       f.OptStringArray("weekend").value_or(std::vector<std::string>{"saturday", "sunday"})) {
    auto wd = ParseWeekday(day);
    if (!wd)
      f.Problem("weekend", "'" + day + "' is not a weekday name in lower case");
    else if (std::find(weekend.begin(), weekend.end(), *wd) == weekend.end())
      weekend.push_back(*wd);
  }
  if (weekend.size() >= 7) f.Problem("weekend", "must leave at least one business day a week");
  if (f.failed()) return std::unexpected(*f.error());

  std::vector<HolidayRule> rules;
  std::optional<Error> error;
  if (const toml::array* holidays = f.OptArray("holidays")) {
    for (std::size_t i = 0; i < holidays->size(); ++i) {
      std::string at = where + ": holidays[" + std::to_string(i) + "]";
      const toml::table* entry = holidays->get(i)->as_table();
      if (!entry) return Fail(ErrorCode::kInvalidArgument, at + ": must be a table");
      auto rule = LoadHoliday(*entry, at, error);
      if (!rule) return std::unexpected(*error);
      rules.push_back(std::move(*rule));
    }
  }
  std::vector<Holiday> closures;
  if (const toml::array* list = f.OptArray("closures")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string at = where + ": closures[" + std::to_string(i) + "]";
      const toml::table* entry = list->get(i)->as_table();
      if (!entry) return Fail(ErrorCode::kInvalidArgument, at + ": must be a table");
      TomlFields c(*entry, at);
      c.CheckKnownKeys({"date", "name"});
      Holiday closure{.date = c.RequiredDate("date"), .name = c.String("name")};
      if (c.failed()) return std::unexpected(*c.error());
      closures.push_back(std::move(closure));
    }
  }
  if (f.failed()) return std::unexpected(*f.error());
  return Calendar(std::move(id), std::move(name), std::move(weekend), std::move(rules),
                  std::move(closures), effective_from);
}

}  // namespace rightsdesk::config
