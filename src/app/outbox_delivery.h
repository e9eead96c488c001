// Delivering the outbox (issue 6): every message a change queued is claimed, composed from its
// template in the consumer's language, handed to the Mailer (or, for a notice to a webhook,
// posted signed: docs/webhooks.md) and its outcome recorded with an audit event ("notice.sent",
// "notice.failed"). A temporary failure (the mail server is down) is retried with a growing delay,
// so an outage delays messages and loses none; a refusal, or running out of attempts, marks the
// message failed for staff to see.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "app/services.h"
#include "messaging/mail_templates.h"
#include "messaging/mailer.h"
#include "messaging/sms_gateway.h"
#include "messaging/webhook_poster.h"
#include "store/outbox_store.h"

namespace rightsdesk::app {

struct DeliverySettings {
  std::string business;      // signs the messages
  std::string from_address;  // also names the Message-ID's domain
  std::string from_name;     // empty: the business
  std::string public_url;    // the privacy center's address, without a trailing "/"
  int max_attempts = 10;
  int batch = 50;  // messages claimed at once
  // A claim lasts this long: a worker that dies mid-send leaves its messages to be sent again
  // after it (see outbox_store.h on duplicates). It must outlast a whole batch of sends.
  std::chrono::seconds lease{300};
  // Posts the notices queued for a webhook (a recipient's or a downstream system's; they carry
  // "webhook" in their parameters). Null: such notices fail, visibly, as undeliverable.
  messaging::WebhookPoster* webhooks = nullptr;
  // Sends the notices queued for a phone (they carry "sms_to" in their parameters: one-time
  // codes). Null: such notices fail, visibly, as undeliverable.
  messaging::TextSender* texts = nullptr;
};

struct DeliveryReport {
  int sent = 0;
  int retried = 0;
  int failed = 0;
  int total() const { return sent + retried + failed; }
};

// The wait after `failed_attempts` failures: 1 minute, doubling, at most 6 hours.
std::chrono::seconds RetryDelay(int failed_attempts);

// Sends the messages due now, batch after batch, until none is due or `stop` is set (checked
// before each message; messages claimed but not sent then wait for their lease to run out).
// Errors of the store stop the run (what was recorded stays recorded); a message's own failure
// never does.
Result<DeliveryReport> DeliverDueNotices(const Services& services, store::OutboxStore& outbox,
                                         const messaging::MailTemplates& templates,
                                         messaging::Mailer& mailer,
                                         const DeliverySettings& settings,
                                         const std::atomic<bool>* stop = nullptr);

}  // namespace rightsdesk::app
