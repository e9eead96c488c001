// FulfilmentStore: what fulfilling requests leaves in the ledger besides audit events — the
// access packages waiting for download (sealed; behind a link whose secret is kept as a hash) and
// the manual tasks of systems without a connector, and corrections' before/after records.
// Implemented by SqliteStore; thread-safe; writes are durable on success and carry their audit
// events in the same transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::store {

struct PackageRecord {
  std::string id;
  std::string request_id;
  Instant created_at;
  Instant expires_at;
  std::int64_t size = 0;
  std::string sha256;  // of the ZIP, hex: what the audit event and the consumer can compare
  std::int64_t downloads = 0;
  bool erased = false;  // the bytes were erased at expiry
};

struct TaskStep {
  std::string step;
  bool done = false;
};

struct ManualTask {
  std::string id;
  std::string request_id;
  std::string system;
  std::string owner;
  Date due_on;
  std::vector<TaskStep> checklist;
  std::string status = "open";  // "open" or "done"
  Instant created_at;
  std::optional<Instant> completed_at;
  std::string note;  // the owner's account of what was done (personal: sealed at rest)
};

// A correction's values before and after (core/correction_plan.h's Record()), as JSON text.
struct CorrectionRecord {
  std::string id;
  std::string request_id;
  Instant created_at;
  std::string sha256;  // of `record`, hex: what the audit event names
  std::string record;  // sealed at rest; empty once the request's personal data was purged
};

class FulfilmentStore {
 public:
  virtual ~FulfilmentStore() = default;

  // Seals and stores the ZIP behind `token_hash`, with `built`, in one transaction.
  [[nodiscard]] virtual Result<void> StorePackage(const PackageRecord& package,
                                                  const Hash& token_hash,
                                                  std::span<const std::uint8_t> zip,
                                                  const AuditEventDraft& built) = 0;
  // kNotFound when no package has this link (the caller checks expiry and erasure).
  [[nodiscard]] virtual Result<PackageRecord> FindPackageByToken(const Hash& token_hash) const = 0;
  // The ZIP, counting the download and recording `downloaded` in the same transaction.
  // kFailedPrecondition when the bytes were erased.
  [[nodiscard]] virtual Result<std::vector<std::uint8_t>> DownloadPackage(
      std::string_view package_id, const AuditEventDraft& downloaded) = 0;
  [[nodiscard]] virtual Result<std::vector<PackageRecord>> PackagesOf(
      std::string_view request_id) const = 0;
  // Erases the bytes of packages whose link expired before `now`, one audit event each; returns
  // how many.
  [[nodiscard]] virtual Result<std::int64_t> EraseExpiredPackages(Instant now,
                                                                  std::string_view actor) = 0;

  // Creates the task unless the request already has one for that system; false when it had.
  [[nodiscard]] virtual Result<bool> CreateTask(const ManualTask& task,
                                                const AuditEventDraft& created) = 0;
  // Replaces the task's checklist, status, completion time and note (the owner's update).
  // kNotFound for an unknown id.
  [[nodiscard]] virtual Result<void> UpdateTask(const ManualTask& task,
                                                const AuditEventDraft& updated) = 0;
  [[nodiscard]] virtual Result<ManualTask> FindTask(std::string_view id) const = 0;
  [[nodiscard]] virtual Result<std::vector<ManualTask>> TasksOf(
      std::string_view request_id) const = 0;
  // Seals and stores the record with `applied` (its audit event) in one transaction.
  [[nodiscard]] virtual Result<void> StoreCorrection(const CorrectionRecord& correction,
                                                     const AuditEventDraft& applied) = 0;
  // The request's corrections, oldest first, their records opened.
  [[nodiscard]] virtual Result<std::vector<CorrectionRecord>> CorrectionsOf(
      std::string_view request_id) const = 0;
  // Open tasks, earliest due first, at most `limit`.
  [[nodiscard]] virtual Result<std::vector<ManualTask>> OpenTasks(std::size_t limit) const = 0;
};

}  // namespace rightsdesk::store
