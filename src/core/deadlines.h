// Deadlines from a rule, a calendar and the day of receipt (DESIGN.md section 4):
// - the day of receipt, in the business's time zone, is day 0;
// - a calendar-day deadline is day 0 + N, never moved off weekends or holidays;
// - a business-day deadline is the Nth business day after day 0;
// - a month deadline is the same day N months later, or that month's last day when it has no
//   such day (GDPR Art. 12(3); Regulation 1182/71 Art. 3(2)(c));
// - the extended deadline counts the whole period from day 0 when the extension has the response
//   period's unit (CCPA: day 0 + 45 + 45 = 90 days; GDPR: one month + two further months = three
//   months from receipt, so January 31 gives April 30); with different units the extension is
//   added to the first deadline.
#pragma once

#include <optional>

#include "core/calendar.h"
#include "core/period.h"
#include "core/rules.h"
#include "core/time.h"

namespace rightsdesk {

struct Deadlines {
  std::optional<Date> acknowledge_by;
  Date respond_by;
  std::optional<Date> extended_respond_by;

  friend bool operator==(const Deadlines&, const Deadlines&) = default;
};

Date AddPeriod(Date from, const Period& period, const Calendar& calendar);
Deadlines ComputeDeadlines(const Rule& rule, const Calendar& calendar, Date received_on);

}  // namespace rightsdesk
