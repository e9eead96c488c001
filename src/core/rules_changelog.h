// The rule set's version and its change log (issue 7, "Rule reviews"): every change to the shipped
// rules table or calendars is an entry of rules/changelog.toml saying what changed, from when,
// on what authority and who reviewed it; a company records its own overrides the same way in its
// rightsdesk.toml. Data only; immutable once loaded, so safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace rightsdesk {

enum class ChangeArea { kRules, kCalendar };

std::string_view Name(ChangeArea area);
std::optional<ChangeArea> ParseChangeArea(std::string_view name);

struct RuleChange {
  std::string version;  // the rule set version that brought the change ("2026.2")
  Date published;       // the day the change was made to the rule set
  Date effective;       // the first day of receipt it applies to
  ChangeArea area = ChangeArea::kRules;
  std::string summary;      // what changed, in a sentence
  std::string source;       // citation or link to the authority for it
  std::string reviewed_by;  // who reviewed the change (a name or a role)
  bool company = false;     // the installation's own change (rightsdesk.toml), not shipped
};

class RulesChangelog {
 public:
  // The shipped rule set's version (rules/changelog.toml `version`).
  void set_shipped_version(std::string version) { shipped_version_ = std::move(version); }
  const std::string& shipped_version() const { return shipped_version_; }

  // kAlreadyExists when an entry of the same origin already has `change.version` and summary.
  Result<void> Add(RuleChange change);

  // The version in force: the shipped version, followed by "+<version>" of the company's latest
  // change when it has recorded any ("2026.2+acme-3").
  std::string Version() const;

  // Every entry, newest published first (then company before shipped, then version).
  std::vector<RuleChange> Entries() const;

  // Checks the shipped entries against the shipped version: kInvalidArgument when the version is
  // missing or no shipped entry carries it (a change made without bumping the version, or the
  // other way round).
  Result<void> Validate() const;

 private:
  std::string shipped_version_;
  std::vector<RuleChange> changes_;
};

}  // namespace rightsdesk
