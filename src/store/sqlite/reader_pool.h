// A fixed set of read-only connections shared by reader threads. In WAL mode readers never
// block the writer nor each other. Thread-safe.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "store/sqlite/cached_connection.h"

namespace rightsdesk::store::sqlite {

class ReaderPool {
 public:
  static Result<std::unique_ptr<ReaderPool>> Open(const std::filesystem::path& path, int size);

  // A connection held until the lease is destroyed.
  class Lease {
   public:
    Lease(ReaderPool& pool, CachedConnection* conn) : pool_(&pool), conn_(conn) {}
    Lease(Lease&& other) noexcept
        : pool_(other.pool_), conn_(std::exchange(other.conn_, nullptr)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (conn_) pool_->Release(conn_);
    }
    CachedConnection* operator->() { return conn_; }
    CachedConnection& operator*() { return *conn_; }

   private:
    ReaderPool* pool_;
    CachedConnection* conn_;
  };

  Lease Acquire();

 private:
  void Release(CachedConnection* conn);

  std::vector<std::unique_ptr<CachedConnection>> all_;
  std::vector<CachedConnection*> free_;
  std::mutex mu_;
  std::condition_variable available_;
};

}  // namespace rightsdesk::store::sqlite
