// SqliteStore's files attached to manual tasks (the TaskAttachmentStore interface).
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

// The sealing contexts bind each sealed value to its attachment and to what it is, so that a
// name cannot be swapped for another row's bytes.
std::string BytesContext(std::string_view id) { return "attachment/" + std::string(id); }
std::string NameContext(std::string_view id) { return "attachment-name/" + std::string(id); }

constexpr std::string_view kSelect =
    "SELECT id, task_id, request_id, added_at, added_by, content_type, size, sha256, name_sealed"
    " FROM task_attachments ";

}  // namespace

Result<void> SqliteStore::AddAttachment(const TaskAttachment& attachment,
                                        std::span<const std::uint8_t> bytes,
                                        const AuditEventDraft& added) {
  const auto sealed =
      sealer_.Seal(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                   BytesContext(attachment.id));
  const auto name = sealer_.Seal(attachment.filename, NameContext(attachment.id));
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto insert = txn.Prepared(
        "INSERT INTO task_attachments (id, task_id, request_id, added_at, added_by, content_type,"
        " size, sha256, name_sealed, sealed)"
        " SELECT ?1, id, request_id, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM manual_tasks WHERE id = ?2");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, attachment.id)
                    .Bind(2, attachment.task_id)
                    .Bind(3, ToMicros(attachment.added_at))
                    .Bind(4, attachment.added_by)
                    .Bind(5, attachment.content_type)
                    .Bind(6, attachment.size)
                    .Bind(7, attachment.sha256)
                    .Bind(8, name)
                    .Bind(9, sealed)
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("attaching a file to a task"));
    if (txn.Changes() == 0) return Fail(ErrorCode::kNotFound, "no task " + attachment.task_id);
    auto event = txn.AppendEvent(added);
    if (!event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<std::vector<TaskAttachment>> SqliteStore::AttachmentsOf(std::string_view task_id) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(std::string(kSelect) + "WHERE task_id = ?1 ORDER BY added_at, id");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, task_id);
  std::vector<TaskAttachment> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    const Statement& s = **stmt;
    TaskAttachment a{.id = s.Text(0),
                     .task_id = s.Text(1),
                     .request_id = s.Text(2),
                     .content_type = s.Text(5),
                     .size = s.Int(6),
                     .sha256 = s.Text(7),
                     .added_at = FromMicros(s.Int(3)),
                     .added_by = s.Text(4)};
    if (s.IsNull(8)) {
      a.erased = true;
    } else {
      auto name = sealer_.Open(s.Blob(8), NameContext(a.id));
      if (!name) return std::unexpected(name.error().WithContext("opening attachment " + a.id));
      a.filename = std::move(*name);
    }
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::pair<TaskAttachment, std::vector<std::uint8_t>>> SqliteStore::ReadAttachment(
    std::string_view id, const AuditEventDraft& read) {
  TaskAttachment found{.id = std::string(id)};
  auto bytes = ReadSealedFile(
      "SELECT request_id, task_id, content_type, size, sha256, sealed IS NULL, sealed"
      " FROM task_attachments WHERE id = ?1",
      id, read, "attachment", BytesContext(id), [&found](const Statement& s) {
        found.request_id = s.Text(0);
        found.task_id = s.Text(1);
        found.content_type = s.Text(2);
        found.size = s.Int(3);
        found.sha256 = s.Text(4);
      });
  if (!bytes) return std::unexpected(bytes.error());
  return std::pair{std::move(found), std::move(*bytes)};
}

Result<std::vector<std::uint8_t>> SqliteStore::ReadSealedFile(
    std::string_view select, std::string_view id, const AuditEventDraft& read,
    std::string_view what, const std::string& context,
    const std::function<void(const Statement&)>& fill) {
  std::vector<std::uint8_t> sealed;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto stmt = txn.Prepared(std::string(select));
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->Bind(1, id);
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return Fail(ErrorCode::kNotFound, "no " + std::string(what) + " " + std::string(id));
    const Statement& s = **stmt;
    fill(s);
    const bool erased = s.Int(5) != 0;
    if (!erased) sealed = s.Blob(6);
    AuditEventDraft event = read;
    event.request_id = s.Text(0);
    (*stmt)->Reset();
    if (erased) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "the " + std::string(what) + " was erased with the request's personal data");
    }
    if (auto appended = txn.AppendEvent(event); !appended) {
      return std::unexpected(appended.error());
    }
    return {};
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  auto opened = sealer_.Open(sealed, context);
  if (!opened) return std::unexpected(opened.error().WithContext("opening a " + std::string(what)));
  return std::vector<std::uint8_t>(opened->begin(), opened->end());
}

}  // namespace rightsdesk::store::sqlite
