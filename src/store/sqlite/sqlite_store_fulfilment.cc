// SqliteStore's fulfilment records: access packages and manual tasks (the FulfilmentStore
// interface).
#include <nlohmann/json.hpp>

#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

std::string PackageContext(std::string_view id) { return "package/" + std::string(id); }
std::string TaskContext(std::string_view id) { return "task/" + std::string(id); }
std::string CorrectionContext(std::string_view id) { return "correction/" + std::string(id); }

constexpr std::string_view kSelectPackage =
    "SELECT id, request_id, created_at, expires_at, size, sha256, downloads, sealed IS NULL"
    " FROM access_packages ";

PackageRecord PackageRow(const Statement& s) {
  return {.id = s.Text(0),
          .request_id = s.Text(1),
          .created_at = FromMicros(s.Int(2)),
          .expires_at = FromMicros(s.Int(3)),
          .size = s.Int(4),
          .sha256 = s.Text(5),
          .downloads = s.Int(6),
          .erased = s.Int(7) != 0};
}

constexpr std::string_view kSelectTask =
    "SELECT id, request_id, system, owner, due_on, checklist, status, created_at, completed_at,"
    " note_sealed FROM manual_tasks ";

std::string ChecklistJson(const std::vector<TaskStep>& steps) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& step : steps) out.push_back({{"step", step.step}, {"done", step.done}});
  return out.dump();
}

Result<std::vector<TaskStep>> ParseChecklist(std::string_view text, std::string_view id) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array())
    return Fail(ErrorCode::kDataLoss, "task " + std::string(id) + ": bad checklist");
  std::vector<TaskStep> steps;
  for (const auto& step : json) {
    steps.push_back({.step = step.value("step", ""), .done = step.value("done", false)});
  }
  return steps;
}

Result<void> Appended(Result<AuditEvent> event) {
  if (!event) return std::unexpected(event.error());
  return {};
}

}  // namespace

Result<void> SqliteStore::StorePackage(const PackageRecord& package, const Hash& token_hash,
                                       std::span<const std::uint8_t> zip,
                                       const AuditEventDraft& built) {
  const auto sealed =
      sealer_.Seal(std::string_view(reinterpret_cast<const char*>(zip.data()), zip.size()),
                   PackageContext(package.id));
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto insert = txn.Prepared(
        "INSERT INTO access_packages (id, request_id, created_at, expires_at, token_hash, size,"
        " sha256, sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, package.id)
                    .Bind(2, package.request_id)
                    .Bind(3, ToMicros(package.created_at))
                    .Bind(4, ToMicros(package.expires_at))
                    .Bind(5, std::span<const std::uint8_t>(token_hash))
                    .Bind(6, package.size)
                    .Bind(7, package.sha256)
                    .Bind(8, sealed)
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("storing package " + package.id));
    return Appended(txn.AppendEvent(built));
  };
  return writer_->Run(job);
}

Result<PackageRecord> SqliteStore::FindPackageByToken(const Hash& token_hash) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(std::string(kSelectPackage) + "WHERE token_hash = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, std::span<const std::uint8_t>(token_hash));
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "no package behind this link");
  return PackageRow(**stmt);
}

Result<std::vector<std::uint8_t>> SqliteStore::DownloadPackage(std::string_view package_id,
                                                               const AuditEventDraft& downloaded) {
  std::vector<std::uint8_t> sealed;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto read = txn.Prepared("SELECT sealed FROM access_packages WHERE id = ?1");
    if (!read) return std::unexpected(read.error());
    (*read)->Bind(1, package_id);
    auto row = (*read)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return Fail(ErrorCode::kNotFound, "no package " + std::string(package_id));
    if ((*read)->IsNull(0)) {
      (*read)->Reset();
      return Fail(ErrorCode::kFailedPrecondition, "the package's link has expired");
    }
    sealed = (*read)->Blob(0);
    (*read)->Reset();
    auto count = txn.Prepared("UPDATE access_packages SET downloads = downloads + 1 WHERE id = ?1");
    if (!count) return std::unexpected(count.error());
    if (auto done = (*count)->Bind(1, package_id).Run(); !done) return done;
    return Appended(txn.AppendEvent(downloaded));
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  auto opened = sealer_.Open(sealed, PackageContext(package_id));
  if (!opened) return std::unexpected(opened.error().WithContext("opening the package"));
  return std::vector<std::uint8_t>(opened->begin(), opened->end());
}

Result<std::vector<PackageRecord>> SqliteStore::PackagesOf(std::string_view request_id) const {
  auto conn = readers_->Acquire();
  auto stmt =
      conn->Prepared(std::string(kSelectPackage) + "WHERE request_id = ?1 ORDER BY created_at");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, request_id);
  std::vector<PackageRecord> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(PackageRow(**stmt));
  }
  return out;
}

Result<std::int64_t> SqliteStore::EraseExpiredPackages(Instant now, std::string_view actor) {
  std::int64_t erased = 0;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    erased = 0;
    auto due = txn.Prepared(
        "SELECT id, request_id FROM access_packages WHERE sealed IS NOT NULL AND expires_at < ?1");
    if (!due) return std::unexpected(due.error());
    (*due)->Bind(1, ToMicros(now));
    std::vector<std::pair<std::string, std::string>> ids;
    for (;;) {
      auto row = (*due)->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      ids.emplace_back((*due)->Text(0), (*due)->Text(1));
    }
    (*due)->Reset();
    auto erase = txn.Prepared("UPDATE access_packages SET sealed = NULL WHERE id = ?1");
    if (!erase) return std::unexpected(erase.error());
    for (const auto& [id, request_id] : ids) {
      if (auto done = (*erase)->Bind(1, id).Run(); !done) return done;
      (*erase)->Reset();
      auto event = txn.AppendEvent({.request_id = request_id,
                                    .actor = std::string(actor),
                                    .action = "package.expired",
                                    .at = now,
                                    .details = {{"package_id", id}}});
      if (!event) return std::unexpected(event.error());
      ++erased;
    }
    return {};
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  return erased;
}

