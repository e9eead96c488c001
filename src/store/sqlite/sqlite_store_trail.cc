// SqliteStore's reading of the audit trail (the AuditTrail interface).
#include "store/sqlite/audit_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

Result<std::vector<Checkpoint>> ReadCheckpoints(CachedConnection& conn) {
  auto stmt = conn.Prepared(
      "SELECT seq, hash, at, public_key, signature FROM audit_checkpoints ORDER BY seq");
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<Checkpoint> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back({.seq = (*stmt)->Int(0),
                   .hash = FixedBytes<32>((*stmt)->Blob(1)),
                   .at = FromMicros((*stmt)->Int(2)),
                   .signer = FixedBytes<32>((*stmt)->Blob(3)),
                   .signature = FixedBytes<64>((*stmt)->Blob(4))});
  }
  return out;
}

Result<std::optional<ChainHead>> ReadHead(CachedConnection& conn) {
  auto stmt = conn.Prepared("SELECT seq, hash FROM audit_head");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kDataLoss, "the audit_head row is missing");
  if ((*stmt)->Int(0) == 0) return std::optional<ChainHead>();
  ChainHead head{.seq = (*stmt)->Int(0), .hash = FixedBytes<32>((*stmt)->Blob(1))};
  return std::optional<ChainHead>(head);
}

Result<void> StreamEvents(CachedConnection& conn, TrailVisitor& visitor) {
  auto stmt = conn.Prepared("SELECT " RIGHTSDESK_EVENT_COLUMNS " FROM audit_events ORDER BY seq");
  if (!stmt) return std::unexpected(stmt.error());
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
    if (!visitor.Event(ReadEventRow(**stmt))) return {};
  }
}

}  // namespace

Result<void> SqliteStore::ReadTrail(TrailVisitor& visitor) const {
  auto conn = readers_->Acquire();
  // One read transaction: the checkpoints, the head and the events are one snapshot.
  if (auto begun = conn->db().Exec("BEGIN"); !begun) return begun;
  auto result = [&]() -> Result<void> {
    auto checkpoints = ReadCheckpoints(*conn);
    if (!checkpoints) return std::unexpected(checkpoints.error());
    auto head = ReadHead(*conn);
    if (!head) return std::unexpected(head.error());
    visitor.Begin(std::move(*checkpoints), *head);
    return StreamEvents(*conn, visitor);
  }();
  (void)conn->db().Exec("COMMIT");
  return result;
}

}  // namespace rightsdesk::store::sqlite
