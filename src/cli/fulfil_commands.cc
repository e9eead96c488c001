// Fulfilment through the data map (docs/fulfilment.md):
//   rightsdesk datamap check                       the map against the live systems
//   rightsdesk fulfil search RD-...                what each system holds (counts, no values)
//   rightsdesk fulfil erase-plan RD-...            the deletion's dry run and its digest
//   rightsdesk fulfil erase RD-... --approve D     execute the approved plan, prove, certify
//   rightsdesk fulfil package RD-...               build the access package, offer its link
//   rightsdesk fulfil categories RD-...            the categories disclosure, from the data map
//   rightsdesk fulfil correct-plan RD-... --set system.table.column=value   a correction's dry run
//   rightsdesk fulfil correct RD-... --set ... --approve D   apply it, re-read, seal before/after
//   rightsdesk fulfil corrections RD-...           the sealed before/after records
//   rightsdesk fulfil honor RD-...                an opt-out/limit: ledger, then recipients told
//   rightsdesk fulfil notices RD-...               each recipient's notices: told, delivered...
//   rightsdesk fulfil confirm RD-... --recipient N a recipient confirmed it acted on a notice
//   rightsdesk certificate verify FILE             check a certificate's signature
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/access_delivery.h"
#include "app/casework.h"
#include "app/fulfilment.h"
#include "app/preferences.h"
#include "cli/cli_context.h"
#include "cli/fulfil_context.h"
#include "config/datamap_loader.h"
#include "connectors/open_source.h"
#include "core/hex.h"
#include "platform/files.h"

