#include "app/request_json.h"

#include "app/risk_assessment.h"

namespace rightsdesk::app {
namespace {

using nlohmann::json;

json OptionalDate(const std::optional<Date>& date) {
  return date ? json(FormatDate(*date)) : json(nullptr);
}

json OptionalText(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

}  // namespace

json DeadlinesJson(const Deadlines& d) {
  return {{"acknowledge_by", OptionalDate(d.acknowledge_by)},
          {"respond_by", FormatDate(d.respond_by)},
          {"extended_respond_by", OptionalDate(d.extended_respond_by)}};
}

json RequestJson(const Request& r, Instant now) {
  json subject = {{"email", r.subject.email},
                  {"name", OptionalText(r.subject.name)},
                  {"phone", OptionalText(r.subject.phone)},
                  {"address", OptionalText(r.subject.address)},
                  {"account_id", OptionalText(r.subject.account_id)}};
  json out = {{"id", r.id},
              {"reference", r.reference},
              {"type", Name(r.type)},
              {"status", Name(r.status)},
              {"channel", Name(r.channel)},
              {"priority", Name(r.priority)},
              {"priority_reasons", r.priority_reasons},
              {"jurisdiction", r.jurisdiction},
              {"language", r.language},
              {"subject", subject},
              {"message", OptionalText(r.message)},
              {"agent", r.agent.present() ? json{{"name", r.agent.name}, {"email", r.agent.email}}
                                          : json(nullptr)},
              {"received_at", FormatInstant(r.received_at)},
              {"received_on", FormatDate(r.received_on)},
              {"due_on", FormatDate(r.DueDate())},
              {"due_at", FormatInstant(r.due_at)},
              {"extended", r.extended},
              {"overdue", r.IsOverdue(now)},
              {"assignee", OptionalText(r.assignee)},
              {"version", r.version},
              {"updated_at", FormatInstant(r.updated_at)},
              {"closed_at", r.closed_at ? json(FormatInstant(*r.closed_at)) : json(nullptr)},
              {"duplicate_of", OptionalText(r.duplicate_of)},
              {"denial_basis", r.status == Status::kDenied
                                   ? json(Name(DenialBasisOf(r.status, r.denial_basis).value()))
                                   : json(nullptr)}};
  out.update(DeadlinesJson(r.deadlines));
  return out;
}

Result<json> RequestDetailJson(const Services& services, const Request& request) {
  auto events = services.requests.EventsOf(request.id);
  if (!events) return std::unexpected(events.error());
  auto risk = AssessRequestRisk(services, request, *events);
  if (!risk) return std::unexpected(risk.error());
  json out = RequestJson(request, services.clock.Now());
  out["events"] = json::array();
  for (const AuditEvent& e : *events) out["events"].push_back(EventJson(e));
  out["risk"] = RiskJson(*risk);
  return out;
}

json EventJson(const AuditEvent& e) {
  json details = json::parse(e.details, nullptr, false);
  return {{"seq", e.seq},
          {"actor", e.actor},
          {"action", e.action},
          {"at", FormatInstant(e.at)},
          {"details", details.is_discarded() ? json(e.details) : details}};
}

}  // namespace rightsdesk::app
