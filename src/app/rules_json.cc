#include "app/rules_json.h"

namespace rightsdesk::app {

using nlohmann::json;

json ChangeJson(const RuleChange& change) {
  return {{"version", change.version},
          {"published", FormatDate(change.published)},
          {"effective", FormatDate(change.effective)},
          {"area", Name(change.area)},
          {"summary", change.summary},
          {"source", change.source},
          {"reviewed_by", change.reviewed_by},
          {"origin", change.company ? "company" : "shipped"}};
}

json ChangelogJson(const Ruleset& ruleset) {
  json changes = json::array();
  for (const RuleChange& change : ruleset.changelog().Entries()) {
    changes.push_back(ChangeJson(change));
  }
  return {{"version", ruleset.changelog().Version()},
          {"shipped_version", ruleset.changelog().shipped_version()},
          {"changes", std::move(changes)}};
}

namespace {

json OptionalPeriod(const std::optional<Period>& period) {
  return period ? json(FormatPeriod(*period)) : json(nullptr);
}

json CalendarJson(const Calendar& calendar, int year) {
  json days = json::array();
  for (const Holiday& day : calendar.HolidaysIn(year)) {
    days.push_back(
        {{"date", FormatDate(day.date)}, {"name", day.name}, {"observed", day.observed}});
  }
  return {
      {"id", calendar.id()},
      {"name", calendar.name()},
      {"effective_from",
       calendar.effective_from() ? json(FormatDate(*calendar.effective_from())) : json(nullptr)},
      {"year", year},
      {"days_off", std::move(days)}};
}

}  // namespace

json RuleJson(const Rule& rule) {
  return {{"jurisdiction", rule.jurisdiction},
          {"type", Name(rule.type)},
          {"effective_from", FormatDate(rule.effective_from)},
          {"effective_until",
           rule.effective_until ? json(FormatDate(*rule.effective_until)) : json(nullptr)},
          {"verification", Name(rule.verification)},
          {"verification_sensitive",
           rule.verification_sensitive ? json(Name(*rule.verification_sensitive)) : json(nullptr)},
          {"acknowledge", OptionalPeriod(rule.acknowledge)},
          {"respond", FormatPeriod(rule.respond)},
          {"extension", OptionalPeriod(rule.extension)},
          {"appeal", OptionalPeriod(rule.appeal)},
          {"citation", rule.citation}};
}

json EffectiveRulesJson(const Ruleset& ruleset, Date on) {
  json rules = json::array();
  for (const Rule* rule : ruleset.RulesInEffect(on)) rules.push_back(RuleJson(*rule));
  json calendars = json::array();
  for (const std::string& id : ruleset.CalendarIds()) {
    if (auto calendar = ruleset.FindCalendar(id, on)) {
      calendars.push_back(CalendarJson(**calendar, static_cast<int>(on.year())));
    }
  }
  return {{"version", ruleset.changelog().Version()},
          {"at", FormatDate(on)},
          {"rules", std::move(rules)},
          {"calendars", std::move(calendars)}};
}

json ReviewItemJson(const ReviewItem& item) {
  return {{"id", item.id},
          {"kind", Name(item.kind)},
          {"title", item.title},
          {"source", item.source},
          {"owner", item.owner},
          {"due_on", FormatDate(item.due_on)},
          {"status", Name(item.status)},
          {"created_by", item.created_by},
          {"created_at", FormatInstant(item.created_at)},
          {"done_by", item.done_by.empty() ? json(nullptr) : json(item.done_by)},
          {"done_at", item.done_at ? json(FormatInstant(*item.done_at)) : json(nullptr)},
          {"note", item.note},
          {"reminded_due_soon", item.reminded_due_soon},
          {"reminded_overdue", item.reminded_overdue}};
}

}  // namespace rightsdesk::app
