#include "app/prioritization.h"

#include "core/priority_rules.h"

namespace rightsdesk::app {

Result<std::optional<AuditEventDraft>> Reprioritize(const Services& services, Request& request,
                                                    std::string_view actor) {
  auto zone = services.ruleset.TimeZoneFor(request.jurisdiction);
  if (!zone) return std::unexpected(zone.error());
  const Instant now = services.clock.Now();
  auto today = services.zones.LocalDate(*zone, now);
  if (!today) return std::unexpected(today.error());
  auto earlier = services.requests.CountByEmail(request.subject.email);
  if (!earlier) return std::unexpected(earlier.error().WithContext("counting earlier requests"));
  const bool stored = request.version > 0;  // then it counts itself
  PriorityFacts facts{
      .type = request.type,
      .days_left = static_cast<int>(
          (std::chrono::sys_days{request.DueDate()} - std::chrono::sys_days{*today}).count()),
      .earlier_requests = static_cast<int>(*earlier - (stored ? 1 : 0)),
      .by_agent = request.agent.present()};
  PriorityDecision decision = Prioritize(services.ruleset.priority_rules(), facts);
  const Priority before = request.priority;
  request.priority = decision.priority;
  request.priority_reasons = std::move(decision.reasons);
  if (!stored || before == request.priority) return std::optional<AuditEventDraft>();
  return AuditEventDraft{.request_id = request.id,
                         .actor = std::string(actor),
                         .action = "request.prioritized",
                         .at = now,
                         .details = {{"from", Name(before)},
                                     {"to", Name(request.priority)},
                                     {"reasons", request.priority_reasons}}};
}

}  // namespace rightsdesk::app