Result<bool> SqliteStore::CreateTask(const ManualTask& task, const AuditEventDraft& created) {
  bool inserted = false;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    inserted = false;
    auto insert = txn.Prepared(
        "INSERT INTO manual_tasks (id, request_id, system, owner, due_on, checklist, status,"
        " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7)"
        " ON CONFLICT (request_id, system) DO NOTHING");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, task.id)
                    .Bind(2, task.request_id)
                    .Bind(3, task.system)
                    .Bind(4, task.owner)
                    .Bind(5, FormatDate(task.due_on))
                    .Bind(6, ChecklistJson(task.checklist))
                    .Bind(7, ToMicros(task.created_at))
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("creating task " + task.id));
    if (txn.Changes() == 0) return {};
    inserted = true;
    return Appended(txn.AppendEvent(created));
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  return inserted;
}

Result<void> SqliteStore::UpdateTask(const ManualTask& task, const AuditEventDraft& updated) {
  const auto note = sealer_.Seal(task.note, TaskContext(task.id));
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(
        "UPDATE manual_tasks SET checklist = ?2, status = ?3, completed_at = ?4, note_sealed = ?5"
        " WHERE id = ?1");
    if (!update) return std::unexpected(update.error());
    (*update)->Bind(1, task.id).Bind(2, ChecklistJson(task.checklist)).Bind(3, task.status);
    if (task.completed_at) {
      (*update)->Bind(4, ToMicros(*task.completed_at));
    } else {
      (*update)->BindNull(4);
    }
    if (auto done = (*update)->Bind(5, note).Run(); !done) return done;
    if (txn.Changes() == 0) return Fail(ErrorCode::kNotFound, "no task " + task.id);
    return Appended(txn.AppendEvent(updated));
  };
  return writer_->Run(job);
}

Result<std::vector<ManualTask>> SqliteStore::ReadTasks(std::string_view where, std::string_view key,
                                                       std::size_t limit) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(std::string(kSelectTask) + std::string(where));
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, key).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<ManualTask> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    const Statement& s = **stmt;
    ManualTask task{
        .id = s.Text(0), .request_id = s.Text(1), .system = s.Text(2), .owner = s.Text(3)};
    auto due = ParseDate(s.TextView(4));
    auto steps = ParseChecklist(s.TextView(5), task.id);
    if (!due || !steps) return Fail(ErrorCode::kDataLoss, "task " + task.id + " is unreadable");
    task.due_on = *due;
    task.checklist = std::move(*steps);
    task.status = s.Text(6);
    task.created_at = FromMicros(s.Int(7));
    if (!s.IsNull(8)) task.completed_at = FromMicros(s.Int(8));
    if (!s.IsNull(9)) {
      auto note = sealer_.Open(s.Blob(9), TaskContext(task.id));
      if (!note) return std::unexpected(note.error().WithContext("opening task " + task.id));
      task.note = std::move(*note);
    }
    out.push_back(std::move(task));
  }
  return out;
}

Result<ManualTask> SqliteStore::FindTask(std::string_view id) const {
  auto tasks = ReadTasks("WHERE id = ?1 LIMIT ?2", id, 1);
  if (!tasks) return std::unexpected(tasks.error());
  if (tasks->empty()) return Fail(ErrorCode::kNotFound, "no task " + std::string(id));
  return std::move(tasks->front());
}

Result<std::vector<ManualTask>> SqliteStore::TasksOf(std::string_view request_id) const {
  return ReadTasks("WHERE request_id = ?1 ORDER BY created_at, system LIMIT ?2", request_id, 1000);
}

Result<std::vector<ManualTask>> SqliteStore::OpenTasks(std::size_t limit) const {
  return ReadTasks("WHERE status = ?1 ORDER BY due_on, created_at LIMIT ?2", "open", limit);
}

Result<void> SqliteStore::StoreCorrection(const CorrectionRecord& correction,
                                          const AuditEventDraft& applied) {
  const auto sealed = sealer_.Seal(correction.record, CorrectionContext(correction.id));
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto insert = txn.Prepared(
        "INSERT INTO correction_records (id, request_id, created_at, sha256, sealed)"
        " VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, correction.id)
                    .Bind(2, correction.request_id)
                    .Bind(3, ToMicros(correction.created_at))
                    .Bind(4, correction.sha256)
                    .Bind(5, sealed)
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("storing a correction"));
    return Appended(txn.AppendEvent(applied));
  };
  return writer_->Run(job);
}

Result<std::vector<CorrectionRecord>> SqliteStore::CorrectionsOf(
    std::string_view request_id) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(
      "SELECT id, request_id, created_at, sha256, sealed FROM correction_records"
      " WHERE request_id = ?1 ORDER BY created_at, id");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, request_id);
  std::vector<CorrectionRecord> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    const Statement& s = **stmt;
    CorrectionRecord record{.id = s.Text(0),
                            .request_id = s.Text(1),
                            .created_at = FromMicros(s.Int(2)),
                            .sha256 = s.Text(3)};
    if (!s.IsNull(4)) {
      auto opened = sealer_.Open(s.Blob(4), CorrectionContext(record.id));
      if (!opened) return std::unexpected(opened.error().WithContext("opening a correction"));
      record.record.assign(opened->begin(), opened->end());
    }
    out.push_back(std::move(record));
  }
  return out;
}

}  // namespace rightsdesk::store::sqlite
