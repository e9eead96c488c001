// The default California calendar over 2020-2035 against tests/data/ca_holidays_2020_2035.tsv,
// which gen_ca_holidays.py computes independently from DESIGN.md section 4.
#include "core/calendar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "config/rules_loader.h"
#include "support/data_files.h"

namespace rightsdesk {
namespace {

using Day = std::tuple<std::string, std::string, bool>;  // date, name, observed

class CalendarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rules = config::DefaultRuleset();
    ASSERT_TRUE(rules) << rules.error().message();
    rules_ = std::move(*rules);
  }
  // The shipped calendars have one version each, in effect for every day of receipt.
  const Calendar& Ca() const { return **rules_.FindCalendar("US-CA", D("2026-01-01")); }
  const Calendar& Fed() const { return **rules_.FindCalendar("US-FED", D("2026-01-01")); }
  static Date D(const char* text) { return *ParseDate(text); }

  Ruleset rules_;
};

TEST_F(CalendarTest, CaliforniaHolidaysMatchTheIndependentList2020To2035) {
  std::map<int, std::vector<Day>> expected;
  for (const auto& row : testing::ReadTsv("ca_holidays_2020_2035.tsv")) {
    ASSERT_EQ(row.size(), 3U);
    expected[std::stoi(row[0].substr(0, 4))].emplace_back(row[0], row[1], row[2] == "1");
  }
  ASSERT_EQ(expected.size(), 16U);
  for (auto& [year, days] : expected) {
    std::vector<Day> actual;
    for (const Holiday& h : Ca().HolidaysIn(year)) {
      actual.emplace_back(FormatDate(h.date), h.name, h.observed);
    }
    std::sort(days.begin(), days.end());
    std::sort(actual.begin(), actual.end());
    EXPECT_EQ(actual, days) << "year " << year;
  }
}

TEST_F(CalendarTest, SundayHolidaysAreObservedMondaySaturdayOnesAreNotMoved) {
  EXPECT_TRUE(Ca().IsHoliday(D("2022-12-25")));   // Sunday
  EXPECT_TRUE(Ca().IsHoliday(D("2022-12-26")));   // observed Monday
  EXPECT_TRUE(Ca().IsHoliday(D("2023-01-02")));   // New Year's Day 2023 fell on a Sunday
  EXPECT_TRUE(Ca().IsHoliday(D("2021-12-25")));   // Saturday: not moved...
  EXPECT_FALSE(Ca().IsHoliday(D("2021-12-24")));  // ...so the Friday before is a business day
  EXPECT_TRUE(Ca().IsBusinessDay(D("2021-12-24")));
  EXPECT_TRUE(Ca().IsBusinessDay(D("2021-12-31")));  // New Year's Day 2022 was a Saturday
}

TEST_F(CalendarTest, FederalObservanceMovesSaturdayToTheFridayBeforeEvenAcrossYears) {
  // January 1, 2022 was a Saturday: the federal holiday was observed Friday, December 31, 2021.
  auto holidays = Fed().HolidaysIn(2021);
  EXPECT_TRUE(std::any_of(holidays.begin(), holidays.end(), [](const Holiday& h) {
    return FormatDate(h.date) == "2021-12-31" && h.observed;
  }));
  EXPECT_FALSE(Fed().IsBusinessDay(D("2021-12-31")));
  EXPECT_FALSE(Fed().IsBusinessDay(D("2026-07-03")));  // July 4, 2026 is a Saturday
  EXPECT_TRUE(Fed().IsBusinessDay(D("2020-06-19")));   // Juneteenth only from 2021
  EXPECT_FALSE(Fed().IsBusinessDay(D("2021-06-18")));  // Saturday June 19, 2021 → Friday
}

TEST_F(CalendarTest, BusinessDaysSkipWeekendsAndHolidaysAcrossTheYearEnd) {
  // From Wednesday Dec 23, 2026: Dec 24 (1), Dec 25 off, Dec 28-31 (2-5), Jan 1 off, Jan 4 (6).
  EXPECT_EQ(FormatDate(Ca().AddBusinessDays(D("2026-12-23"), 1)), "2026-12-24");
  EXPECT_EQ(FormatDate(Ca().AddBusinessDays(D("2026-12-23"), 2)), "2026-12-28");
  EXPECT_EQ(FormatDate(Ca().AddBusinessDays(D("2026-12-23"), 6)), "2027-01-04");
  // Day 0 never counts, even when it is a business day; a weekend day 0 starts on Monday.
  EXPECT_EQ(FormatDate(Ca().AddBusinessDays(D("2026-11-28"), 1)), "2026-11-30");
  EXPECT_EQ(FormatDate(Ca().AddBusinessDays(D("2026-11-24"), 0)), "2026-11-24");
}

TEST_F(CalendarTest, ClosuresAndOwnWeekendsAreData) {
  Calendar own("ACME", "ACME", {std::chrono::Friday, std::chrono::Saturday}, {},
               {{D("2026-12-24"), "Company holiday", false}});
  EXPECT_FALSE(own.IsBusinessDay(D("2026-12-24")));
  EXPECT_FALSE(own.IsBusinessDay(D("2026-11-27")));  // Friday is this company's weekend
  EXPECT_TRUE(own.IsBusinessDay(D("2026-11-29")));   // and Sunday is not
}

}  // namespace
}  // namespace rightsdesk
