#include "app/risk_assessment.h"

#include <chrono>

namespace rightsdesk::app {
namespace {

constexpr std::chrono::hours kRiskDay{24};
constexpr std::chrono::days kRiskMonth{30};

// What verification left on the trail: the latest match's points, a failure, refused codes.
void ReadVerificationSignals(const std::vector<AuditEvent>& events, RiskSignals& signals) {
  for (const AuditEvent& event : events) {
    if (event.action == kRiskFailedEvent) {
      signals.verification_failed = true;
    } else if (event.action == kRiskCodeRefusedEvent) {
      ++signals.codes_refused;
    } else if (event.action == kRiskMatchedEvent) {
      const nlohmann::json details = nlohmann::json::parse(event.details, nullptr, false);
      auto points = details.is_object() ? details.find("points") : details.end();
      const bool listed = details.is_object() && points != details.end() && points->is_array();
      signals.data_points_matched = listed ? static_cast<int>(points->size()) : 0;
    }
  }
}

// Requests naming `email` in the day and the month up to the request's receipt.
Result<std::pair<int, int>> RiskVelocity(const Services& services, store::RequesterRole role,
                                         const std::string& email, Instant received_at) {
  auto day = services.requests.CountReceived(role, email, received_at - kRiskDay, received_at);
  if (!day) return std::unexpected(day.error());
  auto month = services.requests.CountReceived(role, email, received_at - kRiskMonth, received_at);
  if (!month) return std::unexpected(month.error());
  return std::pair{static_cast<int>(*day), static_cast<int>(*month)};
}

}  // namespace

Result<RiskSignals> GatherRiskSignals(const Services& services, const Request& request,
                                      const std::vector<AuditEvent>& events) {
  RiskSignals signals;
  const SubjectIdentifiers& subject = request.subject;
  signals.disposable_email =
      !subject.email.empty() &&
      services.ruleset.screening().disposable_domains.IsDisposable(subject.email);
  signals.data_points_given = DataPointsGiven(subject);
  signals.by_agent = request.agent.present();
  ReadVerificationSignals(events, signals);
  const std::string context = "assessing the risk of " + request.reference;
  if (!subject.email.empty()) {  // empty once purged
    auto counts =
        RiskVelocity(services, store::RequesterRole::kConsumer, subject.email, request.received_at);
    if (!counts) return std::unexpected(counts.error().WithContext(context));
    std::tie(signals.email_requests_day, signals.email_requests_month) = *counts;
  }
  if (!request.agent.email.empty()) {
    auto counts = RiskVelocity(services, store::RequesterRole::kAgent, request.agent.email,
                               request.received_at);
    if (!counts) return std::unexpected(counts.error().WithContext(context));
    std::tie(signals.agent_requests_day, signals.agent_requests_month) = *counts;
  }
  return signals;
}

Result<RiskAssessment> AssessRequestRisk(const Services& services, const Request& request,
                                         const std::vector<AuditEvent>& events) {
  auto signals = GatherRiskSignals(services, request, events);
  if (!signals) return std::unexpected(signals.error());
  return AssessRisk(*signals);
}

nlohmann::json RiskJson(const RiskAssessment& risk) {
  return {{"score", risk.score}, {"level", Name(risk.level)}, {"reasons", risk.reasons}};
}

}  // namespace rightsdesk::app
