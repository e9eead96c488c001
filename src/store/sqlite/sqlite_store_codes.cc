// SqliteStore's one-time codes (the CodeStore interface). Every check reads the latest code,
// judges the attempt (core/one_time_code.h) and counts it inside one job of the single writer, so
// two guesses sent at once are counted one after the other and never both against the same count.
#include <sodium.h>

#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

// The code's keyed hash: BLAKE2b under the blind-index key, over a text that no other use of that
// key can produce (an address holds an "@", a preference key starts with its kind), bound to the
// code's id so that the same six digits hash apart in every row.
std::vector<std::uint8_t> CodeHash(const security::BlindIndex& index, std::string_view id,
                                   std::string_view code) {
  return index.Of("one-time-code/" + std::string(id) + "/" + std::string(code));
}

bool SameCode(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

struct LatestCode {
  std::string id;
  std::int64_t seq = 0;
  std::vector<std::uint8_t> hash;
  CodeState state;
};

Result<std::optional<LatestCode>> Latest(LedgerTxn& txn, std::string_view request_id,
                                         std::string_view purpose) {
  auto read = txn.Prepared(
      "SELECT id, seq, code_hash, expires_at, attempts, used_at IS NOT NULL FROM one_time_codes"
      " WHERE request_id = ?1 AND purpose = ?2 ORDER BY seq DESC LIMIT 1");
  if (!read) return std::unexpected(read.error());
  auto row = (*read)->Bind(1, request_id).Bind(2, purpose).Step();
  if (!row) return std::unexpected(row.error().WithContext("reading the latest code"));
  std::optional<LatestCode> latest;
  if (*row) {
    const Statement& s = **read;
    latest = LatestCode{.id = s.Text(0),
                        .seq = s.Int(1),
                        .hash = s.Blob(2),
                        .state = {.expires_at = FromMicros(s.Int(3)),
                                  .attempts = static_cast<int>(s.Int(4)),
                                  .used = s.Int(5) != 0}};
  }
  (*read)->Reset();  // finishes the statement whether or not it returned a row
  return latest;
}

Result<void> InsertCode(LedgerTxn& txn, const CodeRecord& record, std::int64_t seq,
                        const std::vector<std::uint8_t>& hash) {
  auto insert = txn.Prepared(
      "INSERT INTO one_time_codes (id, request_id, purpose, seq, code_hash, issued_at,"
      " expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert) return std::unexpected(insert.error());
  auto done = (*insert)
                  ->Bind(1, record.id)
                  .Bind(2, record.request_id)
                  .Bind(3, record.purpose)
                  .Bind(4, seq)
                  .Bind(5, hash)
                  .Bind(6, ToMicros(record.issued_at))
                  .Bind(7, ToMicros(record.expires_at))
                  .Run();
  if (!done) return std::unexpected(done.error().WithContext("storing code " + record.id));
  return {};
}

Result<void> RecordAttempt(LedgerTxn& txn, std::string_view id, const CodeJudgement& judged,
                           Instant now) {
  auto update = txn.Prepared(
      "UPDATE one_time_codes SET attempts = ?2, used_at = CASE WHEN ?3 THEN ?4 ELSE used_at END"
      " WHERE id = ?1");
  if (!update) return std::unexpected(update.error());
  auto done = (*update)
                  ->Bind(1, id)
                  .Bind(2, std::int64_t{judged.attempts})
                  .Bind(3, std::int64_t{judged.use ? 1 : 0})
                  .Bind(4, ToMicros(now))
                  .Run();
  if (!done)
    return std::unexpected(
        done.error().WithContext("counting an attempt on code " + std::string(id)));
  return {};
}

int CodesLeft(std::int64_t issued, const OneTimeCodePolicy& policy) {
  return std::max(0, policy.max_issued - static_cast<int>(issued));
}

}  // namespace

Result<bool> SqliteStore::IssueCode(const CodeRecord& record, std::string_view code,
                                    const NoticeDraft& message, const OneTimeCodePolicy& policy,
                                    const AuditEventDraft& issued, const AuditEventDraft& refused) {
  const std::vector<std::uint8_t> hash = CodeHash(index_, record.id, code);
  const std::string notice_id = "ntc-" + record.request_id + "-code-" + record.id;
  const std::vector<SealedNotice> notice{
      {notice_id, message.request_id, message.kind,
       sealer_.Seal(message.params.dump(), "outbox/" + notice_id + "/params")}};
  bool stored = false;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    stored = false;  // a retried job starts again
    auto latest = Latest(txn, record.request_id, record.purpose);
    if (!latest) return std::unexpected(latest.error());
    const std::int64_t so_far = *latest ? (*latest)->seq : 0;
    if (!MayIssueCode(static_cast<int>(so_far), policy)) {
      auto event = txn.AppendEvent(refused);
      if (!event) return std::unexpected(event.error());
      return {};
    }
    if (auto done = InsertCode(txn, record, so_far + 1, hash); !done) return done;
    if (auto queued = InsertNotices(txn, notice); !queued) return queued;
    auto event = txn.AppendEvent(issued);
    if (!event) return std::unexpected(event.error());
    stored = true;
    return {};
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  return stored;
}

Result<CodeVerdict> SqliteStore::CheckCode(
    std::string_view request_id, std::string_view purpose, std::string_view typed, Instant now,
    const OneTimeCodePolicy& policy,
    const std::function<AuditEventDraft(const CodeVerdict&)>& event_for) {
  CodeVerdict verdict;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    verdict = CodeVerdict{.codes_left = policy.max_issued};
    auto latest = Latest(txn, request_id, purpose);
    if (!latest) return std::unexpected(latest.error());
    if (*latest) {
      const LatestCode& code = **latest;
      // Hashed and compared whatever the code's state: the time taken says nothing.
      const bool matches = SameCode(CodeHash(index_, code.id, typed), code.hash);
      const CodeJudgement judged = JudgeCodeAttempt(code.state, matches, now, policy);
      if (auto counted = RecordAttempt(txn, code.id, judged, now); !counted) return counted;
      verdict = {.outcome = judged.outcome,
                 .code_id = code.id,
                 .attempts_left = judged.attempts_left,
                 .codes_left = CodesLeft(code.seq, policy)};
    }
    auto event = txn.AppendEvent(event_for(verdict));
    if (!event) return std::unexpected(event.error());
    return {};
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  return verdict;
}

}  // namespace rightsdesk::store::sqlite
