// SqliteStore's outbox delivery (the OutboxStore interface). Claims and outcomes go through the
// single writer, so a claim is atomic: two workers asking at once get different messages.
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

struct ClaimedRow {
  std::string id;
  std::string request_id;
  std::string kind;
  std::vector<std::uint8_t> params_sealed;
  int attempts = 0;
  Instant created_at;
};

// Runs a one-row UPDATE ... RETURNING 1; kNotFound when no row matched.
Result<void> UpdateOne(Statement& stmt, std::string_view id) {
  auto row = stmt.Step();
  if (!row) return std::unexpected(row.error());
  stmt.Reset();
  if (!*row)
    return Fail(ErrorCode::kNotFound, "outbox message " + std::string(id) + " is not claimed");
  return {};
}

}  // namespace

Result<std::vector<OutgoingNotice>> SqliteStore::ClaimDue(Instant now, Instant lease_until,
                                                          int limit) {
  std::vector<ClaimedRow> claimed;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    claimed.clear();  // a retried job starts again
    auto due = txn.Prepared(
        "SELECT id, request_id, kind, params_sealed, attempts, created_at FROM outbox"
        " WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?1"
        " ORDER BY next_attempt_at, id LIMIT ?2");
    if (!due) return std::unexpected(due.error());
    (*due)->Bind(1, ToMicros(now)).Bind(2, std::int64_t{limit});
    for (;;) {
      auto row = (*due)->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      claimed.push_back({.id = (*due)->Text(0),
                         .request_id = (*due)->Text(1),
                         .kind = (*due)->Text(2),
                         .params_sealed = (*due)->Blob(3),
                         .attempts = static_cast<int>((*due)->Int(4)),
                         .created_at = FromMicros((*due)->Int(5))});
    }
    (*due)->Reset();
    auto lease =
        txn.Prepared("UPDATE outbox SET status = 'sending', next_attempt_at = ?2 WHERE id = ?1");
    if (!lease) return std::unexpected(lease.error());
    for (const ClaimedRow& row : claimed) {
      auto done = (*lease)->Bind(1, row.id).Bind(2, ToMicros(lease_until)).Run();
      (*lease)->Reset();  // the statement is bound again for the next row
      if (!done) return std::unexpected(done.error().WithContext("claiming " + row.id));
    }
    return {};
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  std::vector<OutgoingNotice> out;
  for (ClaimedRow& row : claimed) {
    auto params = sealer_.Open(row.params_sealed, "outbox/" + row.id + "/params");
    if (!params) return std::unexpected(params.error().WithContext("opening " + row.id));
    auto json = nlohmann::json::parse(*params, nullptr, false);
    if (json.is_discarded()) {
      return Fail(ErrorCode::kDataLoss, "outbox message " + row.id + " has unreadable parameters");
    }
    out.push_back({.id = std::move(row.id),
                   .request_id = std::move(row.request_id),
                   .kind = std::move(row.kind),
                   .params = std::move(json),
                   .attempts = row.attempts,
                   .created_at = row.created_at});
  }
  return out;
}

Result<void> SqliteStore::MarkSent(std::string_view id, Instant at, const AuditEventDraft& sent) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(
        "UPDATE outbox SET status = 'sent', sent_at = ?2, last_error = NULL"
        " WHERE id = ?1 AND status = 'sending' RETURNING 1");
    if (!update) return std::unexpected(update.error());
    (*update)->Bind(1, id).Bind(2, ToMicros(at));
    if (auto done = UpdateOne(**update, id); !done) return done;
    if (auto event = txn.AppendEvent(sent); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<void> SqliteStore::MarkRetry(std::string_view id, Instant next_attempt_at,
                                    std::string_view error) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(
        "UPDATE outbox SET status = 'pending', attempts = attempts + 1, next_attempt_at = ?2,"
        " last_error = ?3 WHERE id = ?1 AND status = 'sending' RETURNING 1");
    if (!update) return std::unexpected(update.error());
    (*update)->Bind(1, id).Bind(2, ToMicros(next_attempt_at)).Bind(3, error);
    return UpdateOne(**update, id);
  };
  return writer_->Run(job);
}

Result<void> SqliteStore::MarkFailed(std::string_view id, std::string_view error,
                                     const AuditEventDraft& failed) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(
        "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?2"
        " WHERE id = ?1 AND status = 'sending' RETURNING 1");
    if (!update) return std::unexpected(update.error());
    (*update)->Bind(1, id).Bind(2, error);
    if (auto done = UpdateOne(**update, id); !done) return done;
    if (auto event = txn.AppendEvent(failed); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

}  // namespace rightsdesk::store::sqlite
