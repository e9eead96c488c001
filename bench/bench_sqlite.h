// What the benchmarks that write SQLite databases share: failing loudly (a benchmark has no one
// to return an error to) and running SQL.
#pragma once

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace rightsdesk::bench {

// Set once by each benchmark's main: the name its failures start with.
inline const char* bench_name = "bench";

[[noreturn]] inline void Die(const std::string& what) {
  std::fprintf(stderr, "%s: %s\n", bench_name, what.c_str());
  std::exit(1);
}

inline void Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    Die(std::string(sql) + ": " + (error ? error : "?"));
  }
}

inline sqlite3_stmt* Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) Die(sqlite3_errmsg(db));
  return stmt;
}

}  // namespace rightsdesk::bench
