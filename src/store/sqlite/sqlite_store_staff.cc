// SqliteStore's staff accounts and sessions (UserStore) and the preference ledger
// (PreferenceStore).
#include "store/sqlite/audit_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

std::string TotpContext(std::string_view user_id) {
  return "staff_users/" + std::string(user_id) + "/totp";
}

std::string_view KindName(PreferenceSubject subject) {
  return subject == PreferenceSubject::kBrowser ? "browser" : "consumer";
}

constexpr std::string_view kUserColumns =
    "SELECT id, username, role, password_hash, totp_sealed, last_totp_step, failed_logins,"
    " locked_until, created_at, disabled_at FROM staff_users WHERE ";

std::optional<Instant> OptInstant(const Statement& stmt, int column) {
  if (stmt.IsNull(column)) return std::nullopt;
  return FromMicros(stmt.Int(column));
}

std::optional<std::int64_t> StaffOptMicros(const std::optional<Instant>& at) {
  if (!at) return std::nullopt;
  return ToMicros(*at);
}

}  // namespace

std::vector<std::uint8_t> SqliteStore::PreferenceKey(PreferenceSubject subject,
                                                     std::string_view key) const {
  // The kind is part of the indexed text, so a browser id can never collide with an address.
  return index_.Of(std::string(KindName(subject)) + ":" + std::string(key));
}

Result<bool> SqliteStore::RecordOptOut(const OptOut& opt_out, const AuditEventDraft& recorded) {
  std::vector<std::uint8_t> key = PreferenceKey(opt_out.subject, opt_out.key);
  bool inserted = false;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    inserted = false;
    auto insert = txn.Prepared(
        "INSERT INTO preferences (subject_kind, subject_key, scope, source, recorded_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING RETURNING 1");
    if (!insert) return std::unexpected(insert.error());
    (*insert)
        ->Bind(1, KindName(opt_out.subject))
        .Bind(2, key)
        .Bind(3, Name(opt_out.scope))
        .Bind(4, opt_out.source)
        .Bind(5, ToMicros(opt_out.at));
    auto row = (*insert)->Step();
    if (!row) return std::unexpected(row.error().WithContext("recording an opt-out"));
    inserted = *row;
    (*insert)->Reset();  // finishes the statement whether or not it returned a row
    if (!inserted) return {};
    auto event = txn.AppendEvent(recorded);
    if (!event) return std::unexpected(event.error());
    return {};
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  return inserted;
}

Result<bool> SqliteStore::HasOptOut(PreferenceSubject subject, std::string_view key,
                                    PreferenceScope scope) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(
      "SELECT 1 FROM preferences WHERE subject_kind = ?1 AND subject_key = ?2 AND scope = ?3");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, KindName(subject)).Bind(2, PreferenceKey(subject, key)).Bind(3, Name(scope));
  return (*stmt)->Step();
}

Result<void> SqliteStore::CreateUser(const StaffUser& user, const AuditEventDraft& created) {
  std::vector<std::uint8_t> totp =
      sealer_.Seal(std::string_view(reinterpret_cast<const char*>(user.totp_secret.data()),
                                    user.totp_secret.size()),
                   TotpContext(user.id));
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto taken = txn.Prepared("SELECT 1 FROM staff_users WHERE username = ?1");
    if (!taken) return std::unexpected(taken.error());
    (*taken)->Bind(1, user.username);
    auto exists = (*taken)->Step();
    if (!exists) return std::unexpected(exists.error());
    (*taken)->Reset();  // finishes the statement whether or not it returned a row
    if (*exists) {
      return Fail(ErrorCode::kAlreadyExists, "a user named '" + user.username + "' exists");
    }
    auto insert = txn.Prepared(
        "INSERT INTO staff_users (id, username, role, password_hash, totp_sealed, created_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, user.id)
                    .Bind(2, user.username)
                    .Bind(3, Name(user.role))
                    .Bind(4, user.password_hash)
                    .Bind(5, totp)
                    .Bind(6, ToMicros(user.created_at))
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("storing user " + user.username));
    auto event = txn.AppendEvent(created);
    if (!event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<StaffUser> SqliteStore::FindUserBy(std::string_view column, std::string_view value) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(std::string(kUserColumns) + std::string(column) + " = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, value);
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "no such user");
  const Statement& s = **stmt;
  auto role = ParseRole(s.Text(2));
  if (!role) return Fail(ErrorCode::kDataLoss, "user " + s.Text(0) + " has an unknown role");
  StaffUser user{.id = s.Text(0),
                 .username = s.Text(1),
                 .role = *role,
                 .password_hash = s.Text(3),
                 .last_totp_step = s.Int(5),
                 .failed_logins = static_cast<int>(s.Int(6)),
                 .locked_until = OptInstant(s, 7),
                 .created_at = FromMicros(s.Int(8)),
                 .disabled_at = OptInstant(s, 9)};
  auto totp = sealer_.Open(s.Blob(4), TotpContext(user.id));
  if (!totp) return std::unexpected(totp.error().WithContext("user " + user.id));
  user.totp_secret.assign(totp->begin(), totp->end());
  return user;
}

Result<StaffUser> SqliteStore::FindUserByName(std::string_view username) const {
  return FindUserBy("username", username);
}

Result<StaffUser> SqliteStore::FindUserById(std::string_view id) const {
  return FindUserBy("id", id);
}

Result<void> SqliteStore::RecordLoginFailure(std::string_view user_id, int failed_logins,
                                             std::optional<Instant> locked_until,
                                             const std::optional<AuditEventDraft>& locked) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update =
        txn.Prepared("UPDATE staff_users SET failed_logins = ?2, locked_until = ?3 WHERE id = ?1");
    if (!update) return std::unexpected(update.error());
    auto done = (*update)
                    ->Bind(1, user_id)
                    .Bind(2, std::int64_t{failed_logins})
                    .Bind(3, StaffOptMicros(locked_until))
                    .Run();
    if (!done) return std::unexpected(done.error());
    if (locked) {
      if (auto event = txn.AppendEvent(*locked); !event) return std::unexpected(event.error());
    }
    return {};
  };
  return writer_->Run(job);
}

