#include "app/prioritization.h"

namespace rightsdesk::app {

Result<PriorityFacts> FactsToday(const Services& services, const Request& request) {
  auto zone = services.ruleset.TimeZoneFor(request.jurisdiction);
  if (!zone) return std::unexpected(zone.error());
  auto today = services.zones.LocalDate(*zone, services.clock.Now());
  if (!today) return std::unexpected(today.error());
  return PriorityFacts{
      .type = request.type,
      .days_left = static_cast<int>(
          (std::chrono::sys_days{request.DueDate()} - std::chrono::sys_days{*today}).count()),
      .by_agent = request.agent.present()};
}

void ApplyPriority(const Ruleset& ruleset, const PriorityFacts& facts, Request& request) {
  PriorityDecision decision = Prioritize(ruleset.priority_rules(), facts);
  request.priority = decision.priority;
  request.priority_reasons = std::move(decision.reasons);
}

Result<std::optional<AuditEventDraft>> Reprioritize(const Services& services, Request& request,
                                                    std::string_view actor) {
  auto facts = FactsToday(services, request);
  if (!facts) return std::unexpected(facts.error());
  auto count = services.requests.CountByEmail(request.subject.email);
  if (!count) return std::unexpected(count.error().WithContext("counting earlier requests"));
  facts->earlier_requests = static_cast<int>(*count - 1);  // the stored request counts itself
  const Priority before = request.priority;
  ApplyPriority(services.ruleset, *facts, request);
  if (before == request.priority) return std::optional<AuditEventDraft>();
  return AuditEventDraft{.request_id = request.id,
                         .actor = std::string(actor),
                         .action = "request.prioritized",
                         .at = services.clock.Now(),
                         .details = {{"from", Name(before)},
                                     {"to", Name(request.priority)},
                                     {"reasons", request.priority_reasons}}};
}

}  // namespace rightsdesk::app
