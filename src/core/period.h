// A legal time period as written in a rules file: "45 calendar days", "10 business days",
// "1 month", "2 months". Parsing is strict; the text is what a compliance person writes.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk {

enum class PeriodUnit { kCalendarDays, kBusinessDays, kMonths };

struct Period {
  int count = 0;
  PeriodUnit unit = PeriodUnit::kCalendarDays;

  friend bool operator==(const Period&, const Period&) = default;
};

// Accepts "<n> calendar day(s)", "<n> business day(s)", "<n> month(s)" with 1 <= n <= 3650;
// single spaces between words, lower case. kInvalidArgument otherwise.
Result<Period> ParsePeriod(std::string_view text);
std::string FormatPeriod(const Period& period);

}  // namespace rightsdesk
