// `rightsdesk intake email` (a message piped in by the mail server) and `rightsdesk triage
// list|accept|dismiss` (what waits for a person); docs/cli.md, docs/messaging.md "Email intake".
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/email_intake.h"
#include "app/triage.h"
#include "cli/cli_context.h"

namespace rightsdesk::cli {
namespace {

Result<std::string> ReadRaw(std::istream& in) {
  std::string raw;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    raw.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (raw.size() > messaging::kMaxInboundBytes) {
      return Fail(ErrorCode::kInvalidArgument, "the message on stdin is larger than 25 MB");
    }
  }
  if (raw.empty()) return Fail(ErrorCode::kInvalidArgument, "no message on stdin");
  return raw;
}

Result<void> TakeIn(CliContext& context) {
  auto raw = ReadRaw(std::cin);
  if (!raw) return std::unexpected(raw.error());
  auto email = messaging::ParseInboundEmail(*raw);
  if (!email) return std::unexpected(email.error());
  auto installation = context.OpenInstallation();
  if (!installation) return std::unexpected(installation.error());
  auto corrections = (*installation)->corrections().Corrections();
  if (!corrections) return std::unexpected(corrections.error());
  auto classifier = app::MessageClassifier::Load(*corrections);
  if (!classifier) return std::unexpected(classifier.error());
  auto taken = app::TakeInEmail(context.ServicesOf(**installation), (*installation)->inbox(),
                                *classifier, *email);
  if (!taken) return std::unexpected(taken.error());
  nlohmann::ordered_json out = {{"outcome", app::Name(taken->outcome)},
                                {"inbound", taken->inbound_id}};
  if (taken->request) out["reference"] = taken->request->reference;
  if (taken->outcome == app::EmailOutcome::kCreated ||
      taken->outcome == app::EmailOutcome::kTriaged) {
    out["type"] = taken->classification.type;
    out["confidence"] = std::round(taken->classification.confidence * 1000) / 1000;
    out["language"] = taken->classification.language;
  }
  std::cout << out.dump() << "\n";
  return {};
}

Result<void> ListTriage(CliContext& context) {
  auto installation = context.OpenInstallation();
  if (!installation) return std::unexpected(installation.error());
  auto waiting = (*installation)->inbox().InboundOfKind("triage", 1000);
  if (!waiting) return std::unexpected(waiting.error());
  for (const store::InboundRecord& r : *waiting) {
    nlohmann::ordered_json line = {{"inbound", r.id},
                                   {"received_at", FormatInstant(r.received_at)},
                                   {"from", r.from_address},
                                   {"subject", r.subject},
                                   {"attachments", r.attachments.size()}};
    std::cout << line.dump() << "\n";
  }
  return {};
}

struct Decision {
  std::string inbound;
  std::string type;
  std::string language;
};

Result<void> Decide(CliContext& context, const Decision& decision, bool accept) {
  auto installation = context.OpenInstallation();
  if (!installation) return std::unexpected(installation.error());
  const std::string& language = decision.language;  // "": as the classifier heard it
  app::TriageStores stores{(*installation)->inbox(), (*installation)->corrections()};
  const app::Services services = context.ServicesOf(**installation);
  if (!accept) {
    auto dismissed =
        app::DismissTriaged(services, stores, decision.inbound, language, context.actor());
    if (!dismissed) return dismissed;
    std::cout << "dismissed " << decision.inbound << ": not a privacy request\n";
    return {};
  }
  auto request = app::AcceptTriaged(services, stores, decision.inbound, decision.type, language,
                                    context.actor());
  if (!request) return std::unexpected(request.error());
  std::cout << request->reference << " (" << Name(request->type) << ", " << request->language
            << ") made from " << decision.inbound << "\n";
  return {};
}

void RegisterDecision(CLI::App& triage, CliContext& context, bool accept) {
  CLI::App* cmd = accept ? triage.add_subcommand("accept", "Make a request of a waiting message")
                         : triage.add_subcommand("dismiss", "A waiting message is not a request");
  context.AddDataOption(*cmd);
  auto decision = std::make_shared<Decision>();
  cmd->add_option("INBOUND", decision->inbound, "The message's id (triage list)")->required();
  if (accept) cmd->add_option("--type", decision->type, "The request's type")->required();
  cmd->add_option("--language", decision->language,
                  "The message's language (en, es); default: as the classifier heard it");
  cmd->callback([&context, decision, accept] {
    if (auto done = Decide(context, *decision, accept); !done) {
      context.exit_code = context.Report(done.error());
    }
  });
}

}  // namespace

void RegisterIntakeCommands(CLI::App& root, CliContext& context) {
  CLI::App* intake = root.add_subcommand("intake", "Take in requests from other channels");
  intake->require_subcommand(1);
  CLI::App* email = intake->add_subcommand(
      "email", "Take in one email (RFC 5322, as the mail server delivers it) from stdin");
  context.AddDataOption(*email);
  email->callback([&context] {
    if (auto done = TakeIn(context); !done) context.exit_code = context.Report(done.error());
  });
  CLI::App* triage = root.add_subcommand("triage", "The messages waiting for a person");
  triage->require_subcommand(1);
  CLI::App* list = triage->add_subcommand("list", "Print the triage queue, one JSON per line");
  context.AddDataOption(*list);
  list->callback([&context] {
    if (auto done = ListTriage(context); !done) context.exit_code = context.Report(done.error());
  });
  RegisterDecision(*triage, context, /*accept=*/true);
  RegisterDecision(*triage, context, /*accept=*/false);
}

}  // namespace rightsdesk::cli
