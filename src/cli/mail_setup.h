// The outbox's delivery as the installation's [mail] settings describe it, shared by `serve`
// (which runs it beside the HTTP server) and `worker` (which runs only it).
#pragma once

#include <memory>
#include <optional>

#include "app/installation.h"
#include "app/outbox_delivery.h"
#include "app/periodic_worker.h"
#include "app/rule_reviews.h"
#include "app/services.h"
#include "messaging/mail_templates.h"
#include "messaging/smtp_mailer.h"

namespace rightsdesk::cli {

struct MailDelivery {
  messaging::MailTemplates templates;
  std::unique_ptr<messaging::Mailer> mailer;
  // Notices to recipients' webhooks, signed with the installation's key (docs/webhooks.md).
  std::unique_ptr<messaging::WebhookPoster> webhooks;
  // One-time codes by SMS through the [sms] gateway; null when none is set up.
  std::unique_ptr<messaging::TextSender> texts;
  app::DeliverySettings settings;  // settings.webhooks and .texts point at the two above
  std::chrono::seconds poll{5};
};

// nullopt when [mail] smtp_url is empty (messages then wait in the outbox). The SMTP password is
// read from the variable [mail] password_env names (the SMS gateway's token from [sms] token_env);
// kInvalidArgument when a login is configured and that variable is unset.
Result<std::optional<MailDelivery>> LoadMailDelivery(const app::Installation& installation,
                                                     const Clock& clock);

// A worker thread delivering with `delivery`; its passes are logged with counts only.
std::unique_ptr<app::PeriodicWorker> StartOutboxWorker(const app::Services& services,
                                                       app::Installation& installation,
                                                       MailDelivery& delivery);

}  // namespace rightsdesk::cli
