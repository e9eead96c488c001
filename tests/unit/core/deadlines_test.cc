// Deadlines for every type in every jurisdiction against tests/data/deadlines.tsv, which
// gen_deadlines.py computes independently from DESIGN.md section 4 and the statutes.
#include "core/deadlines.h"

#include <gtest/gtest.h>

#include <set>

#include "config/rules_loader.h"
#include "core/period.h"
#include "support/data_files.h"

namespace rightsdesk {
namespace {

Date D(const std::string& text) { return *ParseDate(text); }

std::string OrDash(const std::optional<Date>& date) { return date ? FormatDate(*date) : "-"; }

TEST(DeadlinesTest, EveryTypeInEveryJurisdictionMatchesTheIndependentTable) {
  auto rules = config::DefaultRuleset();
  ASSERT_TRUE(rules) << rules.error().message();
  std::set<std::pair<std::string, std::string>> covered;
  int rows = 0;
  for (const auto& row : testing::ReadTsv("deadlines.tsv")) {
    ASSERT_EQ(row.size(), 7U);
    const auto& [jurisdiction, type, received, ack, respond, extended, note] =
        std::tie(row[0], row[1], row[2], row[3], row[4], row[5], row[6]);
    SCOPED_TRACE(jurisdiction + " " + type + " received " + received + " (" + note + ")");
    auto got = rules->DeadlinesFor(jurisdiction, *ParseRequestType(type), D(received));
    ++rows;
    if (respond == "not_found") {
      ASSERT_FALSE(got);
      EXPECT_EQ(got.error().code(), ErrorCode::kNotFound);
      continue;
    }
    ASSERT_TRUE(got) << got.error().message();
    EXPECT_EQ(OrDash(got->acknowledge_by), ack);
    EXPECT_EQ(FormatDate(got->respond_by), respond);
    EXPECT_EQ(OrDash(got->extended_respond_by), extended);
    covered.insert({jurisdiction, type});
  }
  EXPECT_GT(rows, 500);
  EXPECT_EQ(covered.size(), 8U * 6U);  // every type in every jurisdiction
}

TEST(DeadlinesTest, GdprMonthsClampToTheMonthsLastDay) {
  Calendar none("X", "X", {}, {}, {});
  Period month{.count = 1, .unit = PeriodUnit::kMonths};
  Period three{.count = 3, .unit = PeriodUnit::kMonths};
  EXPECT_EQ(FormatDate(AddPeriod(D("2027-01-31"), month, none)), "2027-02-28");
  EXPECT_EQ(FormatDate(AddPeriod(D("2028-01-31"), month, none)), "2028-02-29");
  EXPECT_EQ(FormatDate(AddPeriod(D("2027-01-31"), three, none)), "2027-04-30");
  EXPECT_EQ(FormatDate(AddPeriod(D("2026-12-31"), month, none)), "2027-01-31");
  EXPECT_EQ(FormatDate(AddPeriod(D("2026-01-15"), month, none)), "2026-02-15");
}

TEST(DeadlinesTest, CalendarDaysAreNotMovedOffWeekendsOrHolidays) {
  auto rules = config::DefaultRuleset();
  ASSERT_TRUE(rules);
  // Received Wednesday Nov 11, 2026 (Veterans Day): 45 days later is Saturday Dec 26, kept.
  auto got = rules->DeadlinesFor("US-CA", RequestType::kDelete, D("2026-11-11"));
  ASSERT_TRUE(got);
  EXPECT_EQ(FormatDate(got->respond_by), "2026-12-26");
}

TEST(PeriodTest, ParsesTheThreeUnitsAndRefusesAnythingElse) {
  EXPECT_EQ(ParsePeriod("45 calendar days"), (Period{45, PeriodUnit::kCalendarDays}));
  EXPECT_EQ(ParsePeriod("10 business days"), (Period{10, PeriodUnit::kBusinessDays}));
  EXPECT_EQ(ParsePeriod("1 month"), (Period{1, PeriodUnit::kMonths}));
  EXPECT_EQ(ParsePeriod("2 months"), (Period{2, PeriodUnit::kMonths}));
  EXPECT_EQ(ParsePeriod("1 calendar day"), (Period{1, PeriodUnit::kCalendarDays}));
  EXPECT_EQ(ParsePeriod("2 month"), (Period{2, PeriodUnit::kMonths}));  // lenient: unambiguous
  for (const char* bad :
       {"", "45", "45 days", "0 calendar days", "-1 month", "1 months x", "1 months",
        "45  calendar days", "4000 calendar days", "ten business days", " 45 calendar days"}) {
    EXPECT_FALSE(ParsePeriod(bad)) << "'" << bad << "'";
  }
}

TEST(DateTest, ParsesOnlyRealDatesInTheStrictForm) {
  EXPECT_TRUE(ParseDate("2024-02-29"));
  EXPECT_TRUE(ParseDate("2026-12-31"));
  for (const char* bad : {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
                          "26-11-24", "2026/11/24", "2026-11-24T00:00", "24/11/2026", "",
                          "2026-1-5", "1899-12-31", "2026-11-2x"}) {
    EXPECT_FALSE(ParseDate(bad)) << bad;
  }
  EXPECT_EQ(FormatDate(*ParseDate("2026-03-09")), "2026-03-09");
}

}  // namespace
}  // namespace rightsdesk
