// `rightsdesk audit verify|export|checkpoint`.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/audit_service.h"
#include "app/ledger_consistency.h"
#include "cli/cli_context.h"
#include "core/hex.h"

namespace rightsdesk::cli {
namespace {

namespace fs = std::filesystem;

int PrintReport(const AuditReport& report, std::string_view what) {
  if (report.ok()) {
    std::cout << what << " OK: " << report.events << " events, " << report.checkpoints
              << " signed checkpoints, head #" << report.head_seq << " " << ToHex(report.head_hash)
              << '\n';
    return kExitOk;
  }
  const AuditProblem& p = *report.problem;
  std::cerr << "rightsdesk: " << what << " is BROKEN at event " << p.seq;
  if (!p.action.empty()) std::cerr << " (" << p.action;
  if (!p.request_id.empty()) std::cerr << ", request " << p.request_id;
  if (!p.action.empty()) std::cerr << ")";
  std::cerr << ": event " << p.seq << " " << p.what << '\n'
            << "  verified intact before it: " << report.events << " events\n";
  return kExitDataLoss;
}

Result<PublicKey> ParsePublicKey(std::string_view hex) {
  auto bytes = FromHex(hex);
  if (!bytes || bytes->size() != 32) {
    return Fail(ErrorCode::kInvalidArgument, "--public-key must be 64 hex digits");
  }
  PublicKey key{};
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

int VerifyFile(const std::string& file, const std::string& key_hex, const CliContext& context) {
  std::optional<PublicKey> trusted;
  if (!key_hex.empty()) {
    auto key = ParsePublicKey(key_hex);
    if (!key) return context.Report(key.error());
    trusted = *key;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return context.Report(Error(ErrorCode::kNotFound, "cannot open " + file));
  app::FileVerification result = app::VerifyExport(in, trusted);
  if (!result.key_given) {
    std::cout << "Checked against the public key written in the file: " << ToHex(result.key)
              << "\n(compare it with the installation's key, or pass --public-key)\n";
  }
  return PrintReport(result.report, "exported audit trail " + file);
}

void RegisterAuditVerify(CLI::App& parent, CliContext& context) {
  CLI::App* cmd = parent.add_subcommand("verify", "Check the audit trail's hash chain and seals");
  context.AddDataOption(*cmd);
  auto file = std::make_shared<std::string>();
  auto key = std::make_shared<std::string>();
  cmd->add_option("--file", *file, "Verify an exported trail instead of the installation's");
  cmd->add_option("--public-key", *key, "Trusted signing key (hex) for --file");
  cmd->callback([&context, file, key] {
    if (!file->empty()) {
      context.exit_code = VerifyFile(*file, *key, context);
      return;
    }
    auto installation = context.OpenInstallation();
    if (!installation) {
      context.exit_code = context.Report(installation.error());
      return;
    }
    const PublicKey& signing_key = (*installation)->public_key();
    std::cout << "Installation signing key: " << ToHex(signing_key) << '\n';
    auto report = app::VerifyStoredTrail((*installation)->trail(), signing_key);
    if (!report) {
      context.exit_code = context.Report(report.error());
      return;
    }
    context.exit_code = PrintReport(*report, "audit trail");
    if (context.exit_code != kExitOk) return;
    auto agree = app::CheckLedgerConsistency((*installation)->requests(), (*installation)->trail());
    if (!agree) {
      context.exit_code = context.Report(agree.error());
    } else if (agree->mismatch) {
      std::cerr << "rightsdesk: the stored requests disagree with the audit trail: request "
                << agree->mismatch->request << " " << agree->mismatch->what << '\n';
      context.exit_code = kExitDataLoss;
    } else {
      std::cout << "requests OK: all " << agree->requests << " agree with their events\n";
    }
  });
}

void RegisterExport(CLI::App& parent, CliContext& context) {
  CLI::App* cmd = parent.add_subcommand("export", "Write the trail and the public key to FILE");
  context.AddDataOption(*cmd);
  auto file = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  cmd->add_option("FILE", *file, "Where to write (JSON lines)")->required();
  cmd->add_flag("--force", *force, "Replace FILE if it exists");
  cmd->callback([&context, file, force] {
    auto run = [&]() -> Result<app::ExportSummary> {
      std::error_code ec;
      if (!*force && fs::exists(*file, ec)) {
        return Fail(ErrorCode::kAlreadyExists, *file + " exists (use --force to replace it)");
      }
      auto installation = context.OpenInstallation();
      if (!installation) return std::unexpected(installation.error());
      // Written beside the target and renamed, so a reader never sees half a trail.
      std::string partial = *file + ".partial";
      std::ofstream out(partial, std::ios::binary | std::ios::trunc);
      if (!out) return Fail(ErrorCode::kInvalidArgument, "cannot write " + partial);
      auto summary = app::ExportTrail((*installation)->trail(), (*installation)->public_key(),
                                      context.clock().Now(), context.actor(), out);
      out.close();
      if (!summary || !out) {
        fs::remove(partial, ec);
        return summary ? Fail(ErrorCode::kUnavailable, "writing " + partial + " failed") : summary;
      }
      fs::rename(partial, *file, ec);
      if (ec) return Fail(ErrorCode::kUnavailable, "renaming " + partial + ": " + ec.message());
      return summary;
    };
    auto summary = run();
    if (!summary) {
      context.exit_code = context.Report(summary.error());
      return;
    }
    std::cout << "Exported " << summary->events << " events and " << summary->checkpoints
              << " signed checkpoints to " << *file << '\n';
  });
}

void RegisterCheckpoint(CLI::App& parent, CliContext& context) {
  CLI::App* cmd = parent.add_subcommand("checkpoint", "Sign a checkpoint over the head now");
  context.AddDataOption(*cmd);
  cmd->callback([&context] {
    auto installation = context.OpenInstallation();
    if (!installation) {
      context.exit_code = context.Report(installation.error());
      return;
    }
    auto checkpoint = (*installation)->trail().CheckpointNow();
    if (!checkpoint) {
      context.exit_code = context.Report(checkpoint.error());
      return;
    }
    std::cout << "Checkpoint at event #" << checkpoint->seq << " " << ToHex(checkpoint->hash)
              << '\n';
  });
}

}  // namespace

void RegisterAuditCommands(CLI::App& root, CliContext& context) {
  CLI::App* audit = root.add_subcommand("audit", "Verify and export the audit trail");
  audit->require_subcommand(1);
  RegisterAuditVerify(*audit, context);
  RegisterExport(*audit, context);
  RegisterCheckpoint(*audit, context);
}

}  // namespace rightsdesk::cli
