// SqliteStore's feedback answers (the FeedbackStore interface).
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

std::string FeedbackCommentContext(std::string_view request_id) {
  return "feedback/" + std::string(request_id);
}

}  // namespace

Result<void> SqliteStore::RecordInvite(std::string_view request_id, const Hash& secret,
                                       Instant at) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto upsert = txn.Prepared(
        "INSERT INTO feedback (request_id, invite_hash, invited_at) VALUES (?1, ?2, ?3)"
        " ON CONFLICT (request_id) DO UPDATE SET invite_hash = excluded.invite_hash,"
        " invited_at = excluded.invited_at");
    if (!upsert) return std::unexpected(upsert.error());
    auto done = (*upsert)->Bind(1, request_id).Bind(2, secret).Bind(3, ToMicros(at)).Run();
    if (!done) return std::unexpected(done.error().WithContext("storing a survey link"));
    return {};
  };
  return writer_->Run(job);
}

Result<std::optional<Hash>> SqliteStore::InviteOf(std::string_view request_id) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared("SELECT invite_hash FROM feedback WHERE request_id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, request_id);
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row || (*stmt)->IsNull(0)) return std::optional<Hash>();
  auto bytes = (*stmt)->Blob(0);
  Hash hash{};
  if (bytes.size() != hash.size()) return std::optional<Hash>();
  std::copy(bytes.begin(), bytes.end(), hash.begin());
  return std::optional<Hash>(hash);
}

Result<void> SqliteStore::RecordAnswer(std::string_view request_id, int score,
                                       std::string_view comment, Instant at,
                                       const AuditEventDraft& answered) {
  std::optional<std::vector<std::uint8_t>> sealed;
  if (!comment.empty()) sealed = sealer_.Seal(comment, FeedbackCommentContext(request_id));
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    // One statement decides: a row already answered is neither inserted nor updated.
    auto answer = txn.Prepared(
        "INSERT INTO feedback (request_id, score, comment_sealed, answered_at)"
        " VALUES (?1, ?2, ?3, ?4)"
        " ON CONFLICT (request_id) DO UPDATE SET score = excluded.score,"
        " comment_sealed = excluded.comment_sealed, answered_at = excluded.answered_at"
        " WHERE feedback.answered_at IS NULL");
    if (!answer) return std::unexpected(answer.error());
    (*answer)->Bind(1, request_id).Bind(2, std::int64_t{score});
    if (sealed) {
      (*answer)->Bind(3, std::span<const std::uint8_t>(*sealed));
    } else {
      (*answer)->BindNull(3);
    }
    auto done = (*answer)->Bind(4, ToMicros(at)).Run();
    if (!done) return std::unexpected(done.error().WithContext("storing a feedback answer"));
    if (txn.Changes() == 0) {
      return Fail(ErrorCode::kAlreadyExists, "this request's survey was already answered");
    }
    if (auto event = txn.AppendEvent(answered); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<bool> SqliteStore::HasAnswer(std::string_view request_id) const {
  auto conn = readers_->Acquire();
  auto stmt =
      conn->Prepared("SELECT 1 FROM feedback WHERE request_id = ?1 AND answered_at IS NOT NULL");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, request_id);
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  return *row;
}

Result<std::vector<FeedbackAnswer>> SqliteStore::Answers(std::size_t limit) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(
      "SELECT f.request_id, r.reference, r.type, r.channel, r.status, f.score, f.comment_sealed,"
      " f.answered_at, r.purged_at IS NOT NULL FROM feedback f JOIN requests r ON r.id ="
      " f.request_id WHERE f.answered_at IS NOT NULL ORDER BY f.answered_at DESC,"
      " f.request_id LIMIT ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, static_cast<std::int64_t>(limit));
  std::vector<FeedbackAnswer> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    const Statement& s = **stmt;
    FeedbackAnswer answer{.request_id = s.Text(0),
                          .reference = s.Text(1),
                          .score = static_cast<int>(s.Int(5)),
                          .answered_at = FromMicros(s.Int(7))};
    auto type = ParseRequestType(s.Text(2));
    auto channel = ParseChannel(s.Text(3));
    auto status = ParseStatus(s.Text(4));
    if (!type || !channel || !status) {
      return Fail(ErrorCode::kDataLoss, "feedback of " + answer.reference + " is unreadable");
    }
    answer.type = *type;
    answer.channel = *channel;
    answer.status = *status;
    answer.comment_erased = s.Int(8) != 0;
    if (!s.IsNull(6)) {
      auto opened = s.Blob(6);
      auto comment = sealer_.Open(opened, FeedbackCommentContext(answer.request_id));
      if (!comment) {
        return std::unexpected(
            comment.error().WithContext("opening the feedback of " + answer.reference));
      }
      answer.comment = std::move(*comment);
    }
    out.push_back(std::move(answer));
  }
}

}  // namespace rightsdesk::store::sqlite
