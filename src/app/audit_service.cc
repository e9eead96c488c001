#include "app/audit_service.h"

#include <string>

#include "app/audit_export.h"

namespace rightsdesk::app {
namespace {

std::optional<std::pair<std::int64_t, Hash>> AsPair(const std::optional<store::ChainHead>& head) {
  if (!head) return std::nullopt;
  return std::pair{head->seq, head->hash};
}

class VerifyingVisitor final : public store::TrailVisitor {
 public:
  explicit VerifyingVisitor(const PublicKey& trusted) : trusted_(trusted) {}
  void Begin(std::vector<Checkpoint> checkpoints, std::optional<store::ChainHead> head) override {
    verifier_.emplace(trusted_, std::move(checkpoints));
    head_ = AsPair(head);
  }
  bool Event(const AuditEvent& event) override { return verifier_->Add(event); }
  AuditReport Finish() {
    if (!verifier_) verifier_.emplace(trusted_, std::vector<Checkpoint>{});
    return verifier_->Finish(head_);
  }

 private:
  PublicKey trusted_;
  std::optional<AuditChainVerifier> verifier_;
  std::optional<std::pair<std::int64_t, Hash>> head_;
};

class ExportingVisitor final : public store::TrailVisitor {
 public:
  ExportingVisitor(const PublicKey& key, Instant now, std::ostream& out)
      : key_(key), now_(now), out_(out) {}
  void Begin(std::vector<Checkpoint> checkpoints, std::optional<store::ChainHead> head) override {
    summary_.checkpoints = static_cast<std::int64_t>(checkpoints.size());
    ExportHeader header{.public_key = key_,
                        .exported_at = now_,
                        .head = AsPair(head),
                        .checkpoints = std::move(checkpoints)};
    out_ << FormatHeaderLine(header) << '\n';
  }
  bool Event(const AuditEvent& event) override {
    out_ << FormatEventLine(event) << '\n';
    ++summary_.events;
    return static_cast<bool>(out_);
  }
  const ExportSummary& summary() const { return summary_; }

 private:
  PublicKey key_;
  Instant now_;
  std::ostream& out_;
  ExportSummary summary_;
};

AuditReport LineProblem(AuditReport report, std::int64_t line, const std::string& what) {
  report.problem = AuditProblem{
      .seq = report.head_seq + 1,
      .what = "cannot be read (line " + std::to_string(line) + " of the file: " + what + ")"};
  return report;
}

}  // namespace

Result<AuditReport> VerifyStoredTrail(const store::AuditTrail& trail, const PublicKey& trusted) {
  VerifyingVisitor visitor(trusted);
  if (auto read = trail.ReadTrail(visitor); !read) {
    return std::unexpected(read.error().WithContext("reading the audit trail"));
  }
  return visitor.Finish();
}

Result<ExportSummary> ExportTrail(store::AuditTrail& trail, const PublicKey& public_key,
                                  Instant now, std::string_view actor, std::ostream& out) {
  auto recorded =
      trail.Append({.actor = std::string(actor), .action = "audit.exported", .at = now});
  if (!recorded) return std::unexpected(recorded.error());
  if (auto checkpoint = trail.CheckpointNow(); !checkpoint) {
    return std::unexpected(checkpoint.error());
  }
  ExportingVisitor visitor(public_key, now, out);
  if (auto read = trail.ReadTrail(visitor); !read) {
    return std::unexpected(read.error().WithContext("reading the audit trail"));
  }
  out.flush();
  if (!out) return Fail(ErrorCode::kUnavailable, "writing the export failed");
  return visitor.summary();
}

FileVerification VerifyExport(std::istream& in, std::optional<PublicKey> trusted) {
  FileVerification result;
  std::string line;
  if (!std::getline(in, line)) {
    result.report = LineProblem({}, 1, "the file is empty");
    return result;
  }
  auto header = ParseHeaderLine(line);
  if (!header) {
    result.report = LineProblem({}, 1, header.error().message());
    return result;
  }
  result.key_given = trusted.has_value();
  result.key = trusted.value_or(header->public_key);
  AuditChainVerifier verifier(result.key, header->checkpoints);
  for (std::int64_t number = 2; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    auto event = ParseEventLine(line);
    if (!event) {
      result.report = LineProblem(verifier.Finish(), number, event.error().message());
      return result;
    }
    if (!verifier.Add(*event)) break;
  }
  result.report = verifier.Finish(header->head);
  return result;
}

}  // namespace rightsdesk::app
