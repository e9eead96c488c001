// Everything deadlines depend on, loaded once: the rules table, the calendars, and the business's
// defaults (time zone, calendar, jurisdiction); with them the priority rules and intake's
// screening (duplicates, disposable domains). Immutable after loading; safe to share.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "core/calendar.h"
#include "core/deadlines.h"
#include "core/disposable_domains.h"
#include "core/duplicates.h"
#include "core/error.h"
#include "core/priority_rules.h"
#include "core/rules.h"
#include "core/rules_changelog.h"
#include "core/status.h"

namespace rightsdesk {

struct BusinessSettings {
  std::string name = "RightsDesk";
  std::string time_zone = "America/Los_Angeles";
  std::string calendar = "US-CA";
  std::string default_jurisdiction = "US-CA";
  // This business's id in the Data Rights Protocol's service directory: signed messages must
  // name it as their "business-id" (docs/drp.md).
  std::string drp_id = "RIGHTSDESK";
  // The statuses whose reaching is told to the consumer (a "status_update" message); the
  // acknowledgment and an extension are always told. Not "denied" by default: a denial must
  // give its reasons, in a letter this program does not write yet.
  std::set<Status> status_updates = {Status::kVerified, Status::kCompleted,
                                     Status::kClosedUnverified, Status::kWithdrawn};
};

// How intake screens requests (issue 4's fraud defences, docs/verification.md "Fraud signals"):
// the window in which a repeat of an open request is linked to it as a duplicate, and the
// disposable email domains (the shipped list plus the installation's own).
struct IntakeScreening {
  int duplicate_window_days = kDefaultDuplicateWindowDays;  // 0: duplicates are not detected
  DisposableDomains disposable_domains;
};

// What a deadline for one request is computed from.
struct DeadlineBasis {
  const Jurisdiction* jurisdiction = nullptr;
  const Rule* rule = nullptr;
  const Calendar* calendar = nullptr;
  std::string time_zone;
};

class Ruleset {
 public:
  BusinessSettings& business() { return business_; }
  const BusinessSettings& business() const { return business_; }
  RulesTable& table() { return table_; }
  const RulesTable& table() const { return table_; }
  // The prioritisation rules (the shipped ones unless the company gives its own).
  std::vector<PriorityRule>& priority_rules() { return priority_rules_; }
  const std::vector<PriorityRule>& priority_rules() const { return priority_rules_; }
  IntakeScreening& screening() { return screening_; }
  const IntakeScreening& screening() const { return screening_; }

  // The rule set's version and change log (core/rules_changelog.h).
  RulesChangelog& changelog() { return changelog_; }
  const RulesChangelog& changelog() const { return changelog_; }

  // Adds a calendar. One with an effective_from adds (or replaces) the version of its id from that
  // day; one without replaces every version of its id (a company's own calendar, for all time).
  void PutCalendar(Calendar calendar);
  // The version of calendar `id` for requests received on `on`: the one with the latest
  // effective_from <= on; the earliest version for a day before all of them (there is no older
  // calendar to use). kNotFound for an unknown id.
  Result<const Calendar*> FindCalendar(std::string_view id, Date on) const;
  // Every version of calendar `id`, oldest first. kNotFound for an unknown id.
  Result<const std::vector<Calendar>*> CalendarVersions(std::string_view id) const;
  // The ids of every calendar, sorted.
  std::vector<std::string> CalendarIds() const;

  // The rows in effect on `on` (one per jurisdiction and type that has one), in table order.
  std::vector<const Rule*> RulesInEffect(Date on) const;

  // Checks cross-references once loading is done: the business defaults and every jurisdiction
  // name a known calendar and jurisdiction. kInvalidArgument naming the first dangling one.
  Result<void> Validate() const;

  // The time zone a jurisdiction's dates are in (its own, else the business's).
  Result<std::string> TimeZoneFor(std::string_view jurisdiction) const;

  // The rule, calendar and zone for a request of `type` received on `received_on`.
  // kNotFound for an unknown jurisdiction or a day before any rule took effect.
  Result<DeadlineBasis> Basis(std::string_view jurisdiction, RequestType type,
                              Date received_on) const;

  Result<Deadlines> DeadlinesFor(std::string_view jurisdiction, RequestType type,
                                 Date received_on) const;

 private:
  BusinessSettings business_;
  RulesTable table_;
  std::vector<PriorityRule> priority_rules_ = DefaultPriorityRules();
  IntakeScreening screening_;
  RulesChangelog changelog_;
  std::map<std::string, std::vector<Calendar>, std::less<>> calendars_;  // versions, oldest first
};

}  // namespace rightsdesk
