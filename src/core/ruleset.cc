#include "core/ruleset.h"

#include <algorithm>

namespace rightsdesk {
namespace {

// Versions without an effective date come first: they apply from the beginning.
bool StartsBefore(const Calendar& a, const Calendar& b) {
  if (!a.effective_from()) return b.effective_from().has_value();
  return b.effective_from() && *a.effective_from() < *b.effective_from();
}

}  // namespace

void Ruleset::PutCalendar(Calendar calendar) {
  std::vector<Calendar>& versions = calendars_[calendar.id()];
  if (!calendar.effective_from()) {
    versions.clear();
  } else {
    std::erase_if(versions, [&](const Calendar& c) {
      return c.effective_from() == calendar.effective_from();
    });
  }
  auto at = std::upper_bound(versions.begin(), versions.end(), calendar, StartsBefore);
  versions.insert(at, std::move(calendar));
}

Result<const std::vector<Calendar>*> Ruleset::CalendarVersions(std::string_view id) const {
  auto it = calendars_.find(id);
  if (it == calendars_.end() || it->second.empty()) {
    return Fail(ErrorCode::kNotFound, "unknown calendar '" + std::string(id) + "'");
  }
  return &it->second;
}

Result<const Calendar*> Ruleset::FindCalendar(std::string_view id, Date on) const {
  auto versions = CalendarVersions(id);
  if (!versions) return std::unexpected(versions.error());
  const Calendar* found = &(*versions)->front();
  for (const Calendar& version : **versions) {
    if (!version.effective_from() || *version.effective_from() <= on) found = &version;
  }
  return found;
}

std::vector<std::string> Ruleset::CalendarIds() const {
  std::vector<std::string> ids;
  for (const auto& [id, versions] : calendars_) {
    if (!versions.empty()) ids.push_back(id);
  }
  return ids;
}

std::vector<const Rule*> Ruleset::RulesInEffect(Date on) const {
  std::vector<const Rule*> out;
  for (const Rule& rule : table_.rules()) {
    auto current = table_.Find(rule.jurisdiction, rule.type, on);
    if (current && *current == &rule) out.push_back(&rule);
  }
  return out;
}

Result<void> Ruleset::Validate() const {
  if (auto c = CalendarVersions(business_.calendar); !c) {
    return std::unexpected(c.error().WithContext("business.calendar"));
  }
  if (auto j = table_.FindJurisdiction(business_.default_jurisdiction); !j) {
    return std::unexpected(j.error().WithContext("business.default_jurisdiction"));
  }
  for (const Jurisdiction& j : table_.jurisdictions()) {
    if (j.calendar) {
      if (auto c = CalendarVersions(*j.calendar); !c) {
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
  // The calendar as it was on the day of receipt: a later version never moves this deadline.
  auto calendar = FindCalendar((*j)->calendar.value_or(business_.calendar), received_on);
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
