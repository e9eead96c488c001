// Telling the businesses we disclose personal information to what a consumer asked, as the law
// requires of each right:
//   - deletion: every service provider, contractor and third party (Civ. Code §1798.105(c)(1));
//   - opt-out of sale/sharing: the third parties we sold or shared it to (Regs. §7026(f)(2));
//   - limit of sensitive personal information: whoever receives it (Regs. §7027(g));
//   - correction: the service providers and contractors that keep it (Regs. §7023(c)).
// Each recipient is told the way the data map says: by email, or by a signed webhook
// (docs/webhooks.md); both go through the outbox, so an outage delays a notice and loses none.
// A recipient with neither is recorded as `recipient.notice_pending` for staff to tell by hand.
// Every notice is an audit event (`recipient.notified`), and so is each confirmation.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/services.h"
#include "core/audit_event.h"
#include "core/datamap.h"
#include "core/request.h"

namespace rightsdesk::app {

enum class RecipientNotice { kDeletion, kOptOut, kLimit, kCorrection };
std::string_view Name(RecipientNotice notice);  // "deletion", "opt_out", "limit", "correction"

// Whether the law asks us to tell `recipient` of `notice`.
bool MustBeTold(const Recipient& recipient, RecipientNotice notice);

// Queues a notice to each recipient that must be told, in the transaction of its audit event.
// `details` (a certificate's id, the corrected fields) go into the notice and its event; they
// must not hold personal data beyond what the recipient needs to find the consumer.
// Returns how many recipients were told (queued), not counting those left to staff.
Result<int> NotifyRecipients(const Services& services, const DataMap& map, const Request& request,
                             RecipientNotice notice, const nlohmann::json& details,
                             std::string_view actor);

// Where the notices of one kind stand for a request, recipient by recipient, from its audit
// events: for staff, for the completion gate, and (counts only) for the consumer's status page.
struct RecipientProgress {
  std::string recipient;
  std::string by;          // "email", "webhook", "manual"
  bool delivered = false;  // accepted by the mail server or the webhook
  bool failed = false;     // refused for good, or out of attempts: staff must act
  bool confirmed = false;  // the recipient confirmed it acted (or staff told it by hand)
  // Done when delivered or confirmed: the law asks us to tell, not to wait for an answer.
  bool Done() const { return delivered || confirmed; }
};
struct NoticeProgress {
  std::vector<RecipientProgress> recipients;
  int Count(bool (*test)(const RecipientProgress&)) const;
  bool Done() const;  // every recipient done (true when there is none)
};
NoticeProgress ProgressOf(const std::vector<AuditEvent>& events, RecipientNotice notice);

}  // namespace rightsdesk::app
