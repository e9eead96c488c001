#include "core/fraud_risk.h"

#include <algorithm>
#include <array>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<RiskLevel>, 3> kRiskLevelNames{{
    {RiskLevel::kLow, "low"},
    {RiskLevel::kMedium, "medium"},
    {RiskLevel::kHigh, "high"},
}};

struct RiskWeight {
  std::string_view reason;
  int points;
};

// Each signal's points for these signals (0: it did not hold), heaviest first (fraud_risk.h).
std::array<RiskWeight, 9> RiskWeightsOf(const RiskSignals& s) {
  const bool mismatch = s.data_points_matched && *s.data_points_matched < s.data_points_given;
  const int codes = s.codes_refused >= 3 ? 20 : s.codes_refused > 0 ? 10 : 0;
  return {{
      {"verification_failed", s.verification_failed ? 35 : 0},
      {"data_points_mismatch", mismatch ? 25 : 0},
      {"disposable_email", s.disposable_email ? 20 : 0},
      {"codes_refused", codes},
      {"email_velocity_day", s.email_requests_day >= kEmailRequestsPerDayRisk ? 15 : 0},
      {"email_velocity_month", s.email_requests_month >= kEmailRequestsPerMonthRisk ? 10 : 0},
      {"authorized_agent", s.by_agent ? 10 : 0},
      {"agent_velocity_day", s.agent_requests_day >= kAgentRequestsPerDayRisk ? 10 : 0},
      {"agent_velocity_month", s.agent_requests_month >= kAgentRequestsPerMonthRisk ? 5 : 0},
  }};
}

}  // namespace

std::string_view Name(RiskLevel level) { return NameIn(kRiskLevelNames, level); }

RiskAssessment AssessRisk(const RiskSignals& signals) {
  std::array<RiskWeight, 9> weights = RiskWeightsOf(signals);
  // Stable: equal weights keep the table's order, so the reasons read the same every time.
  std::ranges::stable_sort(weights, std::greater<>{}, &RiskWeight::points);
  RiskAssessment out;
  for (const RiskWeight& w : weights) {
    if (w.points == 0) continue;
    out.score += w.points;
    out.reasons.emplace_back(w.reason);
  }
  out.score = std::min(out.score, 100);
  out.level = out.score >= kHighRiskFrom     ? RiskLevel::kHigh
              : out.score >= kMediumRiskFrom ? RiskLevel::kMedium
                                             : RiskLevel::kLow;
  return out;
}

int DataPointsGiven(const SubjectIdentifiers& subject) {
  int given = 0;
  for (const std::string* value :
       {&subject.email, &subject.name, &subject.phone, &subject.address, &subject.account_id}) {
    if (!value->empty()) ++given;
  }
  return given;
}

}  // namespace rightsdesk
