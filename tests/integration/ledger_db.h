// Direct access to an installation's SQLite file, as an attacker or a careless admin with the
// file would have: for snapshots ("nothing changed") and for tampering.
#pragma once

#include <filesystem>
#include <string>

namespace rightsdesk::testing {

// Runs SQL statements on the file outside RightsDesk; throws on an SQL error.
void ExecSql(const std::filesystem::path& db, const std::string& sql);

// The first column of the first row of `sql`, as text ("" when there is no row).
std::string QueryText(const std::filesystem::path& db, const std::string& sql);

// Every row of the ledger's tables, in a stable order: equal snapshots mean nothing changed.
std::string LedgerSnapshot(const std::filesystem::path& db);

}  // namespace rightsdesk::testing
