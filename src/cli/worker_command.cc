// `rightsdesk worker`: the background work without the HTTP server (docs/cli.md). Today that is
// delivering the outbox; `--once` delivers what is due and exits (for cron, or to try a
// configuration).
#include <signal.h>

#include <iostream>

#include "cli/cli_context.h"
#include "cli/mail_setup.h"

namespace rightsdesk::cli {
namespace {

Result<void> RunOnce(CliContext& context, app::Installation& installation, MailDelivery& delivery) {
  auto report = app::DeliverDueNotices(context.ServicesOf(installation), installation.outbox(),
                                       delivery.templates, *delivery.mailer, delivery.settings);
  if (!report) return std::unexpected(report.error());
  std::cout << "outbox: sent " << report->sent << ", to retry " << report->retried << ", failed "
            << report->failed << "\n";
  return {};
}

// Runs until SIGTERM or SIGINT, then lets the message being sent finish.
Result<void> RunUntilSignalled(CliContext& context, app::Installation& installation,
                               MailDelivery& delivery) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the thread starts: it inherits it
  auto worker = StartOutboxWorker(context.ServicesOf(installation), installation, delivery);
  std::cout << "RightsDesk worker delivering the outbox every " << delivery.poll.count() << " s"
            << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  worker->Stop();
  std::cout << "RightsDesk worker stopped" << std::endl;
  return {};
}

}  // namespace

void RegisterWorker(CLI::App& root, CliContext& context) {
  CLI::App* cmd = root.add_subcommand("worker", "Deliver the outbox until SIGTERM or SIGINT");
  context.AddDataOption(*cmd);
  auto once = std::make_shared<bool>(false);
  cmd->add_flag("--once", *once, "Deliver what is due now, then exit");
  cmd->callback([&context, once] {
    auto run = [&]() -> Result<void> {
      auto installation = context.OpenInstallation();
      if (!installation) return std::unexpected(installation.error());
      auto delivery = LoadMailDelivery(**installation, context.clock());
      if (!delivery) return std::unexpected(delivery.error());
      if (!*delivery) {
        return Fail(ErrorCode::kFailedPrecondition,
                    "no [mail] smtp_url in rightsdesk.toml: there is nowhere to deliver to");
      }
      return *once ? RunOnce(context, **installation, **delivery)
                   : RunUntilSignalled(context, **installation, **delivery);
    };
    if (auto done = run(); !done) context.exit_code = context.Report(done.error());
  });
}

}  // namespace rightsdesk::cli
