// A connection with its prepared statements kept for reuse (preparing costs more than running
// the small statements of the ledger). Used by one thread at a time.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/sqlite/sqlite_db.h"

namespace rightsdesk::store::sqlite {

class CachedConnection {
 public:
  explicit CachedConnection(Connection db) : db_(std::move(db)) {}

  Connection& db() { return db_; }

  // The statement for `sql`, reset and with no bindings, ready to bind and step. The pointer is
  // valid until the next call with the same text.
  Result<Statement*> Prepared(std::string_view sql);

  // Resets every cached statement. A statement stepped but not finished keeps SQLite's implicit
  // read transaction open, pinning an old snapshot (a pooled reader would then keep returning
  // stale rows, and the writer could not upgrade to write); so every user of a connection calls
  // this when it is done with it.
  void ResetAll();

 private:
  Connection db_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

}  // namespace rightsdesk::store::sqlite
