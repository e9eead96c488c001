#include "core/ruleset.h"

namespace rightsdesk {

void Ruleset::PutCalendar(Calendar calendar) {
  std::string id = calendar.id();
  calendars_.insert_or_assign(std::move(id), std::move(calendar));
}

Result<const Calendar*> Ruleset::FindCalendar(std::string_view id) const {
  auto it = calendars_.find(id);
  if (it == calendars_.end()) {
    return Fail(ErrorCode::kNotFound, "unknown calendar '" + std::string(id) + "'");
  }
  return &it->second;
}

Result<void> Ruleset::Validate() const {
  if (auto c = FindCalendar(business_.calendar); !c) {
    return std::unexpected(c.error().WithContext("business.calendar"));
  }
  if (auto j = table_.FindJurisdiction(business_.default_jurisdiction); !j) {
    return std::unexpected(j.error().WithContext("business.default_jurisdiction"));
  }
  for (const Jurisdiction& j : table_.jurisdictions()) {
    if (j.calendar) {
      if (auto c = FindCalendar(*j.calendar); !c) {
        return std::unexpected(c.error().WithContext("jurisdiction " + j.id));
      }
    }
  }
  return {};
}

Result<std::string> Ruleset::TimeZoneFor(std::string_view jurisdiction) const {
  auto j = table_.FindJurisdiction(jurisdiction);
  if (!j) return std::unexpected(j.error());
  return (*j)->time_zone.value_or(business_.time_zone);
}

Result<DeadlineBasis> Ruleset::Basis(std::string_view jurisdiction, RequestType type,
                                     Date received_on) const {
  auto j = table_.FindJurisdiction(jurisdiction);
  if (!j) return std::unexpected(j.error());
  auto rule = table_.Find(jurisdiction, type, received_on);
  if (!rule) return std::unexpected(rule.error());
  auto calendar = FindCalendar((*j)->calendar.value_or(business_.calendar));
  if (!calendar) return std::unexpected(calendar.error());
  return DeadlineBasis{.jurisdiction = *j,
                       .rule = *rule,
                       .calendar = *calendar,
                       .time_zone = (*j)->time_zone.value_or(business_.time_zone)};
}

Result<Deadlines> Ruleset::DeadlinesFor(std::string_view jurisdiction, RequestType type,
                                        Date received_on) const {
  auto basis = Basis(jurisdiction, type, received_on);
  if (!basis) return std::unexpected(basis.error());
  return ComputeDeadlines(*basis->rule, *basis->calendar, received_on);
}

}  // namespace rightsdesk
