#include "cli/imap_setup.h"

#include <spdlog/spdlog.h>

#include <cstdlib>

namespace rightsdesk::cli {

Result<std::optional<messaging::ImapSettings>> LoadImapSettings(
    const app::Installation& installation) {
  const config::ImapConfig& imap = installation.config().imap;
  if (imap.url.empty()) return std::optional<messaging::ImapSettings>();
  const char* password = std::getenv(imap.password_env.c_str());
  if (password == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "[imap] url is set but " + imap.password_env +
                                                 " (the IMAP password) is not in the environment");
  }
  return messaging::ImapSettings{.url = imap.url,
                                 .require_tls = imap.require_tls,
                                 .username = imap.username,
                                 .password = password,
                                 .processed_folder = imap.processed_folder,
                                 .rejected_folder = imap.rejected_folder,
                                 .timeout = std::chrono::seconds(imap.timeout_seconds)};
}

Result<app::MailboxReport> RunMailboxPass(const app::Services& services,
                                          app::Installation& installation,
                                          messaging::Mailbox& mailbox,
                                          const std::atomic<bool>* stop) {
  auto run = [&]() -> Result<app::MailboxReport> {
    auto corrections = installation.corrections().Corrections();
    if (!corrections) return std::unexpected(corrections.error());
    auto classifier = app::MessageClassifier::Load(*corrections);
    if (!classifier) return std::unexpected(classifier.error());
    return app::TakeInMailbox(services, installation.inbox(), *classifier, mailbox, stop);
  };
  auto report = run();
  if (!report) {
    spdlog::error("email intake: {}", report.error().message());
  } else if (report->total() > 0) {
    std::string outcomes;
    for (const auto& [outcome, count] : report->outcomes) {
      outcomes += " " + outcome + "=" + std::to_string(count);
    }
    spdlog::info("email intake{} rejected={}", outcomes, report->rejected);
  }
  return report;
}

std::unique_ptr<app::PeriodicWorker> StartMailboxIntake(const app::Services& services,
                                                        app::Installation& installation,
                                                        const messaging::ImapSettings& settings) {
  auto mailbox = std::make_shared<messaging::ImapMailbox>(settings);
  auto pass = [services, &installation, mailbox](const std::atomic<bool>& stop) {
    (void)RunMailboxPass(services, installation, *mailbox, &stop);
  };
  return std::make_unique<app::PeriodicWorker>(
      pass, std::chrono::seconds(installation.config().imap.poll_seconds));
}

}  // namespace rightsdesk::cli
