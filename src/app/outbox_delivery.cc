#include "app/outbox_delivery.h"

#include <algorithm>
#include <sstream>

#include "app/casework.h"
#include "app/drp_callbacks.h"
#include "app/feedback.h"
#include "app/intake.h"
#include "core/long_date.h"

namespace rightsdesk::app {
namespace {

using nlohmann::json;
constexpr std::string_view kOutboxActor = "system:outbox";

std::string Text(const json& strings, const std::string& key) {
  auto it = strings.find(key);
  return it != strings.end() && it->is_string() ? it->get<std::string>() : key;
}

// A duplicate's messages name the earlier request that answers it: they go to the consumer's own
// mailbox (the status page, open to whoever submitted, does not name it; docs/verification.md).
void AddDuplicateContext(const Services& services, const Request& r, const json& strings,
                         json& context) {
  context["duplicate"] = true;
  if (auto open = services.requests.FindById(r.duplicate_of)) {
    context["duplicate_of"] = open->reference;
    context["duplicate_received_on"] = LongDate(open->received_on, strings);
    context["duplicate_respond_by"] = LongDate(open->DueDate(), strings);
  }
}

// What the templates see. Personal data (the consumer's name) goes only into the body.
json MailContext(const Services& services, const Request& r, const store::OutgoingNotice& notice,
                 const messaging::MailTemplates& templates, const DeliverySettings& settings) {
  const std::string language = notice.params.value("language", r.language);
  const json& t = templates.Strings(language);
  const std::string type(Name(r.type));
  json context = {
      {"business", settings.business},
      {"reference", r.reference},
      {"name", r.subject.name.empty() ? json(nullptr) : json(r.subject.name)},
      {"agent_name", r.agent.present() ? json(r.agent.name.empty() ? r.agent.email : r.agent.name)
                                       : json(nullptr)},
      {"type_title", Text(t, "right_" + type + "_title")},
      {"received_on", LongDate(r.received_on, t)},
      {"respond_by", LongDate(r.DueDate(), t)},
      {"first_respond_by", LongDate(r.deadlines.respond_by, t)},
      {"type_" + type, true},
      {"console_url", settings.public_url + "/console/requests/" + r.reference}};
  // What the change that queued the message said (an extension's reason...), under its names.
  for (const auto& [key, value] : notice.params.items()) {
    const bool secret = key == "status_token" || key == "package_path" || key == "feedback_token";
    if (!secret && key != "language" && !context.contains(key)) context[key] = value;
  }
  if (auto status = notice.params.find("status"); status != notice.params.end()) {
    context["status_text"] = Text(t, "status_" + status->get<std::string>() + "_text");
  }
  if (auto path = notice.params.find("package_path"); path != notice.params.end()) {
    context["package_url"] = settings.public_url + path->get<std::string>();
    if (auto expires = ParseDate(notice.params.value("expires_on", ""))) {
      context["expires_on"] = LongDate(*expires, t);
    }
  }
  if (auto token = notice.params.find("status_token"); token != notice.params.end()) {
    context["status_url"] =
        settings.public_url + StatusPath(r.id, token->get<std::string>()) + "?lang=" + language;
  }
  if (auto token = notice.params.find("feedback_token"); token != notice.params.end()) {
    context["feedback_url"] =
        settings.public_url + SurveyPath(r.id, token->get<std::string>()) + "?lang=" + language;
  }
  if (!r.duplicate_of.empty()) AddDuplicateContext(services, r, t, context);
  auto rule = services.ruleset.table().Find(r.jurisdiction, r.type, r.received_on);
  if (rule) {
    context["proof"] = Text(t, "proof_" + std::string(Name((*rule)->verification)));
    context["needs_proof"] = (*rule)->verification != VerificationLevel::kNone;
  }
  return context;
}

Result<messaging::EmailMessage> Compose(const Services& services, const Request& request,
                                        const store::OutgoingNotice& notice,
                                        const messaging::MailTemplates& templates,
                                        const DeliverySettings& settings) {
  const std::string language = notice.params.value("language", request.language);
  auto mail = templates.Render({.kind = notice.kind,
                                .type = Name(request.type),
                                .jurisdiction = request.jurisdiction,
                                .language = language},
                               MailContext(services, request, notice, templates, settings));
  if (!mail) return std::unexpected(mail.error());
  std::string domain = settings.from_address.substr(settings.from_address.find('@') + 1);
  return messaging::EmailMessage{
      .from_address = settings.from_address,
      .from_name = settings.from_name.empty() ? settings.business : settings.from_name,
      // Alerts for the team name their own recipient; everything else goes to the consumer.
      .to_address = notice.params.value("to", request.subject.email),
      .subject = std::move(mail->subject),
      .text = std::move(mail->text),
      .message_id = notice.id + "@" + domain};
}

AuditEventDraft Event(const Services& services, const store::OutgoingNotice& notice,
                      std::string_view action, const std::string& error = {}) {
  json details = {{"notice", notice.id}, {"kind", notice.kind}, {"attempt", notice.attempts + 1}};
  if (!error.empty()) details["error"] = error;
  // A business's name, not personal data: lets staff and the completion gate follow each
  // recipient's notice (app/recipient_notices.h).
  if (auto recipient = notice.params.find("recipient"); recipient != notice.params.end()) {
    details["recipient"] = *recipient;
  }
  return {.request_id = notice.request_id,
          .actor = std::string(kOutboxActor),
          .action = std::string(action),
          .at = services.clock.Now(),
          .details = std::move(details)};
}

// A webhook's answer as a delivery outcome: 2xx delivered; 408, 425, 429 and 5xx worth another
// try (kUnavailable); any other status a refusal that staff must look at.
Result<messaging::WebhookAnswer> PostToWebhook(const Request& request,
                                               const store::OutgoingNotice& notice,
                                               const DeliverySettings& settings,
                                               const Services& services) {
  if (settings.webhooks == nullptr) {
    return Fail(ErrorCode::kFailedPrecondition, "webhook delivery is not set up");
  }
  json body = notice.params.value("payload", json::object());
  if (notice.params.value("drp", false)) {
    // A DRP status callback is the protocol's Exercise Status object, exactly, as it is now.
    body = DrpCallbackBody(request, notice.params);
  } else {
    body["id"] = notice.id;  // the same across attempts: receivers drop duplicates by it
    body["sent_at"] = FormatInstant(services.clock.Now());
  }
  auto answer = settings.webhooks->Post(notice.params.value("webhook", ""), body);
  if (!answer) return answer;
  const long status = answer->status;
  if (status >= 200 && status < 300) return answer;
  std::string why = "the webhook answered HTTP " + std::to_string(status);
  bool temporary = status == 408 || status == 425 || status == 429 || status >= 500;
  return Fail(temporary ? ErrorCode::kUnavailable : ErrorCode::kFailedPrecondition, why);
}

// A webhook that answers {"confirmed": true} has done what the notice asked (deleted, opted the
// consumer out...): recorded as the recipient's confirmation, as `fulfil confirm` would.
Result<void> RecordConfirmation(const Services& services, const store::OutgoingNotice& notice,
                                const json& answer) {
  // The answer is another party's text: anything but a literal true is no confirmation.
  auto confirmed = answer.is_object() ? answer.find("confirmed") : answer.end();
  if (confirmed == answer.end() || *confirmed != true) return {};
  auto recorded = RecordOnRequest(services, notice.request_id,
                                  {.actor = std::string(kOutboxActor),
                                   .action = "recipient.confirmed",
                                   .details = {{"recipient", notice.params.value("recipient", "")},
                                               {"notice", notice.id},
                                               {"kind", notice.kind},
                                               {"by", "webhook"}}});
  if (!recorded) return std::unexpected(recorded.error());
  return {};
}

// A text message is the template's body (its subject line is for the template's own tests),
// with the lines joined: SMS has no paragraphs to spare.
Result<void> SendText(const Services& services, const Request& request,
                      const store::OutgoingNotice& notice,
                      const messaging::MailTemplates& templates, const DeliverySettings& settings) {
  if (settings.texts == nullptr) {
    return Fail(ErrorCode::kFailedPrecondition, "no SMS gateway is set up");
  }
  auto message = Compose(services, request, notice, templates, settings);
  if (!message) return std::unexpected(message.error());
  std::string text;
  std::istringstream lines(message->text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    text += (text.empty() ? "" : " ") + line;
  }
  return settings.texts->Send(notice.params.value("sms_to", ""), text);
}

Result<void> Send(const Services& services, const Request& request,
                  const store::OutgoingNotice& notice, const messaging::MailTemplates& templates,
                  messaging::Mailer& mailer, const DeliverySettings& settings) {
  if (notice.params.contains("sms_to"))
    return SendText(services, request, notice, templates, settings);
  if (notice.params.contains("webhook")) {
    auto answer = PostToWebhook(request, notice, settings, services);
    if (!answer) return std::unexpected(answer.error());
    // An agent's answer to a DRP status callback is not to be parsed (DRP 1.0 section 2.03.1).
    if (notice.params.value("drp", false)) return {};
    return RecordConfirmation(services, notice, answer->body);
  }
  auto message = Compose(services, request, notice, templates, settings);
  if (!message) return std::unexpected(message.error());
  return mailer.Send(*message);
}

// Sends one claimed message and records what happened. Errors are the store's only.
Result<void> DeliverOne(const Services& services, store::OutboxStore& outbox,
                        const messaging::MailTemplates& templates, messaging::Mailer& mailer,
                        const DeliverySettings& settings, const store::OutgoingNotice& notice,
                        DeliveryReport& report) {
  auto request = services.requests.FindById(notice.request_id);
  if (!request && request.error().code() != ErrorCode::kNotFound) {
    return std::unexpected(request.error().WithContext("delivering " + notice.id));
  }
  Result<void> sent;
  if (!request) {
    sent = Fail(ErrorCode::kFailedPrecondition, "the message's request is gone");
  } else {
    sent = Send(services, *request, notice, templates, mailer, settings);
  }
  if (sent) {
    ++report.sent;
    return outbox.MarkSent(notice.id, services.clock.Now(), Event(services, notice, "notice.sent"));
  }
  const std::string why = sent.error().message();
  const bool temporary = sent.error().code() == ErrorCode::kUnavailable;
  if (temporary && notice.attempts + 1 < settings.max_attempts) {
    ++report.retried;
    return outbox.MarkRetry(notice.id, services.clock.Now() + RetryDelay(notice.attempts + 1), why);
  }
  ++report.failed;
  return outbox.MarkFailed(notice.id, why, Event(services, notice, "notice.failed", why));
}

}  // namespace

std::chrono::seconds RetryDelay(int failed_attempts) {
  constexpr std::chrono::seconds kFirst{60};
  constexpr std::chrono::seconds kLongest{6 * 3600};
  int doublings = std::clamp(failed_attempts - 1, 0, 20);
  return std::min(kLongest, kFirst * (std::int64_t{1} << doublings));
}

Result<DeliveryReport> DeliverDueNotices(const Services& services, store::OutboxStore& outbox,
                                         const messaging::MailTemplates& templates,
                                         messaging::Mailer& mailer,
                                         const DeliverySettings& settings,
                                         const std::atomic<bool>* stop) {
  DeliveryReport report;
  auto stopping = [stop] { return stop != nullptr && stop->load(); };
  while (!stopping()) {
    Instant now = services.clock.Now();
    auto due = outbox.ClaimDue(now, now + settings.lease, settings.batch);
    if (!due) return std::unexpected(due.error().WithContext("claiming due messages"));
    if (due->empty()) return report;
    for (const store::OutgoingNotice& notice : *due) {
      if (stopping()) break;
      auto done = DeliverOne(services, outbox, templates, mailer, settings, notice, report);
      if (!done) return std::unexpected(done.error());
    }
  }
  return report;
}

}  // namespace rightsdesk::app
