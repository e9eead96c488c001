// Prepared statements over MariaDB Connector/C for MySqlSession (mysql_session.h): parameters
// bound by type, rows decoded into FieldValues by column type, and the server's and the client
// library's errors turned into an Error whose code says what a caller can do about it. Internal to
// the MySQL connector; nothing here knows the data map.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "connectors/sql_session.h"
#include "core/error.h"

struct st_mysql;       // libmariadb's MYSQL
struct st_mysql_stmt;  // libmariadb's MYSQL_STMT

namespace rightsdesk::connectors {

// A statement parameter: SQL NULL, an integer, a number or text (sent in the connection's
// character set, utf8mb4).
using MySqlParam = std::variant<std::monostate, std::int64_t, std::uint64_t, double, std::string>;

// How a column compares with a searched value, from its type in the server's metadata.
enum class ColumnKind {
  kInteger,  // TINYINT ... BIGINT, YEAR
  kNumber,   // DECIMAL, FLOAT, DOUBLE
  kText,     // CHAR, VARCHAR, TEXT, ENUM, SET, JSON: compared under a collation
  kOther,    // dates and times, binary strings, BIT, spatial types
};

// The Error for a failed call, from the error number and SQLSTATE the server or the client library
// reported (MariaDB's mysqld_error.h and errmsg.h):
//   kUnavailable        the connection failed, timed out or was lost, the login was refused, the
//                       server is shutting down or out of connections, a lock wait or the
//                       statement time limit ran out, or a deadlock rolled the transaction back;
//   kFailedPrecondition a table, column or database does not exist, a privilege is missing, a
//                       constraint, trigger or read-only setting refused the change;
//   kInvalidArgument    a value does not fit its column's type;
//   kInternal           anything else (including misuse of the client library).
// The message is "<context>: <what> (MySQL error N, SQLSTATE S)". `what` is the server's text,
// except for errors whose text quotes a value (data errors, duplicate keys, a trigger's SIGNAL):
// those get a plain description instead, so that no personal data reaches a log.
Error MySqlError(unsigned number, std::string_view sqlstate, std::string_view text,
                 std::string_view context);
Error ConnectionError(st_mysql* connection, std::string_view context);

// Runs a statement that takes no parameters and returns no rows (SET, START TRANSACTION, COMMIT).
Result<void> RunPlain(st_mysql* connection, std::string_view sql, std::string_view context);

// One prepared statement on a connection that must outlive it (RAII: closed on destruction).
// Not thread-safe, like the connection.
class MySqlStatement {
 public:
  // `context` starts every error message ("chinook: selecting from Customer by Email").
  static Result<MySqlStatement> Prepare(st_mysql* connection, std::string_view sql,
                                        std::string context);
  MySqlStatement(MySqlStatement&& other) noexcept;
  MySqlStatement& operator=(MySqlStatement&& other) noexcept;
  MySqlStatement(const MySqlStatement&) = delete;
  MySqlStatement& operator=(const MySqlStatement&) = delete;
  ~MySqlStatement();

  // The kind of result column `index`, known once prepared; kInternal past the last column.
  Result<ColumnKind> KindOfColumn(unsigned index) const;
  // Runs the statement with `params`, one per placeholder, in order.
  Result<void> Execute(const std::vector<MySqlParam>& params);
  // Every row of the result of the last Execute. Columns convert by type: integers → integer,
  // FLOAT/DOUBLE → number, DECIMAL → number when a double holds it exactly (15 significant digits
  // at most; else its text), BIT → integer, binary strings → lower-case hex, NULL → null,
  // anything else → the server's text (dates as "2024-02-29 13:45:00").
  Result<std::vector<SqlRow>> FetchAll();
  // Rows an UPDATE matched (the connector connects with CLIENT_FOUND_ROWS) or a DELETE deleted.
  std::int64_t AffectedRows() const;

 private:
  MySqlStatement(st_mysql_stmt* statement, std::string context)
      : statement_(statement), context_(std::move(context)) {}
  Error StatementError() const;

  st_mysql_stmt* statement_;
  std::string context_;
};

}  // namespace rightsdesk::connectors
