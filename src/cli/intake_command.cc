// `rightsdesk intake email` (a message piped in by the mail server) and `rightsdesk triage list`
// (what waits for a person); docs/cli.md, docs/messaging.md "Email intake".
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/email_intake.h"
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
}

}  // namespace rightsdesk::cli