namespace rightsdesk::cli {
namespace {

int CheckMap(CliContext& context) {
  auto map = LoadMap(context);
  if (!map) return context.Report(map.error());
  int errors = 0;
  for (const auto& system : map->systems) {
    auto source = connectors::OpenDataSource(system, context.clock());
    if (!source) {
      std::cout << "info    " << system.name << ": " << source.error().message() << "\n";
      continue;
    }
    for (const auto& finding : (*source)->Check()) {
      if (finding.severity == connectors::CheckFinding::Severity::kError) ++errors;
      std::string severity(connectors::Name(finding.severity));
      severity.resize(8, ' ');
      std::cout << severity << finding.where << ": " << finding.message << "\n";
    }
  }
  std::cout << map->systems.size() << " systems, " << errors << " errors\n";
  return errors == 0 ? kExitOk : kExitUsage;
}

int Search(CliContext& context, const std::string& reference) {
  return WithFulfilment(context, [&](app::Fulfilment& fulfilment, app::Installation&) {
    auto searches = fulfilment.Search(reference, context.actor());
    if (!searches) return context.Report(searches.error());
    std::cout << app::SearchSummary(*searches).dump(2) << "\n";
    for (const auto& search : *searches) {
      if (search.error) return kExitFailure;  // shown above; the request cannot be fulfilled yet
    }
    return kExitOk;
  });
}

int PlanErase(CliContext& context, const std::string& reference) {
  return WithFulfilment(context, [&](app::Fulfilment& fulfilment, app::Installation&) {
    auto review = fulfilment.PlanDeletion(reference, context.actor());
    if (!review) return context.Report(review.error());
    std::cout << review->Summary().dump(2) << "\n";
    if (!review->failed.empty()) {
      std::cerr << "rightsdesk: " << review->failed.size()
                << " system(s) could not be searched: fix them before erasing\n";
      return kExitFailure;
    }
    std::cout << "To execute this plan: rightsdesk fulfil erase " << reference << " --approve "
              << review->digest << "\n";
    return kExitOk;
  });
}

int Erase(CliContext& context, const std::string& reference, const std::string& digest) {
  return WithFulfilment(context, [&](app::Fulfilment& fulfilment, app::Installation& installation) {
    auto outcome =
        fulfilment.ExecuteDeletion(reference, digest, context.actor(), installation.signer());
    if (!outcome) return context.Report(outcome.error());
    auto path = Desk(context, installation).SaveCertificate(outcome->certificate);
    if (!path) return context.Report(path.error());
    std::cout << "Erasure certificate: " << path->string() << "\n"
              << (outcome->all_verified
                      ? "Every system was searched again and nothing was found.\n"
                      : "NOT fully verified: see the certificate's proof and manual systems.\n");
    return outcome->all_verified ? kExitOk : kExitFailure;
  });
}

struct PackageArgs {
  std::string reference;
  std::vector<std::string> redact;
  int link_days = 7;
};

int Package(CliContext& context, const PackageArgs& args) {
  return WithFulfilment(context, [&](app::Fulfilment& fulfilment, app::Installation& installation) {
    app::PackageSettings settings{.link_days = args.link_days};
    auto issued = app::IssueAccessPackage(context.ServicesOf(installation), fulfilment,
                                          args.reference, args.redact, settings, context.actor());
    if (!issued) return context.Report(issued.error());
    std::cout << "Package " << issued->record.id << " (" << issued->record.size << " bytes, sha256 "
              << issued->record.sha256 << ")\nLink for the consumer, valid until "
              << FormatInstant(issued->record.expires_at) << " (sent by email; shown once):\n"
              << installation.config().mail.public_url << issued->link_path << "\n";
    return kExitOk;
  });
}

int Categories(CliContext& context, const std::string& reference) {
  return WithFulfilment(context, [&](app::Fulfilment& fulfilment, app::Installation& installation) {
    auto disclosure = app::DiscloseCategoriesFor(context.ServicesOf(installation), fulfilment.map(),
                                                 reference, context.actor());
    if (!disclosure) return context.Report(disclosure.error());
    std::cout << disclosure->dump(2) << "\n";
    return kExitOk;
  });
}

Result<app::RecipientNotice> ParseNotice(std::string_view name) {
  for (auto notice : {app::RecipientNotice::kDeletion, app::RecipientNotice::kOptOut,
                      app::RecipientNotice::kLimit, app::RecipientNotice::kCorrection}) {
    if (app::Name(notice) == name) return notice;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "unknown notice '" + std::string(name) + "' (deletion, opt_out, limit, correction)",
              "--notice");
}

int Confirm(CliContext& context, const std::string& reference, const std::string& recipient,
            const std::string& notice_name) {
  auto notice = ParseNotice(notice_name);
  if (!notice) return context.Report(notice.error());
  return WithFulfilment(context, [&](app::Fulfilment& fulfilment, app::Installation&) {
    if (auto done = fulfilment.ConfirmRecipient(reference, recipient, *notice, context.actor());
        !done) {
      return context.Report(done.error());
    }
    std::cout << recipient << " confirmed the " << notice_name << " notice for " << reference
              << "\n";
    return kExitOk;
  });
}

int Honor(CliContext& context, const std::string& reference) {
  return WithFulfilment(context, [&](app::Fulfilment& fulfilment, app::Installation& installation) {
    auto honored =
        app::HonorPreferenceRequest(context.ServicesOf(installation), installation.preferences(),
                                    fulfilment.map(), reference, context.actor());
    if (!honored) return context.Report(honored.error());
    std::cout << (honored->newly_recorded ? "Recorded on the preference ledger"
                                          : "Already on the preference ledger")
              << "; " << honored->recipients_told << " recipient(s) told now\n";
    return kExitOk;
  });
}

// Every notice sent for the request, recipient by recipient. Exit 1 while one is not done.
int Notices(CliContext& context, const std::string& reference) {
  auto installation = context.OpenInstallation();
  if (!installation) return context.Report(installation.error());
  app::Services services = context.ServicesOf(**installation);
  auto request = app::FindRequest(services, reference);
  if (!request) return context.Report(request.error());
  auto events = services.requests.EventsOf(request->id);
  if (!events) return context.Report(events.error());
  bool all_done = true;
  for (auto notice : {app::RecipientNotice::kDeletion, app::RecipientNotice::kOptOut,
                      app::RecipientNotice::kLimit, app::RecipientNotice::kCorrection}) {
    app::NoticeProgress progress = app::ProgressOf(*events, notice);
    all_done = all_done && progress.Done();
    for (const auto& r : progress.recipients) {
      std::cout << app::Name(notice) << "\t" << r.recipient << "\tby " << r.by << "\t"
                << (r.confirmed   ? "confirmed"
                    : r.failed    ? "FAILED (tell them by hand, then confirm)"
                    : r.delivered ? "delivered"
                                  : "waiting")
                << "\n";
    }
  }
  return all_done ? kExitOk : kExitFailure;
}

Result<PublicKey> KeyToTrust(const CliContext& context, const std::string& key_hex) {
  if (key_hex.empty()) {
    auto installation = context.OpenInstallation();
    if (!installation) {
      return Fail(ErrorCode::kInvalidArgument,
                  "pass --public-key (the signing installation's key) or --data of that "
                  "installation");
    }
    return (*installation)->public_key();
  }
  auto bytes = FromHex(key_hex);
  if (!bytes || bytes->size() != 32) {
    return Fail(ErrorCode::kInvalidArgument, "--public-key must be 64 hex digits");
  }
  PublicKey key{};
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

int VerifyCertificateFile(CliContext& context, const std::string& file,
                          const std::string& key_hex) {
  auto key = KeyToTrust(context, key_hex);
  if (!key) return context.Report(key.error());
  std::ifstream in(file, std::ios::binary);
  if (!in) return context.Report(Error(ErrorCode::kNotFound, "cannot open " + file));
  std::ostringstream text;
  text << in.rdbuf();
  auto check = VerifyCertificateText(text.str(), &*key);
  if (!check) return context.Report(check.error().WithContext(file));
  std::cout << "Certificate intact, signed by " << ToHex(check->signer) << "\n"
            << (check->all_verified ? "It certifies a complete, verified erasure.\n"
                                    : "It records an erasure that was NOT fully verified.\n");
  return kExitOk;
}

}  // namespace

void RegisterFulfilCommands(CLI::App& root, CliContext& context) {
  CLI::App* datamap = root.add_subcommand("datamap", "The data map of the company's systems");
  datamap->require_subcommand(1);
  CLI::App* check = datamap->add_subcommand("check", "Check the data map against the systems");
  context.AddDataOption(*check);
  check->callback([&context] { context.exit_code = CheckMap(context); });

  CLI::App* fulfil = root.add_subcommand("fulfil", "Work a request through the data map");
  fulfil->require_subcommand(1);
  auto reference = std::make_shared<std::string>();
  auto digest = std::make_shared<std::string>();
  CLI::App* search = fulfil->add_subcommand("search", "What each system holds (counts only)");
  CLI::App* plan = fulfil->add_subcommand("erase-plan", "The deletion's dry run, to approve");
  CLI::App* erase = fulfil->add_subcommand("erase", "Execute an approved deletion plan");
  for (CLI::App* command : {search, plan, erase}) {
    context.AddDataOption(*command);
    command->add_option("reference", *reference, "The request (RD-YYYY-NNNNN)")->required();
  }
  erase->add_option("--approve", *digest, "The digest erase-plan printed")->required();
  auto package_args = std::make_shared<PackageArgs>();
  CLI::App* package = fulfil->add_subcommand("package", "Build and offer an access package");
  context.AddDataOption(*package);
  package->add_option("reference", package_args->reference, "The request")->required();
  package->add_option("--redact", package_args->redact,
                      "RE2 pattern of other people's data to redact (repeatable)");
  package->add_option("--link-days", package_args->link_days, "Days the link works")
      ->check(CLI::Range(1, 30))
      ->capture_default_str();
  package->callback(
      [&context, package_args] { context.exit_code = Package(context, *package_args); });
  auto recipient = std::make_shared<std::string>();
  CLI::App* confirm =
      fulfil->add_subcommand("confirm", "Record a recipient's confirmation of a notice");
  context.AddDataOption(*confirm);
  confirm->add_option("reference", *reference, "The request")->required();
  confirm->add_option("--recipient", *recipient, "The recipient's name in the data map")
      ->required();
  auto notice = std::make_shared<std::string>("deletion");
  confirm->add_option("--notice", *notice, "deletion, opt_out, limit or correction")
      ->capture_default_str();
  confirm->callback([&context, reference, recipient, notice] {
    context.exit_code = Confirm(context, *reference, *recipient, *notice);
  });
  AddCorrectionCommands(*fulfil, context);
  CLI::App* honor = fulfil->add_subcommand(
      "honor", "Honour an opt-out or limit request: record it, tell the recipients");
  context.AddDataOption(*honor);
  honor->add_option("reference", *reference, "The request")->required();
  honor->callback([&context, reference] { context.exit_code = Honor(context, *reference); });
  CLI::App* notices =
      fulfil->add_subcommand("notices", "Where each recipient's notices stand for a request");
  context.AddDataOption(*notices);
  notices->add_option("reference", *reference, "The request")->required();
  notices->callback([&context, reference] { context.exit_code = Notices(context, *reference); });
  CLI::App* categories =
      fulfil->add_subcommand("categories", "The categories disclosure for a request to know");
  context.AddDataOption(*categories);
  categories->add_option("reference", *reference, "The request")->required();
  categories->callback(
      [&context, reference] { context.exit_code = Categories(context, *reference); });
  search->callback([&context, reference] { context.exit_code = Search(context, *reference); });
  plan->callback([&context, reference] { context.exit_code = PlanErase(context, *reference); });
  erase->callback(
      [&context, reference, digest] { context.exit_code = Erase(context, *reference, *digest); });

  CLI::App* certificate = root.add_subcommand("certificate", "Erasure certificates");
  certificate->require_subcommand(1);
  CLI::App* verify = certificate->add_subcommand("verify", "Check a certificate's signature");
  context.AddDataOption(*verify);
  auto file = std::make_shared<std::string>();
  auto key = std::make_shared<std::string>();
  verify->add_option("file", *file, "The certificate (JSON)")->required();
  verify->add_option("--public-key", *key, "The signer's public key (hex); default: --data's");
  verify->callback(
      [&context, file, key] { context.exit_code = VerifyCertificateFile(context, *file, *key); });
}

}  // namespace rightsdesk::cli
