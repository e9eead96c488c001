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

 private:
  Connection db_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

}  // namespace rightsdesk::store::sqlite
