#include "core/rules.h"

#include <algorithm>
#include <array>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<VerificationLevel>, 3> kLevelNames{{
    {VerificationLevel::kNone, "none"},
    {VerificationLevel::kReasonable, "reasonable"},
    {VerificationLevel::kReasonablyHigh, "reasonably_high"},
}};

bool InEffect(const Rule& rule, Date on) {
  return rule.effective_from <= on && (!rule.effective_until || on <= *rule.effective_until);
}

void Merge(const RuleOverride& change, Rule& row) {
  row.effective_from = change.effective_from;
  if (change.effective_until) row.effective_until = change.effective_until;
  if (change.verification) row.verification = *change.verification;
  if (change.verification_sensitive) row.verification_sensitive = change.verification_sensitive;
  if (change.acknowledge) row.acknowledge = change.acknowledge;
  if (change.clear_acknowledge) row.acknowledge.reset();
  if (change.respond) row.respond = *change.respond;
  if (change.extension) row.extension = change.extension;
  if (change.clear_extension) row.extension.reset();
  if (change.appeal) row.appeal = change.appeal;
  if (change.clear_appeal) row.appeal.reset();
  if (change.citation) row.citation = *change.citation;
}

}  // namespace

std::string_view Name(VerificationLevel level) { return NameIn(kLevelNames, level); }
std::optional<VerificationLevel> ParseVerificationLevel(std::string_view name) {
  return ParseIn(kLevelNames, name);
}
std::string VerificationLevelNames() { return NamesIn(kLevelNames); }

Result<void> RulesTable::AddJurisdiction(Jurisdiction jurisdiction) {
  if (FindJurisdiction(jurisdiction.id)) {
    return Fail(ErrorCode::kAlreadyExists, "jurisdiction " + jurisdiction.id + " is defined twice");
  }
  jurisdictions_.push_back(std::move(jurisdiction));
  return {};
}

void RulesTable::ReplaceJurisdiction(Jurisdiction jurisdiction) {
  for (Jurisdiction& existing : jurisdictions_) {
    if (existing.id == jurisdiction.id) {
      existing = std::move(jurisdiction);
      return;
    }
  }
  jurisdictions_.push_back(std::move(jurisdiction));
}

Result<void> RulesTable::AddRule(Rule rule) {
  if (!FindJurisdiction(rule.jurisdiction)) {
    return Fail(ErrorCode::kInvalidArgument,
                "rule for unknown jurisdiction '" + rule.jurisdiction + "'");
  }
  if (FindExact(rule.jurisdiction, rule.type, rule.effective_from)) {
    return Fail(ErrorCode::kAlreadyExists, "two rules for " + rule.jurisdiction + " " +
                                               std::string(Name(rule.type)) + " take effect on " +
                                               FormatDate(rule.effective_from));
  }
  rules_.push_back(std::move(rule));
  return {};
}

Result<void> RulesTable::ApplyOverride(const RuleOverride& change) {
  if (!FindJurisdiction(change.jurisdiction)) {
    return Fail(ErrorCode::kInvalidArgument,
                "override for unknown jurisdiction '" + change.jurisdiction + "'");
  }
  if (Rule* same_day = FindExact(change.jurisdiction, change.type, change.effective_from)) {
    Merge(change, *same_day);
    return {};
  }
  Rule row;
  if (auto base = Find(change.jurisdiction, change.type, change.effective_from)) {
    row = **base;
    row.effective_until.reset();
  } else if (!change.respond) {
    return Fail(ErrorCode::kInvalidArgument,
                "override for " + change.jurisdiction + " " + std::string(Name(change.type)) +
                    " from " + FormatDate(change.effective_from) +
                    " has no earlier row to inherit from, so it must set 'respond'");
  } else {
    row.jurisdiction = change.jurisdiction;
    row.type = change.type;
  }
  Merge(change, row);
  rules_.push_back(std::move(row));
  return {};
}

Result<const Jurisdiction*> RulesTable::FindJurisdiction(std::string_view id) const {
  for (const Jurisdiction& j : jurisdictions_) {
    if (j.id == id) return &j;
  }
  return Fail(ErrorCode::kNotFound, "unknown jurisdiction '" + std::string(id) + "'");
}

Result<const Rule*> RulesTable::Find(std::string_view jurisdiction, RequestType type,
                                     Date on) const {
  if (auto j = FindJurisdiction(jurisdiction); !j) return std::unexpected(j.error());
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    if (rule.jurisdiction != jurisdiction || rule.type != type || !InEffect(rule, on)) continue;
    if (!best || best->effective_from < rule.effective_from) best = &rule;
  }
  if (!best) {
    return Fail(ErrorCode::kNotFound, "no rule for " + std::string(Name(type)) + " requests in " +
                                          std::string(jurisdiction) + " is in effect on " +
                                          FormatDate(on));
  }
  return best;
}

Rule* RulesTable::FindExact(std::string_view jurisdiction, RequestType type, Date effective_from) {
  auto it = std::find_if(rules_.begin(), rules_.end(), [&](const Rule& r) {
    return r.jurisdiction == jurisdiction && r.type == type && r.effective_from == effective_from;
  });
  return it == rules_.end() ? nullptr : &*it;
}

}  // namespace rightsdesk
