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
  auto stmt = conn->Prepared(
      "SELECT id, request_id, kind, added_at, added_by, content_type, size, sha256, name_sealed"
      " FROM proof_documents WHERE request_id = ?1 ORDER BY added_at, id");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, request_id);
  std::vector<ProofDocument> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    const Statement& s = **stmt;
    ProofDocument d{.id = s.Text(0),
                    .request_id = s.Text(1),
                    .kind = s.Text(2),
                    .content_type = s.Text(5),
                    .size = s.Int(6),
                    .sha256 = s.Text(7),
                    .added_at = FromMicros(s.Int(3)),
                    .added_by = s.Text(4)};
    d.erased = s.IsNull(8);
    if (!d.erased) {
      auto name = sealer_.Open(s.Blob(8), DocumentNameContext(d.id));
      if (!name) return std::unexpected(name.error().WithContext("opening document " + d.id));
      d.filename = std::move(*name);
    }
    out.push_back(std::move(d));
  }
  return out;
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
