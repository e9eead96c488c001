// `rightsdesk worker`: the background work without the HTTP server (docs/cli.md): email intake
// from the IMAP mailbox, the scheduler and the outbox's delivery. `--once` runs one pass of each,
// in that order (so that what the first two queue goes out in the same run), and exits: for
// cron, or to try a configuration.
#include <signal.h>

#include <iostream>

#include "cli/cli_context.h"
#include "cli/imap_setup.h"
#include "cli/mail_setup.h"
#include "cli/scheduler_setup.h"

namespace rightsdesk::cli {
namespace {

struct Background {
  std::optional<MailDelivery> delivery;
  std::optional<messaging::ImapSettings> imap;
};

Result<void> RunOnce(CliContext& context, app::Installation& installation, Background& work) {
  std::optional<MailDelivery>& delivery = work.delivery;
  const app::Services services = context.ServicesOf(installation);
  if (work.imap) {
    messaging::ImapMailbox mailbox(*work.imap);
    auto taken = RunMailboxPass(services, installation, mailbox);
    if (!taken) return std::unexpected(taken.error());
    std::cout << "email intake:";
    for (const auto& [outcome, count] : taken->outcomes)
      std::cout << " " << outcome << " " << count << ",";
    std::cout << " rejected " << taken->rejected << "\n";
  }
  if (installation.config().scheduler.enabled) {
    auto steps = RunSchedulerPass(services, installation, WorkerName());
    if (!steps) return std::unexpected(steps.error());
    std::cout << "scheduler: " << steps->steps << " reminders/alarms, " << steps->expired
              << " closed unverified, " << steps->reprioritized << " reprioritised"
              << (steps->busy ? " (another worker holds the job)" : "") << "\n";
    if (steps->errors > 0) {
      std::cout << "scheduler: skipped " << steps->errors << " request(s): " << steps->first_error
                << "\n";
    }
  }
  if (!delivery) return {};
  auto report = app::DeliverDueNotices(services, installation.outbox(), delivery->templates,
                                       *delivery->mailer, delivery->settings);
  if (!report) return std::unexpected(report.error());
  std::cout << "outbox: sent " << report->sent << ", to retry " << report->retried << ", failed "
            << report->failed << "\n";
  auto reviews = app::DeliverReviewReminders(installation.reviews(), installation.jobs(),
                                             context.clock(), delivery->templates,
                                             *delivery->mailer, delivery->settings, WorkerName());
  if (!reviews) return std::unexpected(reviews.error());
  // Only when there were some: the lines above are a contract that scripts read (docs/cli.md).
  if (reviews->sent + reviews->retried + reviews->failed > 0) {
    std::cout << "rule review reminders: sent " << reviews->sent << ", to retry "
              << reviews->retried << ", failed " << reviews->failed << "\n";
  }
  return {};
}

// Runs until SIGTERM or SIGINT, then lets the work in progress finish.
Result<void> RunUntilSignalled(CliContext& context, app::Installation& installation,
                               Background& work) {
  std::optional<MailDelivery>& delivery = work.delivery;
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the threads start: they inherit it
  const app::Services services = context.ServicesOf(installation);
  auto scheduler = StartScheduler(services, installation);
  std::unique_ptr<app::PeriodicWorker> outbox;
  if (delivery) outbox = StartOutboxWorker(services, installation, *delivery);
  std::unique_ptr<app::PeriodicWorker> intake;
  if (work.imap) intake = StartMailboxIntake(services, installation, *work.imap);
  std::cout << "RightsDesk worker running"
            << (scheduler ? " the scheduler every " +
                                std::to_string(installation.config().scheduler.poll_seconds) + " s"
                          : "")
            << (outbox ? " and delivering the outbox every " +
                             std::to_string(delivery->poll.count()) + " s"
                       : "")
            << (intake ? ", taking in email every " +
                             std::to_string(installation.config().imap.poll_seconds) + " s"
                       : "")
            << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  if (intake) intake->Stop();
  if (scheduler) scheduler->Stop();
  if (outbox) outbox->Stop();
  std::cout << "RightsDesk worker stopped" << std::endl;
  return {};
}

}  // namespace

void RegisterWorker(CLI::App& root, CliContext& context) {
  CLI::App* cmd = root.add_subcommand(
      "worker", "Take in email, run the scheduler and deliver the outbox until SIGTERM or SIGINT");
  context.AddDataOption(*cmd);
  auto once = std::make_shared<bool>(false);
  cmd->add_flag("--once", *once, "One pass of each (email, scheduler, outbox), then exit");
  cmd->callback([&context, once] {
    auto run = [&]() -> Result<void> {
      auto installation = context.OpenInstallation();
      if (!installation) return std::unexpected(installation.error());
      auto delivery = LoadMailDelivery(**installation, context.clock());
      if (!delivery) return std::unexpected(delivery.error());
      auto imap = LoadImapSettings(**installation);
      if (!imap) return std::unexpected(imap.error());
      if (!*delivery && !*imap && !(*installation)->config().scheduler.enabled) {
        return Fail(ErrorCode::kFailedPrecondition,
                    "nothing to do: no [mail] smtp_url to deliver to, no [imap] url to take in "
                    "from, and [scheduler] is disabled");
      }
      Background work{.delivery = std::move(*delivery), .imap = std::move(*imap)};
      return *once ? RunOnce(context, **installation, work)
                   : RunUntilSignalled(context, **installation, work);
    };
    if (auto done = run(); !done) context.exit_code = context.Report(done.error());
  });
}

}  // namespace rightsdesk::cli
