// Reading audit rows (events, checkpoints, the head) back from SQLite.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "core/audit_chain.h"
#include "store/sqlite/sqlite_db.h"

namespace rightsdesk::store::sqlite {

// The columns ReadEventRow expects, in order.
#define RIGHTSDESK_EVENT_COLUMNS "seq, request_id, actor, action, at, details, prev_hash, hash"

// A blob of the wrong size (tampering, or a truncated write) reads as all zeros, which then fails
// verification rather than being silently accepted.
template <std::size_t N>
std::array<std::uint8_t, N> FixedBytes(const std::vector<std::uint8_t>& blob) {
  std::array<std::uint8_t, N> out{};
  if (blob.size() == N) std::copy(blob.begin(), blob.end(), out.begin());
  return out;
}

// The current row of a statement selecting RIGHTSDESK_EVENT_COLUMNS.
AuditEvent ReadEventRow(const Statement& stmt);

}  // namespace rightsdesk::store::sqlite
