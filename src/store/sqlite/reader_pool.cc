#include "store/sqlite/reader_pool.h"

namespace rightsdesk::store::sqlite {

Result<std::unique_ptr<ReaderPool>> ReaderPool::Open(const std::filesystem::path& path, int size) {
  auto pool = std::make_unique<ReaderPool>();
  for (int i = 0; i < size; ++i) {
    auto conn = Connection::Open(path, Connection::Mode::kReadOnly);
    if (!conn) return std::unexpected(conn.error());
    pool->all_.push_back(std::make_unique<CachedConnection>(std::move(*conn)));
    pool->free_.push_back(pool->all_.back().get());
  }
  return pool;
}

ReaderPool::Lease ReaderPool::Acquire() {
  std::unique_lock lock(mu_);
  available_.wait(lock, [&] { return !free_.empty(); });
  CachedConnection* conn = free_.back();
  free_.pop_back();
  return Lease(*this, conn);
}

void ReaderPool::Release(CachedConnection* conn) {
  conn->ResetAll();  // end the read transaction: the next user must see the latest commits
  {
    std::lock_guard lock(mu_);
    free_.push_back(conn);
  }
  available_.notify_one();
}

}  // namespace rightsdesk::store::sqlite
