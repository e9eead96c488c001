#include "core/rules_changelog.h"

#include <algorithm>

namespace rightsdesk {

std::string_view Name(ChangeArea area) {
  switch (area) {
    case ChangeArea::kRules:
      return "rules";
    case ChangeArea::kCalendar:
      return "calendar";
  }
  return "rules";
}

std::optional<ChangeArea> ParseChangeArea(std::string_view name) {
  if (name == "rules") return ChangeArea::kRules;
  if (name == "calendar") return ChangeArea::kCalendar;
  return std::nullopt;
}

Result<void> RulesChangelog::Add(RuleChange change) {
  bool duplicate = std::ranges::any_of(changes_, [&](const RuleChange& c) {
    return c.company == change.company && c.version == change.version &&
           c.summary == change.summary;
  });
  if (duplicate) {
    return Fail(ErrorCode::kAlreadyExists, "change '" + change.summary + "' of version " +
                                               change.version + " is listed twice");
  }
  changes_.push_back(std::move(change));
  return {};
}

std::string RulesChangelog::Version() const {
  const RuleChange* latest = nullptr;
  for (const RuleChange& c : changes_) {
    if (c.company && (latest == nullptr || latest->published <= c.published)) latest = &c;
  }
  if (latest == nullptr) return shipped_version_;
  return shipped_version_ + "+" + latest->version;
}

std::vector<RuleChange> RulesChangelog::Entries() const {
  std::vector<RuleChange> out = changes_;
  std::stable_sort(out.begin(), out.end(), [](const RuleChange& a, const RuleChange& b) {
    if (a.published != b.published) return a.published > b.published;
    if (a.company != b.company) return a.company;
    return a.version > b.version;
  });
  return out;
}

Result<void> RulesChangelog::Validate() const {
  if (shipped_version_.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the shipped rule set has no version");
  }
  bool listed = std::ranges::any_of(
      changes_, [&](const RuleChange& c) { return !c.company && c.version == shipped_version_; });
  if (!listed) {
    return Fail(ErrorCode::kInvalidArgument,
                "no change log entry has the rule set's version " + shipped_version_);
  }
  return {};
}

}  // namespace rightsdesk
