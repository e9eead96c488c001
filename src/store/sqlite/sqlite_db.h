// A thin RAII layer over the SQLite C API that turns return codes into Results. A Connection is
// used by one thread at a time (the store guarantees it); statements belong to their connection.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace rightsdesk::store::sqlite {

class Statement;

class Connection {
 public:
  // kReadWrite creates the file when missing; kReadWriteExisting (someone else's database)
  // and kReadOnly fail instead.
  enum class Mode { kReadWrite, kReadWriteExisting, kReadOnly };
  static Result<Connection> Open(const std::filesystem::path& path, Mode mode);

  Connection(Connection&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more statements without results (schema, pragmas, BEGIN/COMMIT).
  Result<void> Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  std::int64_t Changes() const { return sqlite3_changes64(db_); }
  sqlite3* raw() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Statement&& other) noexcept
      : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_) {}
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are numbered from 1, as in SQL ("?1").
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::span<const std::uint8_t> blob);
  Statement& BindDouble(int index, double value);  // not an overload: ints would be ambiguous
  Statement& BindNull(int index);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // true: a row is ready; false: done. Errors carry SQLite's message.
  Result<bool> Step();
  // Steps a statement that returns no rows.
  Result<void> Run();
  void Reset();

  bool IsNull(int column) const;
  int Type(
      int column) const;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL
  double Double(int column) const;
  std::int64_t Int(int column) const;
  std::string Text(int column) const;
  // The column's text without a copy: valid until the next Step or Reset, or until the same
  // column is read as another type.
  std::string_view TextView(int column) const;
  std::vector<std::uint8_t> Blob(int column) const;

 private:
  friend class Connection;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
};

// Maps a SQLite result code to our error codes: busy/locked/IO → kUnavailable, corrupt →
// kDataLoss, constraint → kAlreadyExists, the rest kInternal.
Error SqliteError(sqlite3* db, int rc, std::string_view doing);

}  // namespace rightsdesk::store::sqlite