Result<void> SqliteStore::StartSession(const StaffSession& session, std::int64_t totp_step,
                                       const AuditEventDraft& login) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto use_code = txn.Prepared(
        "UPDATE staff_users SET last_totp_step = ?2, failed_logins = 0, locked_until = NULL"
        " WHERE id = ?1 AND last_totp_step < ?2 RETURNING 1");
    if (!use_code) return std::unexpected(use_code.error());
    (*use_code)->Bind(1, session.user_id).Bind(2, totp_step);
    auto fresh = (*use_code)->Step();
    if (!fresh) return std::unexpected(fresh.error());
    (*use_code)->Reset();  // finishes the statement whether or not it returned a row
    if (!*fresh) return Fail(ErrorCode::kConflict, "this one-time code was already used");
    auto purge = txn.Prepared(
        "DELETE FROM staff_sessions WHERE user_id = ?1 AND (ended_at IS NOT NULL OR "
        "expires_at <= ?2)");
    if (!purge) return std::unexpected(purge.error());
    auto purged = (*purge)->Bind(1, session.user_id).Bind(2, ToMicros(session.created_at)).Run();
    if (!purged) return std::unexpected(purged.error());
    auto insert = txn.Prepared(
        "INSERT INTO staff_sessions (token_hash, user_id, created_at, expires_at)"
        " VALUES (?1, ?2, ?3, ?4)");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, session.token_hash)
                    .Bind(2, session.user_id)
                    .Bind(3, ToMicros(session.created_at))
                    .Bind(4, ToMicros(session.expires_at))
                    .Run();
    if (!done) return std::unexpected(done.error());
    if (auto event = txn.AppendEvent(login); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<StaffSession> SqliteStore::FindSession(const Hash& token_hash) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(
      "SELECT token_hash, user_id, created_at, expires_at, ended_at FROM staff_sessions"
      " WHERE token_hash = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, token_hash);
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "no such session");
  const Statement& s = **stmt;
  return StaffSession{.token_hash = FixedBytes<32>(s.Blob(0)),
                      .user_id = s.Text(1),
                      .created_at = FromMicros(s.Int(2)),
                      .expires_at = FromMicros(s.Int(3)),
                      .ended_at = OptInstant(s, 4)};
}

Result<void> SqliteStore::EndSession(const Hash& token_hash, Instant at,
                                     const AuditEventDraft& logout) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(
        "UPDATE staff_sessions SET ended_at = ?2 WHERE token_hash = ?1 AND ended_at IS NULL"
        " RETURNING 1");
    if (!update) return std::unexpected(update.error());
    (*update)->Bind(1, token_hash).Bind(2, ToMicros(at));
    auto ended = (*update)->Step();
    if (!ended) return std::unexpected(ended.error());
    (*update)->Reset();      // finishes the statement whether or not it returned a row
    if (!*ended) return {};  // already ended: logging out twice changes nothing
    if (auto event = txn.AppendEvent(logout); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<void> SqliteStore::DisableUser(std::string_view username, Instant at,
                                      const AuditEventDraft& disabled) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto find = txn.Prepared("SELECT id, disabled_at FROM staff_users WHERE username = ?1");
    if (!find) return std::unexpected(find.error());
    auto row = (*find)->Bind(1, username).Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) {
      (*find)->Reset();
      return Fail(ErrorCode::kNotFound, "no staff user '" + std::string(username) + "'");
    }
    const std::string id = (*find)->Text(0);
    const bool already = !(*find)->IsNull(1);
    (*find)->Reset();
    if (already) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "staff user '" + std::string(username) + "' is already disabled");
    }
    for (std::string_view sql :
         {"UPDATE staff_users SET disabled_at = ?2 WHERE id = ?1",
          "UPDATE staff_sessions SET ended_at = ?2 WHERE user_id = ?1 AND ended_at IS NULL"}) {
      auto update = txn.Prepared(sql);
      if (!update) return std::unexpected(update.error());
      auto done = (*update)->Bind(1, id).Bind(2, ToMicros(at)).Run();
      (*update)->Reset();
      if (!done) return std::unexpected(done.error());
    }
    AuditEventDraft event = disabled;
    event.details["user"] = id;
    if (auto appended = txn.AppendEvent(event); !appended) return std::unexpected(appended.error());
    return {};
  };
  return writer_->Run(job);
}

}  // namespace rightsdesk::store::sqlite
