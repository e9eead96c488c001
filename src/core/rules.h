// The rules table (DESIGN.md section 4): for each jurisdiction and request type, which proof of
// identity is needed and how long each step may take. Rows are data with effective dates, loaded
// from rules/*.toml and a company's own overrides; this class only stores and looks them up.
// Not thread-safe while being built; immutable (and shareable) once loading is done.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/period.h"
#include "core/request_type.h"
#include "core/time.h"

namespace rightsdesk {

enum class VerificationLevel {
  kNone,            // only what is needed to act (opt-out, limit)
  kReasonable,      // 2 matched data points (Cal. Code Regs. tit. 11 §7062(b))
  kReasonablyHigh,  // 3 data points + signed declaration (§7062(c))
};

std::string_view Name(VerificationLevel level);
std::optional<VerificationLevel> ParseVerificationLevel(std::string_view name);
std::string VerificationLevelNames();

struct Jurisdiction {
  std::string id;    // "US-CA", "EU"
  std::string name;  // "California (CCPA/CPRA)"
  std::string law;   // citation of the statute
  // The business time zone and holiday calendar for this jurisdiction's deadlines; unset means
  // the installation's defaults.
  std::optional<std::string> time_zone;
  std::optional<std::string> calendar;
};

struct Rule {
  std::string jurisdiction;
  RequestType type = RequestType::kAccess;
  Date effective_from;
  std::optional<Date> effective_until;  // last day in effect, inclusive
  VerificationLevel verification = VerificationLevel::kNone;
  // Level when the data concerned is sensitive (deletion of sensitive PI: §7062(d)).
  std::optional<VerificationLevel> verification_sensitive;
  std::optional<Period> acknowledge;  // confirm receipt within; unset: no such duty
  Period respond;
  std::optional<Period> extension;  // added to the first deadline, once; unset: none
  std::optional<Period> appeal;     // time to decide an appeal; unset: no appeal right
  std::string citation;
};

// A company's change to a row: the fields it sets replace those of the row in effect on
// `effective_from`; the rest is inherited. `clear_*` removes an optional duty.
struct RuleOverride {
  std::string jurisdiction;
  RequestType type = RequestType::kAccess;
  Date effective_from;
  std::optional<Date> effective_until;
  std::optional<VerificationLevel> verification;
  std::optional<VerificationLevel> verification_sensitive;
  std::optional<Period> acknowledge;
  std::optional<Period> respond;
  std::optional<Period> extension;
  std::optional<Period> appeal;
  bool clear_acknowledge = false;
  bool clear_extension = false;
  bool clear_appeal = false;
  std::optional<std::string> citation;
};

class RulesTable {
 public:
  // kAlreadyExists if the id is taken (use ReplaceJurisdiction for a company's change).
  Result<void> AddJurisdiction(Jurisdiction jurisdiction);
  void ReplaceJurisdiction(Jurisdiction jurisdiction);
  // kInvalidArgument for an unknown jurisdiction; kAlreadyExists for a duplicate
  // (jurisdiction, type, effective_from).
  Result<void> AddRule(Rule rule);
  // Applies a company override. A row with no predecessor must set `respond` (and gets no
  // acknowledgment, extension or appeal unless it sets them).
  Result<void> ApplyOverride(const RuleOverride& change);

  // kNotFound when the jurisdiction is unknown.
  Result<const Jurisdiction*> FindJurisdiction(std::string_view id) const;
  // The row in effect on `on`: the latest effective_from <= on, not past its effective_until.
  // kNotFound when the jurisdiction has no such row (e.g. received before the law took effect).
  Result<const Rule*> Find(std::string_view jurisdiction, RequestType type, Date on) const;

  const std::vector<Jurisdiction>& jurisdictions() const { return jurisdictions_; }
  const std::vector<Rule>& rules() const { return rules_; }

 private:
  Rule* FindExact(std::string_view jurisdiction, RequestType type, Date effective_from);

  std::vector<Jurisdiction> jurisdictions_;
  std::vector<Rule> rules_;
};

}  // namespace rightsdesk
