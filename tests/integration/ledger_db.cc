#include "ledger_db.h"

#include <sqlite3.h>

#include <stdexcept>

namespace rightsdesk::testing {
namespace {

struct Db {
  explicit Db(const std::filesystem::path& path) {
    if (sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open " + path.string());
    }
    sqlite3_busy_timeout(handle, 5000);
  }
  ~Db() { sqlite3_close(handle); }
  sqlite3* handle = nullptr;
};

int AppendRow(void* out, int columns, char** values, char** /*names*/) {
  auto& text = *static_cast<std::string*>(out);
  for (int i = 0; i < columns; ++i) {
    text += values[i] ? values[i] : "NULL";
    text += '|';
  }
  text += '\n';
  return 0;
}

std::string Rows(sqlite3* db, const std::string& sql) {
  std::string out;
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), AppendRow, &out, &error) != SQLITE_OK) {
    std::string message = error ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error("SQL failed: " + message + " in: " + sql);
  }
  return out;
}

}  // namespace

void ExecSql(const std::filesystem::path& db, const std::string& sql) {
  Db handle(db);
  Rows(handle.handle, sql);
}

std::string QueryText(const std::filesystem::path& db, const std::string& sql) {
  Db handle(db);
  std::string rows = Rows(handle.handle, sql);
  auto bar = rows.find('|');
  return bar == std::string::npos ? "" : rows.substr(0, bar);
}

std::string LedgerSnapshot(const std::filesystem::path& db) {
  Db handle(db);
  std::string out;
  for (const char* sql :
       {"SELECT id, reference, status, version, extended, due_at, hex(subject_sealed) FROM requests"
        " ORDER BY id",
        "SELECT seq, request_id, action, details, hex(hash) FROM audit_events ORDER BY seq",
        "SELECT seq, hex(hash) FROM audit_checkpoints ORDER BY seq",
        "SELECT seq, hex(hash) FROM audit_head", "SELECT id, kind, status FROM outbox ORDER BY id",
        "SELECT year, last FROM reference_counters ORDER BY year"}) {
    out += Rows(handle.handle, sql);
    out += "--\n";
  }
  return out;
}

}  // namespace rightsdesk::testing
