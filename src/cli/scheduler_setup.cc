#include "cli/scheduler_setup.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>

#include "core/hex.h"
#include "security/sodium_random.h"

namespace rightsdesk::cli {

app::SchedulerSettings SchedulerSettingsOf(const config::InstallationConfig& config) {
  const config::SchedulerConfig& s = config.scheduler;
  return {.schedule = s.schedule,
          .team_email = s.team_email,
          .escalation_email = s.escalation_email,
          .outbox_retention_days = s.outbox_retention_days,
          .request_retention_months = s.request_retention_months,
          .token_leeway = std::chrono::seconds(config.verification.account_token.leeway_seconds),
          .review_due_soon_days = s.review_due_soon_days};
}

std::string WorkerName() {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  std::array<std::uint8_t, 4> nonce{};
  security::SodiumRandom().Fill(nonce);
  return std::string(host.data()) + ":" + std::to_string(getpid()) + ":" + ToHex(nonce);
}

Result<app::SchedulerReport> RunSchedulerPass(const app::Services& services,
                                              app::Installation& installation,
                                              const std::string& holder,
                                              const std::atomic<bool>* stop) {
  auto report = app::RunScheduler(services, installation.jobs(), installation.outbox(),
                                  SchedulerSettingsOf(installation.config()), holder, stop);
  if (!report) {
    spdlog::error("scheduler: {}", report.error().message());
    return report;
  }
  if (report->total() > 0) {
    spdlog::info(
        "scheduler steps={} expired={} reprioritized={} messages_purged={} "
        "requests_purged={} packages_erased={} identity_documents_erased={} "
        "token_uses_forgotten={} review_reminders={}",
        report->steps, report->expired, report->reprioritized, report->purged,
        report->requests_purged, report->packages_erased, report->identity_documents_erased,
        report->token_uses_forgotten, report->review_reminders);
  }
  if (report->errors > 0) {
    spdlog::warn("scheduler skipped {} request(s); first: {}", report->errors, report->first_error);
  }
  return report;
}

std::unique_ptr<app::PeriodicWorker> StartScheduler(const app::Services& services,
                                                    app::Installation& installation) {
  if (!installation.config().scheduler.enabled) return nullptr;
  auto pass = [services, &installation, holder = WorkerName()](const std::atomic<bool>& stop) {
    (void)RunSchedulerPass(services, installation, holder, &stop);
  };
  return std::make_unique<app::PeriodicWorker>(
      pass, std::chrono::seconds(installation.config().scheduler.poll_seconds));
}

}  // namespace rightsdesk::cli
