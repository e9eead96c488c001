// SqliteStore's reading of the audit trail (the AuditTrail interface).
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

template <std::size_t N>
void CopyBlob(const std::vector<std::uint8_t>& blob, std::array<std::uint8_t, N>& out) {
  // A blob of the wrong size (tampering) leaves zeros, which then fail verification.
  out.fill(0);
  if (blob.size() == N) std::copy(blob.begin(), blob.end(), out.begin());
}

Result<std::vector<Checkpoint>> ReadCheckpoints(CachedConnection& conn) {
  auto stmt = conn.Prepared(
      "SELECT seq, hash, at, public_key, signature FROM audit_checkpoints ORDER BY seq");
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<Checkpoint> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    Checkpoint cp{.seq = (*stmt)->Int(0), .at = FromMicros((*stmt)->Int(2))};
    CopyBlob((*stmt)->Blob(1), cp.hash);
    CopyBlob((*stmt)->Blob(3), cp.signer);
    CopyBlob((*stmt)->Blob(4), cp.signature);
    out.push_back(cp);
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
  ChainHead head{.seq = (*stmt)->Int(0)};
  CopyBlob((*stmt)->Blob(1), head.hash);
  return std::optional<ChainHead>(head);
}

Result<void> StreamEvents(CachedConnection& conn, TrailVisitor& visitor) {
  auto stmt = conn.Prepared(
      "SELECT seq, request_id, actor, action, at, details, prev_hash, hash FROM audit_events"
      " ORDER BY seq");
  if (!stmt) return std::unexpected(stmt.error());
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
    AuditEvent e{.seq = (*stmt)->Int(0),
                 .request_id = (*stmt)->Text(1),
                 .actor = (*stmt)->Text(2),
                 .action = (*stmt)->Text(3),
                 .at = FromMicros((*stmt)->Int(4)),
                 .details = (*stmt)->Text(5)};
    CopyBlob((*stmt)->Blob(6), e.prev_hash);
    CopyBlob((*stmt)->Blob(7), e.hash);
    if (!visitor.Event(e)) return {};
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
