// SqlSession: the few statements a SQL connector needs, spoken in one database's dialect.
// SqlDataSource (sql_data_source.h) does the data map's work — following links, planning,
// proving — over any SqlSession, so each database adds only this. Table and column names come
// from the data map and are always quoted as identifiers; values are always bound parameters.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/findings.h"

namespace rightsdesk::connectors {

// How a column is compared with the searched values.
enum class MatchMode {
  kExact,
  kCaseInsensitive,  // lower(column) = lower(value): emails
  kDigits,           // the column's digits only = the value's digits only: phone numbers
};

using SqlRow = std::vector<FieldValue>;  // one value per selected column, in order

struct ColumnShape {
  std::string name;
  bool not_null = false;
  bool indexed = false;  // the first column of an index or of the primary key
};

struct TableShape {
  std::vector<ColumnShape> columns;
  const ColumnShape* Column(std::string_view name) const;
};

class SqlSession {
 public:
  virtual ~SqlSession() = default;

  // SELECT columns FROM table WHERE where_column (compared by `mode`) is one of `values`.
  // An empty `values` selects nothing. Any number of values (the session batches them).
  virtual Result<std::vector<SqlRow>> Select(std::string_view table,
                                             const std::vector<std::string>& columns,
                                             std::string_view where_column, MatchMode mode,
                                             const std::vector<FieldValue>& values) = 0;

  // DELETE FROM table WHERE key_column is one of `keys`; returns rows deleted.
  virtual Result<std::int64_t> Delete(std::string_view table, std::string_view key_column,
                                      const std::vector<FieldValue>& keys) = 0;

  // UPDATE table SET column = value, ... WHERE key_column = key; returns rows updated.
  virtual Result<std::int64_t> Update(
      std::string_view table, std::string_view key_column, const FieldValue& key,
      const std::vector<std::pair<std::string, FieldValue>>& set) = 0;

  virtual Result<void> Begin() = 0;
  virtual Result<void> Commit() = 0;
  virtual Result<void> Rollback() = 0;

  // The table's columns, or nullopt when it does not exist.
  virtual Result<std::optional<TableShape>> Describe(std::string_view table) = 0;
};

// Opens sessions to one database; each call opens a fresh connection (kUnavailable when the
// database cannot be reached within the connector's timeout).
class SqlConnector {
 public:
  virtual ~SqlConnector() = default;
  virtual Result<std::unique_ptr<SqlSession>> Open() = 0;
};

}  // namespace rightsdesk::connectors
