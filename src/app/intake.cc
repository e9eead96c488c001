#include "app/intake.h"

#include "app/prioritization.h"
#include "core/duplicates.h"
#include "core/text.h"
#include "security/api_token.h"

namespace rightsdesk::app {
namespace {

Result<std::string> Optional(std::string_view text, std::size_t max, std::string_view field) {
  return CleanText(TrimAscii(text), {.max_bytes = max}, field);
}

Result<SubjectIdentifiers> ReadSubject(const IntakeForm& form) {
  SubjectIdentifiers subject;
  subject.email = form.email;
  auto name = Optional(form.name, 200, "/subject/name");
  auto phone = Optional(form.phone, 40, "/subject/phone");
  auto address = Optional(form.address, 500, "/subject/address");
  auto account = Optional(form.account_id, 200, "/subject/account_id");
  for (auto* part : {&name, &phone, &address, &account}) {
    if (!*part) return std::unexpected(part->error());
  }
  subject.name = *name;
  subject.phone = *phone;
  subject.address = *address;
  subject.account_id = *account;
  return ValidateSubject(subject);
}

Result<std::string> ReadLanguage(std::string_view language) {
  if (language == "en" || language == "es") return std::string(language);
  return Fail(ErrorCode::kInvalidArgument,
              "language '" + std::string(language) + "' is not supported (en, es)", "/language");
}

// The parts of the form that do not depend on the rules.
Result<Request> ReadForm(const IntakeForm& form) {
  Request request;
  auto type = ParseRequestType(form.type);
  if (!type) {
    return Fail(ErrorCode::kInvalidArgument,
                "unknown request type '" + form.type + "' (one of: " + RequestTypeNames() + ")",
                "/type");
  }
  auto channel = ParseChannel(form.channel);
  if (!channel) {
    return Fail(ErrorCode::kInvalidArgument,
                "unknown channel '" + form.channel + "' (one of: " + ChannelNames() + ")",
                "/channel");
  }
  auto subject = ReadSubject(form);
  if (!subject) return std::unexpected(subject.error());
  auto language = ReadLanguage(form.language);
  if (!language) return std::unexpected(language.error());
  auto message = CleanText(form.message, {.max_bytes = 10000, .allow_newlines = true}, "/message");
  if (!message) return std::unexpected(message.error());
  auto agent = ValidateAgent({.name = form.agent_name, .email = form.agent_email});
  if (!agent) return std::unexpected(agent.error());
  request.type = *type;
  request.channel = *channel;
  request.subject = std::move(*subject);
  request.language = std::move(*language);
  request.message = std::move(*message);
  request.agent = std::move(*agent);
  return request;
}

// Day 0 and the deadlines, in the jurisdiction's business time zone.
Result<void> Schedule(const Services& services, Request& request) {
  auto zone = services.ruleset.TimeZoneFor(request.jurisdiction);
  if (!zone) return std::unexpected(zone.error().WithContext("/jurisdiction"));
  auto day0 = services.zones.LocalDate(*zone, request.received_at);
  if (!day0) return std::unexpected(day0.error());
  auto deadlines = services.ruleset.DeadlinesFor(request.jurisdiction, request.type, *day0);
  if (!deadlines) return std::unexpected(deadlines.error());
  auto due = services.zones.EndOfDay(*zone, deadlines->respond_by);
  if (!due) return std::unexpected(due.error());
  request.received_on = *day0;
  request.deadlines = *deadlines;
  request.due_at = *due;
  return {};
}

nlohmann::json SubmittedDetails(const Services& services, const Request& r) {
  nlohmann::json details = {{"type", Name(r.type)},
                            {"channel", Name(r.channel)},
                            {"jurisdiction", r.jurisdiction},
                            {"received_on", FormatDate(r.received_on)},
                            {"respond_by", FormatDate(r.deadlines.respond_by)}};
  // What computed the deadlines: the rule set's version, the row (by the day it took effect) and
  // the calendar version, so a later change to the rules can be told from this request's dates.
  if (auto basis = services.ruleset.Basis(r.jurisdiction, r.type, r.received_on)) {
    const std::optional<Date>& calendar_from = basis->calendar->effective_from();
    details["rules_version"] = services.ruleset.changelog().Version();
    details["rule_from"] = FormatDate(basis->rule->effective_from);
    details["calendar"] = basis->calendar->id();
    details["calendar_from"] = calendar_from ? nlohmann::json(FormatDate(*calendar_from)) : nullptr;
  }
  // Whether an agent acts is part of the "manner" of the request (§7101); who it is, is not here.
  if (r.agent.present()) details["by_agent"] = true;
  if (r.deadlines.acknowledge_by) {
    details["acknowledge_by"] = FormatDate(*r.deadlines.acknowledge_by);
  }
  return details;
}

}  // namespace

Result<Submitted> SubmitRequest(const Services& services, const IntakeForm& form,
                                std::string_view actor) {
  auto request = ReadForm(form);
  if (!request) return std::unexpected(request.error());
  request->jurisdiction = form.jurisdiction.empty()
                              ? services.ruleset.business().default_jurisdiction
                              : form.jurisdiction;
  if (auto known = services.ruleset.table().FindJurisdiction(request->jurisdiction); !known) {
    return Fail(ErrorCode::kInvalidArgument, known.error().message(), "/jurisdiction");
  }
  request->received_at = services.clock.Now();
  request->id = form.request_id.empty() ? NewTimeOrderedUuid(request->received_at, services.random)
                                        : form.request_id;
  Submitted submitted{.status_token = security::NewStatusTokenSecret(services.random)};
  request->status_token_hash = security::HashToken(submitted.status_token);
  request->updated_at = request->received_at;
  if (auto scheduled = Schedule(services, *request); !scheduled) {
    return std::unexpected(scheduled.error());
  }
  auto facts = FactsToday(services, *request);
  if (!facts) return std::unexpected(facts.error());
  // No personal data in the event: the record outlives the data (audit_event.h).
  AuditEventDraft event{.request_id = request->id,
                        .actor = std::string(actor),
                        .action = "request.submitted",
                        .at = request->received_at,
                        .details = SubmittedDetails(services, *request)};
  std::vector<NoticeDraft> notices;
  // A browser's GPC signal carries no address to answer; everyone else is told we have it.
  if (request->channel != Channel::kGpc) {
    // The acknowledgment carries the status link; the outbox seals its parameters.
    notices.push_back(
        {.request_id = request->id,
         .kind = "acknowledgment",
         .params = {{"language", request->language}, {"status_token", submitted.status_token}}});
  }
  // The store reads the consumer's earlier requests in the insert's own transaction, so that a
  // repeat is prioritised and a duplicate linked even when two submissions race.
  const std::chrono::days window{services.ruleset.screening().duplicate_window_days};
  auto screen = [&](Request& r,
                    const store::EarlierRequests& earlier) -> Result<std::vector<AuditEventDraft>> {
    facts->earlier_requests = static_cast<int>(earlier.count);
    ApplyPriority(services.ruleset, *facts, r);
    auto open = FindDuplicateOf(r, earlier.open, window);
    if (!open) return std::vector<AuditEventDraft>{};
    return CloseAsDuplicate(r, *open, actor, window);
  };
  auto stored = services.requests.Insert(*request, event, notices, screen);
  if (!stored) return std::unexpected(stored.error());
  submitted.request = std::move(*stored);
  return submitted;
}

std::string StatusPath(std::string_view request_id, std::string_view status_token) {
  return "/privacy/status/" + std::string(request_id) + "/" + std::string(status_token);
}

}  // namespace rightsdesk::app
