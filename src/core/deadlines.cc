#include "core/deadlines.h"

namespace rightsdesk {

Date AddPeriod(Date from, const Period& period, const Calendar& calendar) {
  switch (period.unit) {
    case PeriodUnit::kCalendarDays:
      return Date(std::chrono::sys_days(from) + std::chrono::days(period.count));
    case PeriodUnit::kBusinessDays:
      return calendar.AddBusinessDays(from, period.count);
    case PeriodUnit::kMonths: {
      std::chrono::year_month ym =
          std::chrono::year_month(from.year(), from.month()) + std::chrono::months(period.count);
      Date same_day = ym / from.day();
      return same_day.ok() ? same_day : Date(ym / std::chrono::last);
    }
  }
  return from;
}

Deadlines ComputeDeadlines(const Rule& rule, const Calendar& calendar, Date received_on) {
  Deadlines out;
  out.respond_by = AddPeriod(received_on, rule.respond, calendar);
  if (rule.acknowledge) out.acknowledge_by = AddPeriod(received_on, *rule.acknowledge, calendar);
  if (rule.extension) {
    if (rule.extension->unit == rule.respond.unit) {
      Period whole{rule.respond.count + rule.extension->count, rule.respond.unit};
      out.extended_respond_by = AddPeriod(received_on, whole, calendar);
    } else {
      out.extended_respond_by = AddPeriod(out.respond_by, *rule.extension, calendar);
    }
  }
  return out;
}

}  // namespace rightsdesk
