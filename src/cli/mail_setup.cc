#include "cli/mail_setup.h"

#include <spdlog/spdlog.h>

#include <cstdlib>

#include "cli/scheduler_setup.h"

namespace rightsdesk::cli {
namespace {

constexpr int kBatch = 10;

// A claim must outlast the slowest batch (every message hitting the timeout), or another worker
// could take a message this one is still sending.
std::chrono::seconds LeaseFor(const config::MailSettings& mail) {
  return std::chrono::seconds(kBatch * mail.timeout_seconds + 60);
}

// The [sms] gateway, or null when none is configured. A gateway may need no token (a relay on
// the same host), so an unset token_env sends none.
std::unique_ptr<messaging::TextSender> LoadTextSender(const config::SmsSettings& sms) {
  if (sms.gateway_url.empty()) return nullptr;
  messaging::SmsGatewaySettings settings{.url = sms.gateway_url,
                                         .sender = sms.sender,
                                         .timeout = std::chrono::seconds(sms.timeout_seconds)};
  if (const char* token = std::getenv(sms.token_env.c_str()); token != nullptr) {
    settings.token = token;
  }
  return std::make_unique<messaging::SmsGateway>(std::move(settings));
}

}  // namespace

Result<std::optional<MailDelivery>> LoadMailDelivery(const app::Installation& installation,
                                                     const Clock& clock) {
  const config::MailSettings& mail = installation.config().mail;
  if (mail.smtp_url.empty()) return std::optional<MailDelivery>();
  messaging::SmtpSettings smtp{.url = mail.smtp_url,
                               .require_tls = mail.require_tls,
                               .username = mail.username,
                               .timeout = std::chrono::seconds(mail.timeout_seconds)};
  if (!mail.username.empty()) {
    const char* password = std::getenv(mail.password_env.c_str());
    if (password == nullptr) {
      return Fail(ErrorCode::kInvalidArgument,
                  "[mail] username is set but " + mail.password_env +
                      " (the SMTP password) is not in the environment");
    }
    smtp.password = password;
  }
  auto templates = messaging::MailTemplates::Load();
  if (!templates) return std::unexpected(templates.error());
  auto webhooks = std::make_unique<messaging::SignedWebhookPoster>(
      installation.signer(), clock, std::chrono::seconds(mail.timeout_seconds));
  messaging::WebhookPoster* poster = webhooks.get();
  std::unique_ptr<messaging::TextSender> texts = LoadTextSender(installation.config().sms);
  messaging::TextSender* text_sender = texts.get();
  return MailDelivery{.templates = std::move(*templates),
                      .mailer = std::make_unique<messaging::SmtpMailer>(std::move(smtp), clock),
                      .webhooks = std::move(webhooks),
                      .texts = std::move(texts),
                      .settings = {.business = installation.ruleset().business().name,
                                   .from_address = mail.from,
                                   .from_name = mail.from_name,
                                   .public_url = mail.public_url,
                                   .max_attempts = mail.max_attempts,
                                   .batch = kBatch,
                                   .lease = LeaseFor(mail),
                                   .webhooks = poster,
                                   .texts = text_sender},
                      .poll = std::chrono::seconds(mail.poll_seconds)};
}

std::unique_ptr<app::PeriodicWorker> StartOutboxWorker(const app::Services& services,
                                                       app::Installation& installation,
                                                       MailDelivery& delivery) {
  auto pass = [services, &installation, &delivery,
               holder = WorkerName()](const std::atomic<bool>& stop) {
    auto report = app::DeliverDueNotices(services, installation.outbox(), delivery.templates,
                                         *delivery.mailer, delivery.settings, &stop);
    if (!report) {
      spdlog::error("outbox: {}", report.error().message());
    } else if (report->total() > 0) {
      spdlog::info("outbox sent={} retried={} failed={}", report->sent, report->retried,
                   report->failed);
    }
    auto reviews = app::DeliverReviewReminders(installation.reviews(), installation.jobs(),
                                               services.clock, delivery.templates, *delivery.mailer,
                                               delivery.settings, holder, &stop);
    if (!reviews) {
      spdlog::error("rule review reminders: {}", reviews.error().message());
    } else if (reviews->sent + reviews->retried + reviews->failed > 0) {
      spdlog::info("rule review reminders sent={} retried={} failed={}", reviews->sent,
                   reviews->retried, reviews->failed);
    }
  };
  return std::make_unique<app::PeriodicWorker>(pass, delivery.poll);
}

}  // namespace rightsdesk::cli
