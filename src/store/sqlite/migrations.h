// Numbered schema migrations (migrations/NNNN_name.sql, compiled in). Pending ones run once, in
// number order, together in one transaction (all or none: a failed upgrade leaves the database as
// it was); schema_migrations records what ran. Pending means not recorded there, even when its
// number is below one that was: numbers are reserved ahead by work merged in another order. A
// database written by a newer version (a migration number above all we know) is refused rather
// than touched.
#pragma once

#include "core/error.h"
#include "store/sqlite/sqlite_db.h"

namespace rightsdesk::store::sqlite {

// Applies every pending migration. kFailedPrecondition if the database is newer than this binary.
Result<void> Migrate(Connection& db);

}  // namespace rightsdesk::store::sqlite
