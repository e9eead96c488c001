// PostgreSQL for the SQL connector: PostgresConnector opens libpq connections from a system's
// ConnectorSettings, and PostgresSession speaks SqlSession's few statements over one of them.
//
// Names: tables and columns are always quoted identifiers, so they must be spelled as the catalog
// has them — PostgreSQL folds unquoted names to lower case when a table is created, so a table
// created as `CREATE TABLE Customer` is named `customer`. A table is found through the session's
// search_path (usually `public`). Values are always bound parameters, sent as text and typed by
// the server from the column they are compared with or assigned to.
//
// Errors (messages name the system, table and column, never a value and never the password):
//   kUnavailable        the server cannot be reached, refused the login, went away, a statement
//                       ran past the connector's timeout (statement_timeout), or lost a deadlock
//                       or serialization conflict: retrying may help;
//   kFailedPrecondition a table or column the data map names does not exist, the role lacks a
//                       privilege, a constraint or trigger refused the change (a row others still
//                       reference), or a transaction was rolled back because a statement in it
//                       failed;
//   kInvalidArgument    a value does not fit its column's type (text searched in an integer
//                       column), or the conninfo is malformed;
//   kInternal           anything else the server reports.
#pragma once

#include <memory>
#include <string>

#include "connectors/sql_session.h"
#include "core/datamap.h"

struct pg_conn;  // libpq's PGconn; libpq is linked only by this connector's library

namespace rightsdesk::connectors {

// Opens sessions to one PostgreSQL database. Thread-safe: Open only reads the settings (and the
// password's environment variable), and every session has its own connection.
class PostgresConnector final : public SqlConnector {
 public:
  // `system` names the system in error messages. settings.conninfo is a libpq connection string
  // (or URI) without the password; settings.password_env, when set, names the environment
  // variable that holds it; settings.timeout_seconds bounds connecting and every statement.
  PostgresConnector(std::string system, ConnectorSettings settings);

  // A fresh connection with statement_timeout set to the connector's timeout, or kUnavailable
  // (cannot connect, wrong password), kFailedPrecondition (the password variable is unset) or
  // kInvalidArgument (the conninfo is malformed).
  Result<std::unique_ptr<SqlSession>> Open() override;

 private:
  std::string system_;
  ConnectorSettings settings_;
};

// One connection (RAII: closed on destruction). Used by one thread at a time. Outside Begin and
// Commit/Rollback every statement commits on its own. Select, Delete and Update send one
// statement whatever the number of values: the values travel as a single array parameter
// (`column = ANY($1)`), which has no parameter-count limit.
class PostgresSession final : public SqlSession {
 public:
  // Takes ownership of an open connection.
  PostgresSession(std::string system, pg_conn* connection);
  ~PostgresSession() override;
  PostgresSession(const PostgresSession&) = delete;
  PostgresSession& operator=(const PostgresSession&) = delete;

  // Values that are JSON null match nothing; for MatchMode::kDigits so do values without digits.
  // Columns convert by type: int2/int4/int8 → integer, float4/float8/numeric → number (NaN and
  // infinities stay text), bool → boolean, bytea → lower-case hex, NULL → null, anything else →
  // the server's text.
  Result<std::vector<SqlRow>> Select(std::string_view table,
                                     const std::vector<std::string>& columns,
                                     std::string_view where_column, MatchMode mode,
                                     const std::vector<FieldValue>& values) override;
  Result<std::int64_t> Delete(std::string_view table, std::string_view key_column,
                              const std::vector<FieldValue>& keys) override;
  // A null key updates nothing; an empty `set` is kInvalidArgument.
  Result<std::int64_t> Update(std::string_view table, std::string_view key_column,
                              const FieldValue& key,
                              const std::vector<std::pair<std::string, FieldValue>>& set) override;

  Result<void> Begin() override;
  // kFailedPrecondition when the server rolled the transaction back instead (a statement in it
  // had failed): nothing of it was applied.
  Result<void> Commit() override;
  Result<void> Rollback() override;

  // Tables, partitioned tables, views, materialized views and foreign tables, found through the
  // search_path. `indexed`: the column is the first column of an index (primary keys included).
  Result<std::optional<TableShape>> Describe(std::string_view table) override;

 private:
  std::string system_;
  pg_conn* connection_;
};

}  // namespace rightsdesk::connectors
