#include "app/email_intake.h"

#include "app/casework.h"
#include "app/intake.h"
#include "core/hex.h"
#include "core/jurisdiction_hints.h"
#include "core/reference.h"
#include "core/subject.h"
#include "security/api_token.h"

namespace rightsdesk::app {
namespace {

constexpr std::string_view kEmailIntakeActor = "system:email";
constexpr std::size_t kMaxRequestMessage = 10000;  // what intake accepts (intake.cc)
constexpr std::size_t kUuidLength = 36;

// A stable id for the message: from its Message-ID, else from what it says.
std::string InboundId(const messaging::InboundEmail& email) {
  const std::string name = email.message_id.empty() ? "content:" + email.from_address + "\n" +
                                                          email.subject + "\n" + email.text
                                                    : "message-id:" + email.message_id;
  return UuidFromDigest(security::HashToken(name));
}

// The request one of our Message-IDs names: "ntc-<request id>-<version>-<n>@domain".
std::optional<std::string> RequestIdOf(std::string_view our_message_id) {
  if (!our_message_id.starts_with("ntc-") || our_message_id.size() < 4 + kUuidLength) {
    return std::nullopt;
  }
  return std::string(our_message_id.substr(4, kUuidLength));
}

bool SameAddress(std::string_view a, std::string_view b) {
  auto na = NormalizeEmail(a);
  auto nb = NormalizeEmail(b);
  return na && nb && *na == *nb;
}

// The request this message belongs to, if any: by our Message-ID, else by a reference in the
// subject when the sender is that request's consumer or agent.
Result<std::optional<Request>> ThreadOf(const Services& services,
                                        const messaging::InboundEmail& email) {
  for (const std::string& id : email.thread_ids) {
    auto request_id = RequestIdOf(id);
    if (!request_id) continue;
    auto found = services.requests.FindById(*request_id);
    if (found) return std::optional<Request>(std::move(*found));
    if (found.error().code() != ErrorCode::kNotFound) return std::unexpected(found.error());
  }
  // Not std::regex: its recursive matcher can exhaust the stack on a hostile subject.
  auto reference = FindReference(email.subject);
  if (!reference) return std::optional<Request>();
  auto found = services.requests.FindByReference(*reference);
  if (!found) {
    if (found.error().code() == ErrorCode::kNotFound) return std::optional<Request>();
    return std::unexpected(found.error());
  }
  if (!SameAddress(email.from_address, found->subject.email) &&
      !(found->agent.present() && SameAddress(email.from_address, found->agent.email))) {
    return std::optional<Request>();
  }
  return std::optional<Request>(std::move(*found));
}

store::InboundRecord RecordOf(const messaging::InboundEmail& email, std::string id,
                              std::string kind, const Services& services) {
  store::InboundRecord record{.id = std::move(id),
                              .message_id = email.message_id,
                              .kind = std::move(kind),
                              .received_at = services.clock.Now(),
                              .from_address = email.from_address,
                              .from_name = email.from_name,
                              .subject = email.subject,
                              .text = email.text};
  for (const messaging::InboundAttachment& a : email.attachments) {
    record.attachments.push_back(
        {.filename = a.filename, .content_type = a.content_type, .bytes = a.bytes});
  }
  return record;
}

AuditEventDraft Event(const Services& services, std::string request_id, std::string action,
                      nlohmann::json details) {
  return {.request_id = std::move(request_id),
          .actor = std::string(kEmailIntakeActor),
          .action = std::move(action),
          .at = services.clock.Now(),
          .details = std::move(details)};
}

Result<EmailIntakeResult> Record(store::InboxStore& inbox, store::InboundRecord record,
                                 const std::vector<AuditEventDraft>& events,
                                 EmailIntakeResult result,
                                 const std::optional<std::string>& bounced = std::nullopt) {
  auto recorded = inbox.RecordInbound(record, events, bounced);
  if (!recorded) return std::unexpected(recorded.error().WithContext("recording an email"));
  result.inbound_id = record.id;
  if (!*recorded) result.outcome = EmailOutcome::kDuplicate;
  return result;
}

Result<EmailIntakeResult> TakeInBounce(const Services& services, store::InboxStore& inbox,
                                       const messaging::InboundEmail& email, std::string id) {
  store::InboundRecord record = RecordOf(email, std::move(id), "bounce", services);
  const std::string notice = email.bounced_message_id.substr(0, email.bounced_message_id.find('@'));
  auto request_id = RequestIdOf(email.bounced_message_id);
  std::vector<AuditEventDraft> events;
  EmailIntakeResult result{.outcome = EmailOutcome::kBounce};
  if (request_id) {
    auto found = services.requests.FindById(*request_id);
    if (!found && found.error().code() != ErrorCode::kNotFound) {
      return std::unexpected(found.error());
    }
    if (found) {
      record.request_id = found->id;
      events.push_back(Event(services, found->id, "notice.bounced",
                             {{"notice", notice}, {"permanent", email.bounce_permanent}}));
      result.request = std::move(*found);
    }
  }
  std::optional<std::string> bounced;
  if (record.request_id && email.bounce_permanent) bounced = notice;
  return Record(inbox, std::move(record), events, std::move(result), bounced);
}

}  // namespace

std::string RequestText(std::string_view subject, std::string_view body) {
  std::string text = std::string(subject) + "\n\n" + std::string(body);
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((u >= 0x20 && u != 0x7F) || c == '\n' || c == '\t') out += c;
  }
  if (out.size() > kMaxRequestMessage) {
    std::size_t cut = kMaxRequestMessage;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

namespace {

// The one jurisdiction the message names, when the business has rules for it ("": the default).
std::string HintedJurisdiction(const Services& services, const messaging::InboundEmail& email) {
  std::vector<std::string> hints = JurisdictionHints(email.subject + "\n" + email.text);
  if (hints.size() != 1 || !services.ruleset.table().FindJurisdiction(hints[0])) return {};
  return hints[0];
}

Result<EmailIntakeResult> TakeInNew(const Services& services, store::InboxStore& inbox,
                                    const MessageClassifier& classifier,
                                    const messaging::InboundEmail& email, std::string id) {
  MessageClass c = classifier.Classify(email.subject + "\n" + email.text);
  EmailIntakeResult result{.outcome = EmailOutcome::kTriaged, .classification = c};
  std::string why = c.type == "other" ? "not a privacy request" : "low confidence";
  if (!c.needs_triage && c.type != "other") {
    IntakeForm form{.type = c.type,
                    .email = email.from_address,
                    .name = email.from_name,
                    .jurisdiction = HintedJurisdiction(services, email),
                    .channel = "email",
                    .language = c.language,
                    .message = RequestText(email.subject, email.text),
                    .request_id = id};
    auto submitted = SubmitRequest(services, form, kEmailIntakeActor);
    if (!submitted && submitted.error().code() == ErrorCode::kInvalidArgument &&
        submitted.error().field() == "/name") {
      form.name.clear();  // a display name intake does not accept is not worth losing the request
      submitted = SubmitRequest(services, form, kEmailIntakeActor);
    }
    if (submitted) {
      result.outcome = EmailOutcome::kCreated;
      result.request = std::move(submitted->request);
    } else if (submitted.error().code() == ErrorCode::kAlreadyExists) {
      auto found = services.requests.FindById(id);  // taken in before: record what is missing
      if (!found) return std::unexpected(found.error());
      result.outcome = EmailOutcome::kCreated;
      result.request = std::move(*found);
    } else if (submitted.error().code() == ErrorCode::kInvalidArgument) {
      why = submitted.error().message();  // e.g. an address intake cannot answer
    } else {
      return std::unexpected(submitted.error());
    }
  }
  if (result.request) {
    store::InboundRecord record = RecordOf(email, id, "request", services);
    record.request_id = result.request->id;
    record.language = c.language;
    return Record(inbox, std::move(record), {}, std::move(result));
  }
  std::vector<AuditEventDraft> events{
      Event(services, "", "intake.triaged",
            {{"inbound", id}, {"guess", c.type}, {"confidence", c.confidence}, {"why", why}})};
  store::InboundRecord record = RecordOf(email, id, "triage", services);
  record.language = c.language;
  return Record(inbox, std::move(record), events, std::move(result));
}

}  // namespace

std::string_view Name(EmailOutcome outcome) {
  switch (outcome) {
    case EmailOutcome::kCreated:
      return "created";
    case EmailOutcome::kThreaded:
      return "threaded";
    case EmailOutcome::kTriaged:
      return "triaged";
    case EmailOutcome::kBounce:
      return "bounce";
    case EmailOutcome::kAutoReply:
      return "auto_reply";
    case EmailOutcome::kDuplicate:
      return "duplicate";
  }
  return "triaged";
}

Result<EmailIntakeResult> TakeInEmail(const Services& services, store::InboxStore& inbox,
                                      const MessageClassifier& classifier,
                                      const messaging::InboundEmail& email) {
  std::string id = InboundId(email);
  if (email.kind == messaging::InboundKind::kBounce) {
    return TakeInBounce(services, inbox, email, std::move(id));
  }
  auto thread = ThreadOf(services, email);
  if (!thread) return std::unexpected(thread.error());
  if (email.kind == messaging::InboundKind::kAutoReply) {
    store::InboundRecord record = RecordOf(email, std::move(id), "auto_reply", services);
    if (*thread) record.request_id = (*thread)->id;
    return Record(inbox, std::move(record), {},
                  {.outcome = EmailOutcome::kAutoReply, .request = std::move(*thread)});
  }
  if (*thread) {
    store::InboundRecord record = RecordOf(email, id, "reply", services);
    record.request_id = (*thread)->id;
    std::vector<AuditEventDraft> events{
        Event(services, (*thread)->id, "request.message_received",
              {{"inbound", id},
               {"channel", "email"},
               {"attachments", email.attachments.size()},
               {"from_consumer", SameAddress(email.from_address, (*thread)->subject.email)}})};
    return Record(inbox, std::move(record), events,
                  {.outcome = EmailOutcome::kThreaded, .request = std::move(*thread)});
  }
  return TakeInNew(services, inbox, classifier, email, std::move(id));
}

}  // namespace rightsdesk::app
