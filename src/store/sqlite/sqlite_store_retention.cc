// SqliteStore's records retention (RequestStore::ClosedBefore, PurgePersonalData).
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {

Result<std::vector<std::string>> SqliteStore::ClosedBefore(Instant cutoff,
                                                           std::size_t limit) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(
      "SELECT id FROM requests WHERE purged_at IS NULL AND closed_at IS NOT NULL"
      " AND closed_at < ?1 ORDER BY closed_at LIMIT ?2");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, ToMicros(cutoff)).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<std::string> ids;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return ids;
    ids.push_back((*stmt)->Text(0));
  }
}

Result<bool> SqliteStore::PurgePersonalData(std::string_view request_id, Instant at,
                                            const AuditEventDraft& purged) {
  Request emptied;  // no identifiers, no agent, no message: what a purged request keeps of them
  emptied.id = std::string(request_id);
  const SealedFields sealed = codec_.Seal(emptied);
  bool done = false;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    done = false;
    auto update = txn.Prepared(
        "UPDATE requests SET subject_sealed = ?2, message_sealed = NULL, email_index = ?3,"
        " agent_index = NULL, status_token_hash = NULL, purged_at = ?4, version = version + 1, "
        "updated_at = ?4"
        " WHERE id = ?1 AND purged_at IS NULL AND closed_at IS NOT NULL RETURNING 1");
    if (!update) return std::unexpected(update.error());
    (*update)->Bind(1, request_id).Bind(2, sealed.subject).Bind(3, sealed.email_index);
    (*update)->Bind(4, ToMicros(at));
    auto row = (*update)->Step();
    if (!row) return std::unexpected(row.error().WithContext("purging a request"));
    (*update)->Reset();
    if (!*row) return {};
    for (const char* sql : {"UPDATE outbox SET params_sealed = X'' WHERE request_id = ?1",
                            "DELETE FROM inbound_attachments WHERE inbound_id IN"
                            " (SELECT id FROM inbound_messages WHERE request_id = ?1)",
                            "DELETE FROM inbound_messages WHERE request_id = ?1",
                            "UPDATE correction_records SET sealed = NULL WHERE request_id = ?1",
                            "UPDATE manual_tasks SET note_sealed = NULL WHERE request_id = ?1",
                            "UPDATE access_packages SET sealed = NULL WHERE request_id = ?1",
                            "UPDATE task_attachments SET sealed = NULL, name_sealed = NULL"
                            " WHERE request_id = ?1",
                            "UPDATE signed_declarations SET sealed = NULL WHERE request_id = ?1",
                            "UPDATE proof_documents SET sealed = NULL, name_sealed = NULL"
                            " WHERE request_id = ?1",
                            // The survey's comment goes; its score stays with the record.
                            "UPDATE feedback SET comment_sealed = NULL, invite_hash = NULL"
                            " WHERE request_id = ?1"}) {
      auto erase = txn.Prepared(sql);
      if (!erase) return std::unexpected(erase.error());
      if (auto ran = (*erase)->Bind(1, request_id).Run(); !ran) {
        return std::unexpected(ran.error().WithContext("purging a request's messages"));
      }
      (*erase)->Reset();
    }
    if (auto event = txn.AppendEvent(purged); !event) return std::unexpected(event.error());
    done = true;
    return {};
  };
  if (auto ran = writer_->Run(job); !ran) return std::unexpected(ran.error());
  return done;
}

}  // namespace rightsdesk::store::sqlite
