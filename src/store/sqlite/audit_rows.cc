#include "store/sqlite/audit_rows.h"

namespace rightsdesk::store::sqlite {

AuditEvent ReadEventRow(const Statement& stmt) {
  return AuditEvent{.seq = stmt.Int(0),
                    .request_id = stmt.Text(1),
                    .actor = stmt.Text(2),
                    .action = stmt.Text(3),
                    .at = FromMicros(stmt.Int(4)),
                    .details = stmt.Text(5),
                    .prev_hash = FixedBytes<32>(stmt.Blob(6)),
                    .hash = FixedBytes<32>(stmt.Blob(7))};
}

}  // namespace rightsdesk::store::sqlite
