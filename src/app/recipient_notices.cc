#include "app/recipient_notices.h"

#include <algorithm>

#include "app/casework.h"

namespace rightsdesk::app {
namespace {

using nlohmann::json;

std::string_view LegalBasis(RecipientNotice notice) {
  switch (notice) {
    case RecipientNotice::kDeletion:
      return "Cal. Civ. Code §1798.105(c)(1)";
    case RecipientNotice::kOptOut:
      return "Cal. Code Regs. tit. 11 §7026(f)";
    case RecipientNotice::kLimit:
      return "Cal. Code Regs. tit. 11 §7027(g)";
    case RecipientNotice::kCorrection:
      return "Cal. Code Regs. tit. 11 §7023(c)";
  }
  return "";
}

// What the recipient needs to find the consumer in its own records, and no more.
json ConsumerOf(const Request& request) {
  json consumer = {{"email", request.subject.email}};
  if (!request.subject.phone.empty()) consumer["phone"] = request.subject.phone;
  if (!request.subject.account_id.empty()) consumer["account_id"] = request.subject.account_id;
  return consumer;
}

json Payload(const Services& services, const Request& request, const Recipient& recipient,
             RecipientNotice notice, const json& details) {
  json payload = {{"type", Name(notice)},
                  {"business", services.ruleset.business().name},
                  {"reference", request.reference},
                  {"recipient", recipient.name},
                  {"legal_basis", LegalBasis(notice)},
                  {"consumer", ConsumerOf(request)}};
  for (const auto& [key, value] : details.items()) payload[key] = value;
  return payload;
}

NoticeDraft EmailNotice(const Request& request, const Recipient& recipient, RecipientNotice notice,
                        const json& details) {
  json params = {{"to", recipient.notify_email},
                 {"recipient", recipient.name},
                 {"consumer_email", request.subject.email}};
  for (const auto& [key, value] : details.items()) params[key] = value;
  return {.kind = "recipient_" + std::string(Name(notice)), .params = std::move(params)};
}

bool Receives(const Recipient& recipient, PiCategory category) {
  return std::ranges::find(recipient.categories, category) != recipient.categories.end();
}

// The notice an event speaks of: recorded by NotifyRecipients as "notice", by the outbox as the
// message's kind ("recipient_opt_out").
bool About(const json& details, RecipientNotice notice) {
  const std::string name(Name(notice));
  return details.value("notice", "") == name || details.value("kind", "") == "recipient_" + name;
}

}  // namespace

std::string_view Name(RecipientNotice notice) {
  switch (notice) {
    case RecipientNotice::kDeletion:
      return "deletion";
    case RecipientNotice::kOptOut:
      return "opt_out";
    case RecipientNotice::kLimit:
      return "limit";
    case RecipientNotice::kCorrection:
      return "correction";
  }
  return "";
}

bool MustBeTold(const Recipient& recipient, RecipientNotice notice) {
  switch (notice) {
    case RecipientNotice::kDeletion:
      return true;
    case RecipientNotice::kOptOut:
      return recipient.kind == Recipient::Kind::kThirdParty;
    case RecipientNotice::kLimit:
      return Receives(recipient, PiCategory::kSensitive);
    case RecipientNotice::kCorrection:
      return recipient.kind != Recipient::Kind::kThirdParty;
  }
  return false;
}

Result<int> NotifyRecipients(const Services& services, const DataMap& map, const Request& request,
                             RecipientNotice notice, const json& details, std::string_view actor) {
  int told = 0;
  for (const Recipient& recipient : map.recipients) {
    if (!MustBeTold(recipient, notice)) continue;
    AuditEventDraft event{.actor = std::string(actor),
                          .action = "recipient.notified",
                          .details = {{"recipient", recipient.name}, {"notice", Name(notice)}}};
    for (const auto& [key, value] : details.items()) event.details[key] = value;
    std::vector<NoticeDraft> notices;
    if (!recipient.notify_webhook.empty()) {
      event.details["by"] = "webhook";
      notices.push_back(
          {.kind = "recipient_" + std::string(Name(notice)),
           .params = {{"webhook", recipient.notify_webhook},
                      {"recipient", recipient.name},
                      {"payload", Payload(services, request, recipient, notice, details)}}});
    } else if (!recipient.notify_email.empty()) {
      event.details["by"] = "email";
      notices.push_back(EmailNotice(request, recipient, notice, details));
    } else {
      event.action = "recipient.notice_pending";
      event.details["by"] = "manual";
    }
    told += notices.empty() ? 0 : 1;
    auto recorded = RecordOnRequest(services, request.id, std::move(event), std::move(notices));
    if (!recorded) return std::unexpected(recorded.error());
  }
  return told;
}

int NoticeProgress::Count(bool (*test)(const RecipientProgress&)) const {
  return static_cast<int>(std::ranges::count_if(recipients, test));
}

bool NoticeProgress::Done() const {
  return std::ranges::all_of(recipients, [](const RecipientProgress& r) { return r.Done(); });
}

NoticeProgress ProgressOf(const std::vector<AuditEvent>& events, RecipientNotice notice) {
  NoticeProgress progress;
  auto of = [&progress](const std::string& name) -> RecipientProgress* {
    for (auto& recipient : progress.recipients) {
      if (recipient.recipient == name) return &recipient;
    }
    return nullptr;
  };
  for (const AuditEvent& event : events) {
    json details = json::parse(event.details, nullptr, false);
    if (!details.is_object() || !About(details, notice)) continue;
    const std::string name = details.value("recipient", "");
    if (event.action == "recipient.notified" || event.action == "recipient.notice_pending") {
      if (of(name) == nullptr) progress.recipients.push_back({.recipient = name});
      of(name)->by = details.value("by", "");
      continue;
    }
    RecipientProgress* recipient = of(name);
    if (recipient == nullptr) continue;
    if (event.action == "notice.sent") recipient->delivered = true;
    if (event.action == "notice.failed") recipient->failed = true;
    if (event.action == "recipient.confirmed") recipient->confirmed = true;
  }
  return progress;
}

}  // namespace rightsdesk::app
