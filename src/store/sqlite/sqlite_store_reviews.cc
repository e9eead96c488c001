// SqliteStore's rule review checklist (the ReviewStore interface).
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

constexpr std::string_view kReviewColumns =
    "id, kind, title, source, owner, due_on, status, created_by, created_at, done_by, done_at,"
    " note, reminded_due_soon, reminded_overdue";

Result<ReviewItem> ReviewItemRow(const Statement& s) {
  ReviewItem item{.id = s.Int(0),
                  .title = s.Text(2),
                  .source = s.Text(3),
                  .owner = s.Text(4),
                  .created_by = s.Text(7),
                  .created_at = FromMicros(s.Int(8)),
                  .done_by = s.Text(9),
                  .note = s.Text(11),
                  .reminded_due_soon = s.Int(12) != 0,
                  .reminded_overdue = s.Int(13) != 0};
  auto kind = ParseReviewKind(s.Text(1));
  auto status = ParseReviewStatus(s.Text(6));
  auto due = ParseDate(s.Text(5));
  if (!kind || !status || !due) {
    return Fail(ErrorCode::kDataLoss, "review item " + std::to_string(item.id) + " is unreadable");
  }
  item.kind = *kind;
  item.status = *status;
  item.due_on = *due;
  if (!s.IsNull(10)) item.done_at = FromMicros(s.Int(10));
  return item;
}

Result<ReviewItem> ReadReviewItem(Statement& stmt, std::int64_t id) {
  stmt.Bind(1, id);
  auto row = stmt.Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) {
    stmt.Reset();
    return Fail(ErrorCode::kNotFound, "no review item " + std::to_string(id));
  }
  auto item = ReviewItemRow(stmt);
  stmt.Reset();
  return item;
}

std::string SelectReviewItem() {
  return "SELECT " + std::string(kReviewColumns) + " FROM review_items WHERE id = ?1";
}

}  // namespace

Result<ReviewItem> SqliteStore::AddReviewItem(const ReviewItem& item,
                                              const AuditEventDraft& added) {
  ReviewItem stored = item;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto insert = txn.Prepared(
        "INSERT INTO review_items (kind, title, source, owner, due_on, created_by, created_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
    if (!insert) return std::unexpected(insert.error());
    (*insert)
        ->Bind(1, Name(item.kind))
        .Bind(2, item.title)
        .Bind(3, item.source)
        .Bind(4, item.owner)
        .Bind(5, FormatDate(item.due_on))
        .Bind(6, item.created_by)
        .Bind(7, ToMicros(item.created_at));
    auto row = (*insert)->Step();
    if (!row) return std::unexpected(row.error().WithContext("storing a review item"));
    if (!*row) return Fail(ErrorCode::kInternal, "storing a review item returned no id");
    stored = item;
    stored.id = (*insert)->Int(0);
    stored.status = ReviewStatus::kOpen;
    (*insert)->Reset();
    AuditEventDraft event = added;
    event.details["item"] = stored.id;
    if (auto appended = txn.AppendEvent(event); !appended) {
      return std::unexpected(appended.error());
    }
    return {};
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  return stored;
}

Result<ReviewItem> SqliteStore::FindReviewItem(std::int64_t id) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(SelectReviewItem());
  if (!stmt) return std::unexpected(stmt.error());
  return ReadReviewItem(**stmt, id);
}

Result<std::vector<ReviewItem>> SqliteStore::ReviewItems(std::optional<ReviewStatus> status) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared("SELECT " + std::string(kReviewColumns) +
                             " FROM review_items WHERE ?1 IS NULL OR status = ?1"
                             " ORDER BY status = 'done', CASE WHEN status = 'open' THEN due_on END,"
                             " done_at DESC, id");
  if (!stmt) return std::unexpected(stmt.error());
  if (status) {
    (*stmt)->Bind(1, Name(*status));
  } else {
    (*stmt)->BindNull(1);
  }
  std::vector<ReviewItem> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    auto item = ReviewItemRow(**stmt);
    if (!item) {
      (*stmt)->Reset();
      return std::unexpected(item.error());
    }
    out.push_back(std::move(*item));
  }
}

