#include "core/period.h"

#include <charconv>

namespace rightsdesk {

Result<Period> ParsePeriod(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return Fail(ErrorCode::kInvalidArgument,
                "period '" + std::string(text) + "' " + std::string(why) +
                    " (expected e.g. '45 calendar days', '10 business days', '1 month')");
  };
  auto space = text.find(' ');
  if (space == std::string_view::npos) return bad("has no unit");
  std::string_view number = text.substr(0, space);
  std::string_view unit = text.substr(space + 1);
  int count = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), count);
  if (ec != std::errc() || end != number.data() + number.size() || number.empty()) {
    return bad("does not start with a whole number");
  }
  if (count < 1 || count > 3650) return bad("is out of range 1-3650");
  Period period{.count = count};
  bool plural = count != 1;
  auto is = [&](std::string_view singular) {
    return unit == singular || (plural && unit.size() == singular.size() + 1 &&
                                unit.starts_with(singular) && unit.back() == 's');
  };
  if (is("calendar day")) {
    period.unit = PeriodUnit::kCalendarDays;
  } else if (is("business day")) {
    period.unit = PeriodUnit::kBusinessDays;
  } else if (is("month")) {
    period.unit = PeriodUnit::kMonths;
  } else {
    return bad("has an unknown unit");
  }
  return period;
}

std::string FormatPeriod(const Period& period) {
  std::string unit;
  switch (period.unit) {
    case PeriodUnit::kCalendarDays:
      unit = "calendar day";
      break;
    case PeriodUnit::kBusinessDays:
      unit = "business day";
      break;
    case PeriodUnit::kMonths:
      unit = "month";
      break;
  }
  return std::to_string(period.count) + " " + unit + (period.count == 1 ? "" : "s");
}

}  // namespace rightsdesk
