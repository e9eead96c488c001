// SqliteStore's proofs of identity (the VerificationStore interface).
#include <nlohmann/json.hpp>

#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

std::string DeclarationContext(std::string_view id) {
  return "signed_declarations/" + std::string(id);
}

}  // namespace

Result<void> SqliteStore::RecordDeclaration(const SignedDeclaration& declaration,
                                            const AuditEventDraft& recorded) {
  const nlohmann::json personal = {{"full_name", declaration.full_name}, {"ip", declaration.ip}};
  const auto sealed = sealer_.Seal(personal.dump(), DeclarationContext(declaration.id));
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto insert = txn.Prepared(
        "INSERT INTO signed_declarations (id, request_id, statement_version, signed_at, sealed)"
        " VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, declaration.id)
                    .Bind(2, declaration.request_id)
                    .Bind(3, declaration.statement_version)
                    .Bind(4, ToMicros(declaration.signed_at))
                    .Bind(5, sealed)
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("storing a signed declaration"));
    if (auto event = txn.AppendEvent(recorded); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<std::vector<SignedDeclaration>> SqliteStore::DeclarationsOf(
    std::string_view request_id) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(
      "SELECT id, request_id, statement_version, signed_at, sealed FROM signed_declarations"
      " WHERE request_id = ?1 ORDER BY signed_at, id");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, request_id);
  std::vector<SignedDeclaration> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    const Statement& s = **stmt;
    SignedDeclaration declaration{.id = s.Text(0),
                                  .request_id = s.Text(1),
                                  .statement_version = s.Text(2),
                                  .signed_at = FromMicros(s.Int(3))};
    declaration.purged = s.IsNull(4);
    if (!declaration.purged) {
      auto opened = sealer_.Open(s.Blob(4), DeclarationContext(declaration.id));
      if (!opened) {
        return std::unexpected(opened.error().WithContext("opening declaration " + declaration.id));
      }
      const auto personal = nlohmann::json::parse(*opened, nullptr, false);
      if (!personal.is_object()) {
        return Fail(ErrorCode::kDataLoss, "declaration " + declaration.id + " is unreadable");
      }
      declaration.full_name = personal.value("full_name", "");
      declaration.ip = personal.value("ip", "");
    }
    out.push_back(std::move(declaration));
  }
  return out;
}

Result<void> SqliteStore::RecordAccountTokenUse(const AccountTokenUse& use,
                                                const AuditEventDraft& recorded) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto insert = txn.Prepared(
        "INSERT INTO account_token_uses (use_id, request_id, used_at, expires_at)"
        " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (use_id) DO NOTHING");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, use.use_id)
                    .Bind(2, use.request_id)
                    .Bind(3, ToMicros(use.used_at))
                    .Bind(4, ToMicros(use.expires_at))
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("storing an account token's use"));
    if (txn.Changes() == 0) {
      return Fail(ErrorCode::kAlreadyExists, "this account token was used before");
    }
    if (auto event = txn.AppendEvent(recorded); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<std::int64_t> SqliteStore::ForgetAccountTokenUses(Instant expired_before) {
  std::int64_t forgotten = 0;
  LedgerWriter::Job forget = [&](LedgerTxn& txn) -> Result<void> {
    auto remove = txn.Prepared("DELETE FROM account_token_uses WHERE expires_at < ?1");
    if (!remove) return std::unexpected(remove.error());
    if (auto done = (*remove)->Bind(1, ToMicros(expired_before)).Run(); !done) {
      return std::unexpected(done.error().WithContext("forgetting expired account token uses"));
    }
    forgotten = txn.Changes();
    return {};
  };
  if (auto done = writer_->Run(forget); !done) return std::unexpected(done.error());
  return forgotten;
}

}  // namespace rightsdesk::store::sqlite