Result<ReviewItem> SqliteStore::CompleteReviewItem(std::int64_t id, std::string_view by, Instant at,
                                                   std::string_view note,
                                                   const AuditEventDraft& done) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(
        "UPDATE review_items SET status = 'done', done_by = ?2, done_at = ?3, note = ?4"
        " WHERE id = ?1 AND status = 'open'");
    if (!update) return std::unexpected(update.error());
    auto ran = (*update)->Bind(1, id).Bind(2, by).Bind(3, ToMicros(at)).Bind(4, note).Run();
    if (!ran) return std::unexpected(ran.error().WithContext("completing a review item"));
    if (txn.Changes() == 0) {
      auto exists = txn.Prepared("SELECT status FROM review_items WHERE id = ?1");
      if (!exists) return std::unexpected(exists.error());
      (*exists)->Bind(1, id);
      auto row = (*exists)->Step();
      if (!row) return std::unexpected(row.error());
      (*exists)->Reset();
      if (!*row) return Fail(ErrorCode::kNotFound, "no review item " + std::to_string(id));
      return Fail(ErrorCode::kFailedPrecondition,
                  "review item " + std::to_string(id) + " is done already");
    }
    if (auto appended = txn.AppendEvent(done); !appended) return std::unexpected(appended.error());
    return {};
  };
  if (auto ran = writer_->Run(job); !ran) return std::unexpected(ran.error());
  return FindReviewItem(id);
}

Result<bool> SqliteStore::RecordReviewReminder(std::int64_t id, ReviewReminderStage stage,
                                               const std::optional<std::string>& to, Instant at,
                                               const AuditEventDraft& reminded) {
  bool recorded = false;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    recorded = false;
    // The column is chosen here, never from input.
    auto update = txn.Prepared(stage == ReviewReminderStage::kDueSoon
                                   ? "UPDATE review_items SET reminded_due_soon = 1"
                                     " WHERE id = ?1 AND status = 'open' AND reminded_due_soon = 0"
                                   : "UPDATE review_items SET reminded_overdue = 1"
                                     " WHERE id = ?1 AND status = 'open' AND reminded_overdue = 0");
    if (!update) return std::unexpected(update.error());
    auto ran = (*update)->Bind(1, id).Run();
    if (!ran) return std::unexpected(ran.error().WithContext("marking a review reminder"));
    if (txn.Changes() == 0) return {};
    if (to) {
      auto queue = txn.Prepared(
          "INSERT INTO review_reminders (item_id, stage, to_address, created_at)"
          " VALUES (?1, ?2, ?3, ?4)");
      if (!queue) return std::unexpected(queue.error());
      auto queued =
          (*queue)->Bind(1, id).Bind(2, Name(stage)).Bind(3, *to).Bind(4, ToMicros(at)).Run();
      if (!queued) return std::unexpected(queued.error().WithContext("queuing a review reminder"));
    }
    if (auto appended = txn.AppendEvent(reminded); !appended) {
      return std::unexpected(appended.error());
    }
    recorded = true;
    return {};
  };
  if (auto ran = writer_->Run(job); !ran) return std::unexpected(ran.error());
  return recorded;
}

Result<std::vector<QueuedReviewReminder>> SqliteStore::PendingReviewReminders(int limit) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(
      "SELECT id, item_id, stage, to_address, attempts FROM review_reminders"
      " WHERE status = 'pending' ORDER BY id LIMIT ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, std::int64_t{limit});
  std::vector<QueuedReviewReminder> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    const Statement& s = **stmt;
    auto stage = ParseReviewReminderStage(s.Text(2));
    if (!stage) {
      (*stmt)->Reset();
      return Fail(ErrorCode::kDataLoss,
                  "review reminder " + std::to_string(s.Int(0)) + " has an unknown stage");
    }
    out.push_back({.id = s.Int(0),
                   .item_id = s.Int(1),
                   .stage = *stage,
                   .to = s.Text(3),
                   .attempts = static_cast<int>(s.Int(4))});
  }
}

Result<void> SqliteStore::RecordReviewReminderAttempt(std::int64_t reminder_id, bool sent,
                                                      bool failed_for_good, std::string_view error,
                                                      Instant at,
                                                      const std::optional<AuditEventDraft>& event) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(
        "UPDATE review_reminders SET status = ?2, attempts = attempts + 1, last_error = ?3,"
        " sent_at = ?4 WHERE id = ?1 AND status = 'pending'");
    if (!update) return std::unexpected(update.error());
    std::string_view status = sent ? "sent" : (failed_for_good ? "failed" : "pending");
    (*update)->Bind(1, reminder_id).Bind(2, status).Bind(3, error);
    if (sent) {
      (*update)->Bind(4, ToMicros(at));
    } else {
      (*update)->BindNull(4);
    }
    auto ran = (*update)->Run();
    if (!ran) return std::unexpected(ran.error().WithContext("recording a review reminder"));
    if (txn.Changes() == 0) {
      return Fail(ErrorCode::kNotFound,
                  "review reminder " + std::to_string(reminder_id) + " is not pending");
    }
    if (event) {
      if (auto appended = txn.AppendEvent(*event); !appended) {
        return std::unexpected(appended.error());
      }
    }
    return {};
  };
  return writer_->Run(job);
}

}  // namespace rightsdesk::store::sqlite
