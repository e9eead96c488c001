// `rightsdesk worker`: the background work without the HTTP server (docs/cli.md): the scheduler
// and the outbox's delivery. `--once` runs one pass of each (the scheduler first, so that what it
// queues goes out in the same run) and exits: for cron, or to try a configuration.
#include <signal.h>

#include <iostream>

#include "cli/cli_context.h"
#include "cli/mail_setup.h"
#include "cli/scheduler_setup.h"

namespace rightsdesk::cli {
namespace {

Result<void> RunOnce(CliContext& context, app::Installation& installation,
                     std::optional<MailDelivery>& delivery) {
  const app::Services services = context.ServicesOf(installation);
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
  return {};
}

// Runs until SIGTERM or SIGINT, then lets the work in progress finish.
Result<void> RunUntilSignalled(CliContext& context, app::Installation& installation,
                               std::optional<MailDelivery>& delivery) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the threads start: they inherit it
  const app::Services services = context.ServicesOf(installation);
  auto scheduler = StartScheduler(services, installation);
  std::unique_ptr<app::PeriodicWorker> outbox;
  if (delivery) outbox = StartOutboxWorker(services, installation, *delivery);
  std::cout << "RightsDesk worker running"
            << (scheduler ? " the scheduler every " +
                                std::to_string(installation.config().scheduler.poll_seconds) + " s"
                          : "")
            << (outbox ? " and delivering the outbox every " +
                             std::to_string(delivery->poll.count()) + " s"
                       : "")
            << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  if (scheduler) scheduler->Stop();
  if (outbox) outbox->Stop();
  std::cout << "RightsDesk worker stopped" << std::endl;
  return {};
}

}  // namespace

void RegisterWorker(CLI::App& root, CliContext& context) {
  CLI::App* cmd = root.add_subcommand(
      "worker", "Run the scheduler and deliver the outbox until SIGTERM or SIGINT");
  context.AddDataOption(*cmd);
  auto once = std::make_shared<bool>(false);
  cmd->add_flag("--once", *once, "Run the scheduler and deliver what is due now, then exit");
  cmd->callback([&context, once] {
    auto run = [&]() -> Result<void> {
      auto installation = context.OpenInstallation();
      if (!installation) return std::unexpected(installation.error());
      auto delivery = LoadMailDelivery(**installation, context.clock());
      if (!delivery) return std::unexpected(delivery.error());
      if (!*delivery && !(*installation)->config().scheduler.enabled) {
        return Fail(ErrorCode::kFailedPrecondition,
                    "nothing to do: no [mail] smtp_url to deliver to and [scheduler] is disabled");
      }
      return *once ? RunOnce(context, **installation, *delivery)
                   : RunUntilSignalled(context, **installation, *delivery);
    };
    if (auto done = run(); !done) context.exit_code = context.Report(done.error());
  });
}

}  // namespace rightsdesk::cli
