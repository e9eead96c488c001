// `rightsdesk request submit|list|show|transition|extend` (and verify|verification, in
// cli/verification_commands.cc).
#include <iostream>

#include "app/casework.h"
#include "app/intake.h"
#include "app/request_json.h"
#include "app/risk_assessment.h"
#include "cli/cli_context.h"
#include "cli/request_text.h"

namespace rightsdesk::cli {
namespace {

// Runs `body` against the opened installation and turns its error into the exit code.
template <typename Body>
void WithInstallation(CliContext& context, Body body) {
  auto installation = context.OpenInstallation();
  if (!installation) {
    context.exit_code = context.Report(installation.error());
    return;
  }
  app::Services services = context.ServicesOf(**installation);
  if (Result<void> done = body(services); !done) context.exit_code = context.Report(done.error());
}

void PrintRequest(const Request& request, bool json, Instant now) {
  if (json) {
    std::cout << app::RequestJson(request, now).dump(2) << '\n';
  } else {
    std::cout << RequestSummaryLine(request, now) << '\n';
  }
}

void RegisterSubmit(CLI::App& parent, CliContext& context) {
  CLI::App* cmd = parent.add_subcommand("submit", "Take in a request");
  context.AddDataOption(*cmd);
  auto form = std::make_shared<app::IntakeForm>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("--type", form->type, "Request type")->required();
  cmd->add_option("--email", form->email, "The consumer's email address")->required();
  cmd->add_option("--name", form->name, "The consumer's name");
  cmd->add_option("--phone", form->phone, "The consumer's phone number");
  cmd->add_option("--address", form->address, "The consumer's postal address");
  cmd->add_option("--account-id", form->account_id, "The consumer's account id with the business");
  cmd->add_option("--jurisdiction", form->jurisdiction, "Jurisdiction (default: the business's)");
  cmd->add_option("--channel", form->channel, "Channel it came in by")->capture_default_str();
  cmd->add_option("--language", form->language, "Language to answer in (en, es)")
      ->capture_default_str();
  cmd->add_option("--message", form->message, "What the consumer wrote");
  cmd->add_flag("--json", *json, "Print the stored request as JSON");
  cmd->callback([&context, form, json] {
    WithInstallation(context, [&](const app::Services& services) -> Result<void> {
      auto stored = app::SubmitRequest(services, *form, context.actor());
      if (!stored) return std::unexpected(stored.error());
      PrintRequest(stored->request, *json, services.clock.Now());
      return {};
    });
  });
}

void RegisterList(CLI::App& parent, CliContext& context) {
  CLI::App* cmd = parent.add_subcommand("list", "The work queue, most urgent first");
  context.AddDataOption(*cmd);
  auto filter = std::make_shared<app::QueueFilter>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("--status", filter->status, "Only requests in this status");
  cmd->add_option("--type", filter->type, "Only requests of this type");
  cmd->add_flag("--overdue", filter->overdue, "Only open requests past their deadline");
  cmd->add_flag("--json", *json, "Print a JSON array");
  cmd->callback([&context, filter, json] {
    WithInstallation(context, [&](const app::Services& services) -> Result<void> {
      Instant now = services.clock.Now();
      nlohmann::json all = nlohmann::json::array();
      app::QueueFilter page_filter = *filter;
      page_filter.limit = 500;
      for (bool first = true;; first = false) {
        auto page = app::ListQueue(services, page_filter);
        if (!page) return std::unexpected(page.error());
        if (first && !*json) std::cout << RequestTableHeader() << '\n';
        for (const Request& r : page->requests) {
          if (*json) {
            all.push_back(app::RequestJson(r, now));
          } else {
            std::cout << RequestTableRow(r, now) << '\n';
          }
        }
        if (!page->next) break;
        page_filter.after = page->next;
      }
      if (*json) std::cout << all.dump(2) << '\n';
      return {};
    });
  });
}

// The reference of the open request a duplicate is linked to ("" when none, or not found).
std::string DuplicateOfReference(const app::Services& services, const Request& request) {
  if (request.duplicate_of.empty()) return "";
  auto open = services.requests.FindById(request.duplicate_of);
  return open ? open->reference : request.duplicate_of;
}

void RegisterShow(CLI::App& parent, CliContext& context) {
  CLI::App* cmd = parent.add_subcommand("show", "One request with its audit events");
  context.AddDataOption(*cmd);
  auto ref = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("REF", *ref, "Reference (RD-YYYY-NNNNN) or id")->required();
  cmd->add_flag("--json", *json, "Print JSON");
  cmd->callback([&context, ref, json] {
    WithInstallation(context, [&](const app::Services& services) -> Result<void> {
      auto request = app::FindRequest(services, *ref);
      if (!request) return std::unexpected(request.error());
      if (*json) {
        auto out = app::RequestDetailJson(services, *request);
        if (!out) return std::unexpected(out.error());
        std::cout << out->dump(2) << '\n';
        return {};
      }
      auto events = services.requests.EventsOf(request->id);
      if (!events) return std::unexpected(events.error());
      auto risk = app::AssessRequestRisk(services, *request, *events);
      if (!risk) return std::unexpected(risk.error());
      std::cout << RequestDetails({.request = *request,
                                   .events = *events,
                                   .risk = *risk,
                                   .duplicate_of = DuplicateOfReference(services, *request)},
                                  services.clock.Now());
      return {};
    });
  });
}

void RegisterTransition(CLI::App& parent, CliContext& context) {
  CLI::App* cmd = parent.add_subcommand("transition", "Move a request to another status");
  context.AddDataOption(*cmd);
  struct Args {
    std::string ref, to, reason, basis;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("REF", args->ref, "Reference (RD-YYYY-NNNNN) or id")->required();
  cmd->add_option("--to", args->to, "New status")->required();
  cmd->add_option("--reason", args->reason, "Why (kept in the audit trail)")->required();
  cmd->add_option("--basis", args->basis,
                  "With --to denied: unverifiable, not_a_consumer, exempt or other (default)");
  cmd->add_flag("--json", args->json, "Print the request as JSON");
  cmd->callback([&context, args] {
    WithInstallation(context, [&](const app::Services& services) -> Result<void> {
      auto moved = app::TransitionTo(services, args->ref, args->to, args->reason, context.actor(),
                                     args->basis);
      if (!moved) return std::unexpected(moved.error());
      PrintRequest(*moved, args->json, services.clock.Now());
      return {};
    });
  });
}

void RegisterExtend(CLI::App& parent, CliContext& context) {
  CLI::App* cmd = parent.add_subcommand(
      "extend", "Take the jurisdiction's extension (once, before the first deadline)");
  context.AddDataOption(*cmd);
  struct Args {
    std::string ref, reason;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("REF", args->ref, "Reference (RD-YYYY-NNNNN) or id")->required();
  cmd->add_option("--reason", args->reason, "Why (sent to the consumer)")->required();
  cmd->add_flag("--json", args->json, "Print the request as JSON");
  cmd->callback([&context, args] {
    WithInstallation(context, [&](const app::Services& services) -> Result<void> {
      auto extended = app::Extend(services, args->ref, args->reason, context.actor());
      if (!extended) return std::unexpected(extended.error());
      PrintRequest(*extended, args->json, services.clock.Now());
      return {};
    });
  });
}

}  // namespace

void RegisterRequestCommands(CLI::App& root, CliContext& context) {
  CLI::App* request = root.add_subcommand("request", "Take in and work requests");
  request->require_subcommand(1);
  RegisterSubmit(*request, context);
  RegisterList(*request, context);
  RegisterShow(*request, context);
  RegisterTransition(*request, context);
  RegisterExtend(*request, context);
  AddVerificationCommands(*request, context);
}

}  // namespace rightsdesk::cli
