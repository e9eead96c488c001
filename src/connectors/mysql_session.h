// MySQL and MariaDB for the SQL connector: MySqlConnector opens MariaDB Connector/C connections
// from a system's ConnectorSettings (conninfo: a mysql:// URL, mysql_url.h), and MySqlSession
// speaks SqlSession's few statements over one of them.
//
// Names: tables and columns are quoted with backticks (a backtick in a name is doubled) and found
// in the URL's database. Table names are compared as the server does (case-sensitive on Linux
// unless lower_case_table_names is set); spell them as the catalog has them.
//
// Comparisons — MySQL's default collations ignore case and accents ('José' = 'jose'), which for a
// privacy search would find other people's rows:
//   kExact            integer and decimal columns compare as numbers, and a value that is not
//                     wholly a number of the column's type matches nothing ('3abc' never finds
//                     row 3, as MySQL's own conversion would); text columns compare byte for
//                     byte (utf8mb4_bin) after an index-served `column = ?` under the column's
//                     collation; other columns (dates, binary) as the server compares them;
//   kCaseInsensitive  LOWER(column) = LOWER(value), byte for byte: case aside, accents count;
//   kDigits           the column's digits (REGEXP_REPLACE(column, '[^0-9]', '')) = the value's.
// Values are always bound parameters of prepared statements; long value lists go in batches.
//
// Errors (messages name the system, table and column, never a value and never the password):
//   kUnavailable        the server cannot be reached, refused the login, went away or did not
//                       answer within the timeout, a lock wait or the statement time limit ran out
//                       (the connector's timeout), or a deadlock rolled the transaction back:
//                       retrying may help;
//   kFailedPrecondition a table or column the data map names does not exist, the account lacks a
//                       privilege, a constraint or trigger refused the change (a row others still
//                       reference), the password's variable is unset, or a transaction was rolled
//                       back because a statement in it failed;
//   kInvalidArgument    a value written does not fit its column (the session runs in strict
//                       mode, so nothing is silently truncated), or the conninfo is not a URL;
//   kInternal           anything else the server reports.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "connectors/mysql_statement.h"
#include "connectors/sql_session.h"
#include "core/datamap.h"

namespace rightsdesk::connectors {

// Opens sessions to one MySQL or MariaDB database. Thread-safe: Open only reads the settings (and
// the password's environment variable), and every session has its own connection.
class MySqlConnector final : public SqlConnector {
 public:
  // `system` names the system in error messages. settings.conninfo is the database's URL;
  // settings.password_env, when set, names the environment variable that holds the password;
  // settings.timeout_seconds bounds connecting, each lock wait and each statement (the server
  // ends them), and waiting for the server's answer (the client gives up 2 s later, for a server
  // that no longer answers at all).
  MySqlConnector(std::string system, ConnectorSettings settings);

  // A fresh connection (utf8mb4, strict mode, the timeouts set), or kUnavailable (cannot connect,
  // wrong password), kFailedPrecondition (the password variable is unset) or kInvalidArgument
  // (the URL is malformed).
  Result<std::unique_ptr<SqlSession>> Open() override;

 private:
  std::string system_;
  ConnectorSettings settings_;
};

// One connection (RAII: closed on destruction, which rolls back an unfinished transaction). Used
// by one thread at a time. Outside Begin and Commit/Rollback every statement commits on its own.
// Inside, a failed statement rolls the whole transaction back at once (MySQL would otherwise keep
// the statements before it, and after a deadlock run the ones after it outside any transaction):
// later statements are refused and Commit reports it, as PostgreSQL does.
class MySqlSession final : public SqlSession {
 public:
  // Takes ownership of an open connection.
  MySqlSession(std::string system, st_mysql* connection);
  ~MySqlSession() override;
  MySqlSession(const MySqlSession&) = delete;
  MySqlSession& operator=(const MySqlSession&) = delete;

  // Values that are JSON null match nothing; for kDigits so do values without digits; for kExact
  // on a numeric column so do values that are not numbers. Columns convert as
  // MySqlStatement::FetchAll says (integers, numbers, hex for binary, text for the rest).
  Result<std::vector<SqlRow>> Select(std::string_view table,
                                     const std::vector<std::string>& columns,
                                     std::string_view where_column, MatchMode mode,
                                     const std::vector<FieldValue>& values) override;
  Result<std::int64_t> Delete(std::string_view table, std::string_view key_column,
                              const std::vector<FieldValue>& keys) override;
  // Rows the key matched (also when they already held the values). A null key, or one that
  // cannot be of the key column's type, updates nothing; an empty `set` is kInvalidArgument.
  Result<std::int64_t> Update(std::string_view table, std::string_view key_column,
                              const FieldValue& key,
                              const std::vector<std::pair<std::string, FieldValue>>& set) override;

  Result<void> Begin() override;
  // kFailedPrecondition when a statement in the transaction had failed: nothing of it was applied.
  Result<void> Commit() override;
  Result<void> Rollback() override;

  // Tables and views of the URL's database, from information_schema. `indexed`: the column is the
  // first column of an index (primary keys included).
  Result<std::optional<TableShape>> Describe(std::string_view table) override;

 private:
  // The kind of `column` of `table` (cached for the session), for typing exact matches.
  Result<ColumnKind> KindOf(std::string_view table, std::string_view column,
                            const std::string& doing);
  Result<std::vector<SqlRow>> Query(const std::string& sql, const std::vector<MySqlParam>& params,
                                    const std::string& doing);
  Result<std::int64_t> Change(const std::string& sql, const std::vector<MySqlParam>& params,
                              const std::string& doing);
  // A failed statement inside a transaction rolls it back (see the class comment).
  Error Failed(Error error);
  Result<void> RefuseAfterFailure(const std::string& doing) const;

  std::string system_;
  st_mysql* connection_;
  std::map<std::string, ColumnKind> kinds_;  // by table + '\0' + column
  bool in_transaction_ = false;
  bool transaction_failed_ = false;
};

}  // namespace rightsdesk::connectors
