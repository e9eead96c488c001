// A business calendar: which days are not business days. Calendars are data (rules/*.toml, or a
// company's own file); this class only evaluates them. Immutable after construction, so it is
// safe to share between threads.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace rightsdesk {

// How a fixed-date holiday that falls on a weekend is observed.
enum class Observance {
  kNone,            // never moved
  kSundayToMonday,  // Sunday: the Monday after is also off; Saturday: not moved (California)
  kNearestWeekday,  // Saturday: the Friday before; Sunday: the Monday after (US federal)
};

struct HolidayRule {
  std::string name;
  unsigned month = 1;
  // Exactly one of: a fixed day of the month, or the nth weekday of the month (nth = -1: last).
  std::optional<unsigned> day;
  std::optional<std::chrono::weekday> weekday;
  int nth = 0;
  int offset_days = 0;  // e.g. the day after Thanksgiving: 4th Thursday of November + 1
  Observance observance = Observance::kNone;  // fixed-date holidays only
  std::optional<int> from_year;               // first year the holiday exists, inclusive
  std::optional<int> until_year;              // last year, inclusive
};

struct Holiday {
  Date date;
  std::string name;
  bool observed = false;  // true: the day off in lieu of a holiday that fell on a weekend
};

class Calendar {
 public:
  // `weekend` lists the weekdays that are never business days (usually Saturday, Sunday).
  // `closures` are one-off dates off (a company's own closure days). `effective_from` makes this
  // calendar a version of its id that applies to requests received on or after that day (unset:
  // from the beginning); a version never changes the deadlines of requests received before it.
  Calendar(std::string id, std::string name, std::vector<std::chrono::weekday> weekend,
           std::vector<HolidayRule> rules, std::vector<Holiday> closures,
           std::optional<Date> effective_from = std::nullopt);

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }
  const std::optional<Date>& effective_from() const { return effective_from_; }
  const std::vector<std::chrono::weekday>& weekend() const { return weekend_; }
  const std::vector<HolidayRule>& rules() const { return rules_; }
  const std::vector<Holiday>& closures() const { return closures_; }

  // Every day off in `year` (holidays, observed days and closures), sorted by date. An observed
  // day that falls in `year` is included even when its holiday is in the next year (a Saturday
  // New Year's Day observed on Friday December 31 under kNearestWeekday).
  std::vector<Holiday> HolidaysIn(int year) const;

  bool IsHoliday(Date date) const;
  bool IsBusinessDay(Date date) const;

  // The date `n` business days after `day0` (day 0 itself never counts). n >= 0.
  Date AddBusinessDays(Date day0, int n) const;

 private:
  std::vector<Holiday> RuleDaysIn(int year) const;  // rule-derived days of holidays dated in year

  std::string id_;
  std::string name_;
  std::vector<std::chrono::weekday> weekend_;
  std::vector<HolidayRule> rules_;
  std::vector<Holiday> closures_;
  std::optional<Date> effective_from_;
};

}  // namespace rightsdesk
