// SqliteStore's documents given as proof with a request (the VerificationStore interface).
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

// Each sealed value is bound to its document and to what it is, so that a name cannot be
// swapped for another row's bytes.
std::string DocumentBytesContext(std::string_view id) {
  return "proof-document/" + std::string(id);
}
std::string DocumentNameContext(std::string_view id) {
  return "proof-document-name/" + std::string(id);
}

constexpr std::string_view kProofDocumentColumns =
    "d.id, d.request_id, d.kind, d.added_at, d.added_by, d.content_type, d.size, d.sha256,"
    " d.name_sealed";

// A row of kProofDocumentColumns, the name still sealed.
ProofDocument ProofDocumentRow(const Statement& s) {
  ProofDocument d{.id = s.Text(0),
                  .request_id = s.Text(1),
                  .kind = s.Text(2),
                  .content_type = s.Text(5),
                  .size = s.Int(6),
                  .sha256 = s.Text(7),
                  .added_at = FromMicros(s.Int(3)),
                  .added_by = s.Text(4)};
  d.erased = s.IsNull(8);
  return d;
}

}  // namespace

Result<void> SqliteStore::AddDocument(const ProofDocument& document,
                                      std::span<const std::uint8_t> bytes,
                                      const AuditEventDraft& added) {
  const auto sealed =
      sealer_.Seal(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                   DocumentBytesContext(document.id));
  const auto name = sealer_.Seal(document.filename, DocumentNameContext(document.id));
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto insert = txn.Prepared(
        "INSERT INTO proof_documents (id, request_id, kind, added_at, added_by, content_type,"
        " size, sha256, name_sealed, sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, document.id)
                    .Bind(2, document.request_id)
                    .Bind(3, document.kind)
                    .Bind(4, ToMicros(document.added_at))
                    .Bind(5, document.added_by)
                    .Bind(6, document.content_type)
                    .Bind(7, document.size)
                    .Bind(8, document.sha256)
                    .Bind(9, name)
                    .Bind(10, sealed)
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("storing a proof document"));
    if (auto event = txn.AppendEvent(added); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<std::vector<ProofDocument>> SqliteStore::DocumentsOf(std::string_view request_id) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared("SELECT " + std::string(kProofDocumentColumns) +
                             " FROM proof_documents d WHERE d.request_id = ?1"
                             " ORDER BY d.added_at, d.id");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, request_id);
  std::vector<ProofDocument> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    ProofDocument d = ProofDocumentRow(**stmt);
    if (!d.erased) {
      auto name = sealer_.Open((*stmt)->Blob(8), DocumentNameContext(d.id));
      if (!name) return std::unexpected(name.error().WithContext("opening document " + d.id));
      d.filename = std::move(*name);
    }
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<ProofDocument>> SqliteStore::DocumentsHeldPastVerification(
    std::string_view kind) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared("SELECT " + std::string(kProofDocumentColumns) +
                             " FROM proof_documents d JOIN requests r ON r.id = d.request_id"
                             " WHERE d.kind = ?1 AND d.sealed IS NOT NULL"
                             " AND r.status NOT IN ('received', 'pending_verification')"
                             " ORDER BY d.added_at, d.id");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, kind);
  std::vector<ProofDocument> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(ProofDocumentRow(**stmt));
  }
  return out;
}

Result<void> SqliteStore::EraseDocument(std::string_view id, const AuditEventDraft& erased) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto erase = txn.Prepared(
        "UPDATE proof_documents SET sealed = NULL, name_sealed = NULL"
        " WHERE id = ?1 AND sealed IS NOT NULL");
    if (!erase) return std::unexpected(erase.error());
    if (auto ran = (*erase)->Bind(1, id).Run(); !ran) {
      return std::unexpected(ran.error().WithContext("erasing a proof document"));
    }
    if (txn.Changes() == 0) {
      auto exists = txn.Prepared("SELECT 1 FROM proof_documents WHERE id = ?1");
      if (!exists) return std::unexpected(exists.error());
      auto row = (*exists)->Bind(1, id).Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return Fail(ErrorCode::kNotFound, "no document " + std::string(id));
      return Fail(ErrorCode::kFailedPrecondition,
                  "document " + std::string(id) + " was already erased");
    }
    if (auto event = txn.AppendEvent(erased); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<std::pair<ProofDocument, std::vector<std::uint8_t>>> SqliteStore::ReadDocument(
    std::string_view id, const AuditEventDraft& read) {
  ProofDocument found{.id = std::string(id)};
  auto bytes = ReadSealedFile(
      "SELECT request_id, kind, content_type, size, sha256, sealed IS NULL, sealed"
      " FROM proof_documents WHERE id = ?1",
      id, read, "document", DocumentBytesContext(id), [&found](const Statement& s) {
        found.request_id = s.Text(0);
        found.kind = s.Text(1);
        found.content_type = s.Text(2);
        found.size = s.Int(3);
        found.sha256 = s.Text(4);
      });
  if (!bytes) return std::unexpected(bytes.error());
  return std::pair{std::move(found), std::move(*bytes)};
}

}  // namespace rightsdesk::store::sqlite
