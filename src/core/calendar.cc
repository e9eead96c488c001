#include "core/calendar.h"

#include <algorithm>
#include <set>

namespace rightsdesk {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

std::optional<Date> RuleDate(const HolidayRule& rule, int year) {
  if ((rule.from_year && year < *rule.from_year) || (rule.until_year && year > *rule.until_year)) {
    return std::nullopt;
  }
  std::chrono::year_month ym{std::chrono::year(year), std::chrono::month(rule.month)};
  Date date;
  if (rule.day) {
    date = ym / std::chrono::day(*rule.day);
    if (!date.ok()) return std::nullopt;  // e.g. February 29 outside leap years
  } else if (rule.weekday && rule.nth == -1) {
    date = Date(sys_days(ym / (*rule.weekday)[std::chrono::last]));
  } else if (rule.weekday && rule.nth >= 1 && rule.nth <= 5) {
    std::chrono::year_month_weekday ymw = ym / (*rule.weekday)[static_cast<unsigned>(rule.nth)];
    if (!ymw.ok()) return std::nullopt;  // no 5th such weekday this month
    date = Date(sys_days(ymw));
  } else {
    return std::nullopt;
  }
  return Date(sys_days(date) + days(rule.offset_days));
}

std::optional<Date> ObservedDate(const HolidayRule& rule, Date date) {
  if (!rule.day) return std::nullopt;
  std::chrono::weekday wd{sys_days(date)};
  switch (rule.observance) {
    case Observance::kNone:
      return std::nullopt;
    case Observance::kSundayToMonday:
      if (wd == std::chrono::Sunday) return Date(sys_days(date) + days(1));
      return std::nullopt;
    case Observance::kNearestWeekday:
      if (wd == std::chrono::Sunday) return Date(sys_days(date) + days(1));
      if (wd == std::chrono::Saturday) return Date(sys_days(date) - days(1));
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

Calendar::Calendar(std::string id, std::string name, std::vector<std::chrono::weekday> weekend,
                   std::vector<HolidayRule> rules, std::vector<Holiday> closures,
                   std::optional<Date> effective_from)
    : id_(std::move(id)),
      name_(std::move(name)),
      weekend_(std::move(weekend)),
      rules_(std::move(rules)),
      closures_(std::move(closures)),
      effective_from_(effective_from) {}

std::vector<Holiday> Calendar::RuleDaysIn(int year) const {
  std::vector<Holiday> out;
  for (const HolidayRule& rule : rules_) {
    auto date = RuleDate(rule, year);
    if (!date) continue;
    out.push_back({*date, rule.name, false});
    if (auto observed = ObservedDate(rule, *date)) {
      out.push_back({*observed, rule.name + " (observed)", true});
    }
  }
  return out;
}

std::vector<Holiday> Calendar::HolidaysIn(int year) const {
  std::vector<Holiday> out;
  for (int y = year - 1; y <= year + 1; ++y) {
    for (Holiday& h : RuleDaysIn(y)) {
      if (static_cast<int>(h.date.year()) == year) out.push_back(std::move(h));
    }
  }
  for (const Holiday& closure : closures_) {
    if (static_cast<int>(closure.date.year()) == year) out.push_back(closure);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return out;
}

bool Calendar::IsHoliday(Date date) const {
  auto holidays = HolidaysIn(static_cast<int>(date.year()));
  return std::any_of(holidays.begin(), holidays.end(),
                     [&](const Holiday& h) { return h.date == date; });
}

bool Calendar::IsBusinessDay(Date date) const {
  std::chrono::weekday wd{sys_days(date)};
  if (std::find(weekend_.begin(), weekend_.end(), wd) != weekend_.end()) return false;
  return !IsHoliday(date);
}

Date Calendar::AddBusinessDays(Date day0, int n) const {
  // Collect the days off of each year we pass through once, instead of per day.
  std::set<sys_days> off;
  int loaded_year = 0;
  auto load = [&](int year) {
    if (year <= loaded_year) return;
    for (const Holiday& h : HolidaysIn(year)) off.insert(sys_days(h.date));
    loaded_year = year;
  };
  sys_days day = sys_days(day0);
  load(static_cast<int>(day0.year()));
  for (int counted = 0; counted < n;) {
    day += days(1);
    load(static_cast<int>(Date(day).year()));
    std::chrono::weekday wd{day};
    bool weekend = std::find(weekend_.begin(), weekend_.end(), wd) != weekend_.end();
    if (!weekend && !off.contains(day)) ++counted;
  }
  return Date(day);
}

}  // namespace rightsdesk
