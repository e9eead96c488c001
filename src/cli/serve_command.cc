// `rightsdesk serve`: the HTTP server on the installation (docs/api.md).
#include <charconv>
#include <iostream>

#include "cli/cli_context.h"
#include "cli/fulfil_context.h"
#include "cli/imap_setup.h"
#include "cli/mail_setup.h"
#include "cli/scheduler_setup.h"
#include "http/routes.h"
#include "http/server.h"

namespace rightsdesk::cli {
namespace {

Result<std::pair<std::string, unsigned short>> ParseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  unsigned port = 0;
  if (colon != std::string::npos) {
    const char* begin = listen.data() + colon + 1;
    const char* end = listen.data() + listen.size();
    auto [at, ec] = std::from_chars(begin, end, port);
    if (ec == std::errc() && at == end && begin != end && port <= 65535) {
      return std::pair{listen.substr(0, colon), static_cast<unsigned short>(port)};
    }
  }
  return Fail(ErrorCode::kInvalidArgument,
              "--listen '" + listen + "' is not ADDRESS:PORT (e.g. 127.0.0.1:8080)");
}

}  // namespace

void RegisterServe(CLI::App& root, CliContext& context) {
  CLI::App* cmd = root.add_subcommand("serve", "Serve the HTTP API until SIGTERM or SIGINT");
  context.AddDataOption(*cmd);
  auto listen = std::make_shared<std::string>("127.0.0.1:8080");
  cmd->add_option("--listen", *listen, "Address and port to listen on")->capture_default_str();
  cmd->callback([&context, listen] {
    auto run = [&]() -> Result<void> {
      auto where = ParseListen(*listen);
      if (!where) return std::unexpected(where.error());
      auto installation = context.OpenInstallation();
      if (!installation) return std::unexpected(installation.error());
      const config::HttpSettings& limits = (*installation)->config().http;
      security::RateLimiter intake_limiter(
          {.per_minute = limits.intake_per_minute, .burst = limits.intake_burst}, context.clock());
      security::RateLimiter email_limiter({.per_minute = limits.intake_per_email_per_hour / 60,
                                           .burst = limits.intake_per_email_per_hour},
                                          context.clock());
      security::RateLimiter agent_limiter({.per_minute = limits.intake_per_agent_per_hour / 60,
                                           .burst = limits.intake_per_agent_per_hour},
                                          context.clock());
      auto templates = http::html::Templates::Load();
      if (!templates) return std::unexpected(templates.error());
      http::Metrics metrics;
      const app::FulfilmentDesk desk = Desk(context, **installation);
      http::ApiContext api{
          .services = context.ServicesOf(**installation),
          .tokens = (*installation)->tokens(),
          .trail = (*installation)->trail(),
          .public_key = (*installation)->public_key(),
          .intake_limiter = &intake_limiter,
          .email_limiter = &email_limiter,
          .agent_limiter = &agent_limiter,
          .metrics = &metrics,
          .templates = &*templates,
          .preferences = &(*installation)->preferences(),
          .users = &(*installation)->users(),
          .inbox = &(*installation)->inbox(),
          .corrections = &(*installation)->corrections(),
          .codes = &(*installation)->codes(),
          .desk = &desk,
          .attachments = &(*installation)->attachments(),
          .verification = &(*installation)->verification(),
          .verification_options = VerificationOptionsOf((*installation)->config()),
          .account_token_keys = (*installation)->account_token_keys(),
          .account_token_settings = (*installation)->config().verification.account_token,
          .playbooks = &(*installation)->config().playbooks,
          .scenarios = &(*installation)->config().scenarios,
          .training = &(*installation)->training()};
      http::Router router = http::BuildRoutes(api);
      http::HttpServer server(router, {.address = where->first,
                                       .port = where->second,
                                       .stop_on_signals = true,
                                       .metrics = &metrics});
      if (auto listening = server.Listen(); !listening) return listening;
      std::string base = "http://" + where->first + ":" + std::to_string(server.port());
      auto delivery = LoadMailDelivery(**installation, context.clock());
      if (!delivery) return std::unexpected(delivery.error());
      std::unique_ptr<app::PeriodicWorker> outbox;
      if (*delivery) outbox = StartOutboxWorker(api.services, **installation, **delivery);
      auto scheduler = StartScheduler(api.services, **installation);
      auto imap = LoadImapSettings(**installation);
      if (!imap) return std::unexpected(imap.error());
      std::unique_ptr<app::PeriodicWorker> intake;
      if (*imap) intake = StartMailboxIntake(api.services, **installation, **imap);
      std::cout << "RightsDesk listening on " << base << "\n  privacy center: " << base
                << "/privacy\n  staff console:  " << base << "/console\n  outbox:         "
                << (outbox ? "delivering by SMTP"
                           : "not sending ([mail] smtp_url is not set; messages wait)")
                << "\n  scheduler:      " << (scheduler ? "running" : "disabled ([scheduler])")
                << "\n  email intake:   "
                << (intake ? "from the [imap] mailbox" : "none ([imap] url)") << std::endl;
      server.Run();
      if (intake) intake->Stop();
      if (scheduler) scheduler->Stop();
      if (outbox) outbox->Stop();
      std::cout << "RightsDesk stopped: every request in flight was answered" << std::endl;
      return {};
    };
    if (auto done = run(); !done) context.exit_code = context.Report(done.error());
  });
}

}  // namespace rightsdesk::cli
