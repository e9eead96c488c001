// SqliteStore's classifier corrections (the CorrectionStore interface).
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

std::string SealContext(std::string_view id) {
  return "classifier_corrections/" + std::string(id) + "/text";
}

}  // namespace

Result<void> SqliteStore::RecordCorrection(const ClassifierCorrection& correction,
                                           const AuditEventDraft& recorded) {
  const std::vector<std::uint8_t> sealed =
      sealer_.Seal(correction.text, SealContext(correction.id));
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto insert = txn.Prepared(
        "INSERT INTO classifier_corrections (id, text_sealed, type, language, actor, at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, correction.id)
                    .Bind(2, sealed)
                    .Bind(3, correction.type)
                    .Bind(4, correction.language)
                    .Bind(5, correction.actor)
                    .Bind(6, ToMicros(correction.at))
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("storing a classifier correction"));
    if (auto event = txn.AppendEvent(recorded); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<std::vector<ClassifierCorrection>> SqliteStore::Corrections() const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(
      "SELECT id, text_sealed, type, language, actor, at FROM classifier_corrections"
      " ORDER BY at, id");
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<ClassifierCorrection> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    std::string id = (*stmt)->Text(0);
    auto text = sealer_.Open((*stmt)->Blob(1), SealContext(id));
    if (!text) return std::unexpected(text.error().WithContext("opening correction " + id));
    out.push_back({.id = std::move(id),
                   .text = std::move(*text),
                   .type = (*stmt)->Text(2),
                   .language = (*stmt)->Text(3),
                   .actor = (*stmt)->Text(4),
                   .at = FromMicros((*stmt)->Int(5))});
  }
  return out;
}

}  // namespace rightsdesk::store::sqlite
