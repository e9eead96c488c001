#include "core/verification_policy.h"

#include <array>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<DataPoint>, 5> kPointNames{{
    {DataPoint::kEmail, "email"},
    {DataPoint::kPhone, "phone"},
    {DataPoint::kName, "name"},
    {DataPoint::kAddress, "address"},
    {DataPoint::kAccountId, "account_id"},
}};

constexpr std::array<EnumName<VerificationFallback>, 3> kFallbackNames{{
    {VerificationFallback::kNone, "none"},
    {VerificationFallback::kAnswerAsCategories, "answer_as_categories"},
    {VerificationFallback::kDenyAndOfferOptOut, "deny_offer_opt_out"},
}};

std::string MorePoints(int count) {
  return std::to_string(count) + " more matched data point" + (count == 1 ? "" : "s");
}

}  // namespace

std::string_view Name(DataPoint point) { return NameIn(kPointNames, point); }
std::optional<DataPoint> ParseDataPoint(std::string_view name) {
  return ParseIn(kPointNames, name);
}

std::string_view Name(VerificationFallback fallback) { return NameIn(kFallbackNames, fallback); }

VerificationRequirement RequirementOf(VerificationLevel level) {
  switch (level) {
    case VerificationLevel::kNone:
      return {.level = level, .points = 0, .declaration = false};
    case VerificationLevel::kReasonable:  // §7062(b)
      return {.level = level, .points = 2, .declaration = false};
    case VerificationLevel::kReasonablyHigh:  // §7062(c)
      return {.level = level, .points = 3, .declaration = true};
  }
  return {.level = VerificationLevel::kReasonablyHigh, .points = 3, .declaration = true};
}

VerificationLevel LevelFor(const Rule& rule, bool sensitive_data_held) {
  if (sensitive_data_held && rule.verification_sensitive) return *rule.verification_sensitive;
  return rule.verification;
}

namespace {

// §7063(a): a request an agent makes may be refused unless the agent shows the consumer's signed
// permission and the consumer confirms it directly; §7063(b): not with a power of attorney. Proof
// of identity is asked of the consumer as for any request, so these come on top of it, and a
// re-authenticated account holder still confirms the agent. Requests that need no proof
// (opt-out, limit) are honoured without these.
void AddAgentRequirements(const VerificationProofs& proofs, VerificationState& state) {
  state.by_agent = proofs.by_agent;
  state.agent_permission = proofs.agent_permission || proofs.power_of_attorney;
  state.agent_confirmed = proofs.agent_confirmed || proofs.power_of_attorney;
  if (!proofs.by_agent || state.required.level == VerificationLevel::kNone) return;
  if (!state.agent_permission) state.missing.push_back("the agent's signed permission");
  if (!state.agent_confirmed) state.missing.push_back("the consumer's confirmation of the agent");
  if (!state.agent_permission || !state.agent_confirmed) state.verified = false;
}

}  // namespace

bool CanBeReviewedOnIdentityDocument(DataPoint point) {
  return point == DataPoint::kName || point == DataPoint::kAddress;
}

bool IsContactPoint(DataPoint point) {
  return point == DataPoint::kEmail || point == DataPoint::kPhone;
}

VerificationState EvaluateVerification(const Rule& rule, const VerificationProofs& proofs) {
  VerificationState state;
  state.required = RequirementOf(LevelFor(rule, proofs.sensitive_data_held));
  for (DataPoint point : kAllDataPoints) {
    const bool confirmed = proofs.confirmed.contains(point);
    if (confirmed) state.confirmed.push_back(point);
    if (proofs.reviewed.contains(point) && CanBeReviewedOnIdentityDocument(point)) {
      state.reviewed.push_back(point);
      state.matched.push_back(point);
      continue;
    }
    if (!proofs.matched.contains(point)) continue;
    const bool counts = !proofs.contacts_need_code || !IsContactPoint(point) || confirmed;
    (counts ? state.matched : state.awaiting_code).push_back(point);
  }
  state.matched_system = proofs.matched_system;
  state.declaration_signed = proofs.declaration_signed;
  const int matched = static_cast<int>(state.matched.size());
  if (matched < state.required.points) {
    state.missing.push_back(MorePoints(state.required.points - matched));
    // What would count at once: a code to a contact point that already matched.
    for (DataPoint point : state.awaiting_code) {
      state.missing.push_back("a one-time code to the " + std::string(Name(point)));
    }
  }
  if (state.required.declaration && !proofs.declaration_signed) {
    state.missing.push_back("signed declaration");
  }
  // §7061(a): an account holder may be verified through the account's own authentication.
  state.by_reauthentication = !state.missing.empty() && proofs.reauthenticated;
  state.verified = state.missing.empty() || state.by_reauthentication;
  AddAgentRequirements(proofs, state);
  return state;
}

VerificationFallback FallbackFor(RequestType type) {
  switch (type) {
    case RequestType::kAccess:
      return VerificationFallback::kAnswerAsCategories;
    case RequestType::kDelete:
      return VerificationFallback::kDenyAndOfferOptOut;
    default:
      return VerificationFallback::kNone;
  }
}

}  // namespace rightsdesk
