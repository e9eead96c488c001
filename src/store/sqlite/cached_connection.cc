#include "store/sqlite/cached_connection.h"

namespace rightsdesk::store::sqlite {

Result<Statement*> CachedConnection::Prepared(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    auto stmt = db_.Prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    it = cache_.emplace(std::string(sql), std::make_unique<Statement>(std::move(*stmt))).first;
  }
  it->second->Reset();
  return it->second.get();
}

void CachedConnection::ResetAll() {
  for (auto& [sql, stmt] : cache_) stmt->Reset();
}

}  // namespace rightsdesk::store::sqlite
