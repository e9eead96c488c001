// SqliteStore's API tokens (the TokenStore interface).
#include "store/sqlite/audit_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {

Result<void> SqliteStore::CreateToken(const ApiToken& token, const AuditEventDraft& created) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto insert = txn.Prepared(
        "INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES (?1, ?2, ?3, ?4,"
        " ?5)");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, token.id)
                    .Bind(2, token.name)
                    .Bind(3, std::string(Name(token.role)))
                    .Bind(4, token.hash)
                    .Bind(5, ToMicros(token.created_at))
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("storing token " + token.name));
    auto event = txn.AppendEvent(created);
    if (!event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<ApiToken> SqliteStore::FindTokenByHash(const Hash& hash) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(
      "SELECT id, name, role, token_hash, created_at, revoked_at FROM api_tokens"
      " WHERE token_hash = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, hash);
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "no such token");
  auto role = ParseRole((*stmt)->Text(2));
  if (!role) {
    return Fail(ErrorCode::kDataLoss, "token " + (*stmt)->Text(0) + " has an unknown role");
  }
  ApiToken token{.id = (*stmt)->Text(0),
                 .name = (*stmt)->Text(1),
                 .role = *role,
                 .hash = FixedBytes<32>((*stmt)->Blob(3)),
                 .created_at = FromMicros((*stmt)->Int(4))};
  if (!(*stmt)->IsNull(5)) token.revoked_at = FromMicros((*stmt)->Int(5));
  return token;
}

}  // namespace rightsdesk::store::sqlite
