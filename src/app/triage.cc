#include "app/triage.h"

#include "app/email_intake.h"
#include "app/intake.h"
#include "app/message_classifier.h"
#include "security/api_token.h"

namespace rightsdesk::app {
namespace {

Result<store::InboundRecord> Waiting(store::InboxStore& inbox, std::string_view id) {
  auto record = inbox.FindInbound(id);
  if (!record) return std::unexpected(record.error());
  if (record->kind != "triage") {
    return Fail(ErrorCode::kNotFound,
                "message " + std::string(id) + " does not wait in triage (" + record->kind + ")");
  }
  return record;
}

AuditEventDraft Decided(const Services& services, std::string request_id, std::string action,
                        std::string_view id, std::string_view type, std::string_view actor) {
  return {.request_id = std::move(request_id),
          .actor = std::string(actor),
          .action = std::move(action),
          .at = services.clock.Now(),
          .details = {{"inbound", id}, {"type", type}}};
}

// The decision teaches the classifier. A message too long to learn from is still decided.
Result<void> Learn(const Services& services, store::CorrectionStore& corrections,
                   const store::InboundRecord& record, std::string_view type,
                   std::string_view language, std::string_view actor) {
  auto learnt = RecordCorrection(corrections, services.clock, services.random,
                                 record.subject + "\n" + record.text, type, language, actor);
  if (!learnt && learnt.error().code() == ErrorCode::kInvalidArgument) return {};
  return learnt;
}

std::string LanguageFor(const store::InboundRecord& record, std::string_view given) {
  if (!given.empty()) return std::string(given);
  return record.language.empty() ? std::string("en") : record.language;
}

}  // namespace

Result<Request> AcceptTriaged(const Services& services, TriageStores stores,
                              std::string_view inbound_id, std::string_view type,
                              std::string_view language, std::string_view actor) {
  auto record = Waiting(stores.inbox, inbound_id);
  if (!record) return std::unexpected(record.error());
  IntakeForm form{.type = std::string(type),
                  .email = record->from_address,
                  .name = record->from_name,
                  .channel = "email",
                  .language = LanguageFor(*record, language),
                  .message = RequestText(record->subject, record->text),
                  .request_id = UuidFromDigest(security::HashToken("triage:" + record->id))};
  auto submitted = SubmitRequest(services, form, actor);
  if (!submitted && submitted.error().field() == "/name") {
    form.name.clear();
    submitted = SubmitRequest(services, form, actor);
  }
  Request request;
  if (submitted) {
    request = std::move(submitted->request);
  } else if (submitted.error().code() == ErrorCode::kAlreadyExists) {
    auto found = services.requests.FindById(form.request_id);
    if (!found) return std::unexpected(found.error());
    request = std::move(*found);
  } else {
    return std::unexpected(submitted.error());
  }
  auto resolved = stores.inbox.ResolveTriage(
      inbound_id, "request", request.id,
      Decided(services, request.id, "intake.triage_accepted", inbound_id, type, actor));
  if (!resolved) return std::unexpected(resolved.error());
  if (auto learnt = Learn(services, stores.corrections, *record, type, form.language, actor);
      !learnt) {
    return std::unexpected(learnt.error());
  }
  return request;
}

Result<void> DismissTriaged(const Services& services, TriageStores stores,
                            std::string_view inbound_id, std::string_view language,
                            std::string_view actor) {
  auto record = Waiting(stores.inbox, inbound_id);
  if (!record) return std::unexpected(record.error());
  auto resolved = stores.inbox.ResolveTriage(
      inbound_id, "dismissed", std::nullopt,
      Decided(services, "", "intake.triage_dismissed", inbound_id, "other", actor));
  if (!resolved) return resolved;
  return Learn(services, stores.corrections, *record, "other", LanguageFor(*record, language),
               actor);
}

}  // namespace rightsdesk::app
