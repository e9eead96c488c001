#include "connectors/postgres_session.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <utility>

#include "connectors/sql_text.h"

namespace rightsdesk::connectors {
namespace {

// Type OIDs of built-in types (the server's catalog/pg_type.dat; fixed across releases).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

struct ClearResult {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResultPtr = std::unique_ptr<PGresult, ClearResult>;

// Names come from the data map; a NUL would cut the statement's text short.
Result<void> CheckName(std::string_view name, std::string_view what) {
  if (name.empty() || name.find('\0') != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                "a " + std::string(what) + " name is empty or contains a NUL character");
  }
  return {};
}

// A value as the text the server parses into the column's type; nullopt is SQL NULL.
Result<std::optional<std::string>> ParamText(const FieldValue& value) {
  std::string text;
  switch (value.type()) {
    case FieldValue::value_t::null:
      return std::optional<std::string>();
    case FieldValue::value_t::boolean:
      text = value.get<bool>() ? "true" : "false";
      break;
    case FieldValue::value_t::number_integer:
      text = std::to_string(value.get<std::int64_t>());
      break;
    case FieldValue::value_t::number_unsigned:
      text = std::to_string(value.get<std::uint64_t>());
      break;
    case FieldValue::value_t::number_float: {
      char buffer[32];
      const auto converted = std::to_chars(buffer, buffer + sizeof buffer, value.get<double>());
      text.assign(buffer, converted.ptr);
      break;
    }
    case FieldValue::value_t::string:
      text = value.get_ref<const std::string&>();
      break;
    default:  // arrays and objects as JSON text, for json and jsonb columns
      text = value.dump();
  }
  if (text.find('\0') != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "a value contains a NUL character");
  }
  return std::optional<std::string>(std::move(text));
}

// The searched values as text, made comparable under `mode`. Values that can match nothing
// (null; without digits for kDigits) are left out.
Result<std::vector<std::string>> SearchTexts(const std::vector<FieldValue>& values,
                                             MatchMode mode) {
  std::vector<std::string> texts;
  texts.reserve(values.size());
  for (const FieldValue& value : values) {
    Result<std::optional<std::string>> text = ParamText(value);
    if (!text) return std::unexpected(std::move(text).error());
    if (!*text) continue;
    if (mode != MatchMode::kDigits) {
      texts.push_back(std::move(**text));
      continue;
    }
    std::string digits = DigitsOf(**text);
    if (!digits.empty()) texts.push_back(std::move(digits));
  }
  return texts;
}

// A text array literal ({"a","b\"c"}); the server converts its elements to the column's type.
std::string ArrayLiteral(const std::vector<std::string>& elements) {
  std::string literal = "{";
  for (const std::string& element : elements) {
    if (literal.size() > 1) literal += ',';
    literal += '"';
    for (char c : element) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  return literal + '}';
}

// `column` compared under `mode` with the array parameter $1. Functions are schema-qualified so
// that a same-named function in the search_path cannot stand in for them.
std::string Condition(std::string_view column, MatchMode mode) {
  const std::string quoted = QuoteIdentifier(column);
  switch (mode) {
    case MatchMode::kCaseInsensitive:
      return "pg_catalog.lower(" + quoted +
             "::text) = ANY(ARRAY(SELECT pg_catalog.lower(v) FROM "
             "pg_catalog.unnest($1::text[]) AS v))";
    case MatchMode::kDigits:
      return "pg_catalog.regexp_replace(" + quoted + "::text, '[^0-9]', '', 'g') = ANY($1::text[])";
    case MatchMode::kExact:
      break;
  }
  return quoted + " = ANY($1)";  // $1 takes the column's array type
}

// Text-format statement parameters; nullopt is SQL NULL.
class Params {
 public:
  void Add(std::optional<std::string> value) { values_.push_back(std::move(value)); }
  int size() const { return static_cast<int>(values_.size()); }
  std::vector<const char*> Pointers() const {
    std::vector<const char*> pointers;
    for (const auto& value : values_) pointers.push_back(value ? value->c_str() : nullptr);
    return pointers;
  }

 private:
  std::vector<std::optional<std::string>> values_;
};

// The failure's kind by SQLSTATE (PostgreSQL manual, appendix A). Without a SQLSTATE the error
// came from libpq itself: the connection failed.
ErrorCode CodeForSqlState(std::string_view state) {
  if (state.size() != 5) return ErrorCode::kUnavailable;
  const std::string_view group = state.substr(0, 2);
  // 08 connection, 40 rolled back (deadlock, serialization), 53 resources, 57 operator
  // intervention (57014: statement_timeout; 57P01: shutdown), 58 system; 55P03 lock timeout.
  if (group == "08" || group == "40" || group == "53" || group == "57" || group == "58" ||
      state == "55P03") {
    return ErrorCode::kUnavailable;
  }
  if (group == "22" || state == "42804") return ErrorCode::kInvalidArgument;  // data, type
  // 23 constraint, 25 transaction state, 3F schema, 42 undefined name or missing privilege,
  // P0 raised by a trigger or function (one refusing the change).
  if (group == "23" || group == "25" || group == "3F" || group == "42" || group == "P0") {
    return ErrorCode::kFailedPrecondition;
  }
  return ErrorCode::kInternal;
}

Error StatementError(PGconn* connection, const PGresult* result, std::string_view system,
                     std::string_view doing) {
  const char* field = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string state = field ? field : "";
  const ErrorCode code =
      PQstatus(connection) == CONNECTION_BAD ? ErrorCode::kUnavailable : CodeForSqlState(state);
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string what;
  // The server's text would quote the value (22), or is anyone's (P0: RAISE in a trigger).
  if (state.starts_with("22")) {
    what = "a value does not fit the column's type";
  } else if (state.starts_with("P0")) {
    what = "a trigger or function refused the statement";
  } else if (primary != nullptr) {
    what = OneLine(primary);
  } else {
    what = OneLine(result ? PQresultErrorMessage(result) : PQerrorMessage(connection));
  }
  if (what.empty()) what = "the server did not answer";
  std::string message = std::string(system) + ": " + std::string(doing) + ": " + what;
  if (!state.empty()) message += " (SQLSTATE " + state + ")";
  return Error(code, std::move(message));
}

Result<PgResultPtr> Run(PGconn* connection, std::string_view system, const std::string& sql,
                        const Params& params, std::string_view doing) {
  const std::vector<const char*> values = params.Pointers();
  PgResultPtr result(PQexecParams(connection, sql.c_str(), params.size(), nullptr, values.data(),
                                  nullptr, nullptr, /*resultFormat=*/0));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  return std::unexpected(StatementError(connection, result.get(), system, doing));
}

std::int64_t AffectedRows(const PGresult* result) {
  const std::string_view text = PQcmdTuples(const_cast<PGresult*>(result));
  std::int64_t rows = 0;
  std::from_chars(text.data(), text.data() + text.size(), rows);
  return rows;
}

FieldValue ColumnValue(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return nullptr;
  const std::string_view text(PQgetvalue(result, row, column),
                              static_cast<std::size_t>(PQgetlength(result, row, column)));
  const char* end = text.data() + text.size();
  switch (PQftype(result, column)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: {
      std::int64_t number = 0;
      const auto parsed = std::from_chars(text.data(), end, number);
      if (parsed.ec == std::errc() && parsed.ptr == end) return number;
      break;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      double number = 0;
      const auto parsed = std::from_chars(text.data(), end, number);
      if (parsed.ec == std::errc() && parsed.ptr == end && std::isfinite(number)) return number;
      break;  // NaN, infinities and numerics beyond a double stay text
    }
    case kBoolOid:
      return text == "t";
    case kByteaOid:
      if (text.starts_with("\\x")) return std::string(text.substr(2));  // bytea_output = hex
      break;
    default:
      break;
  }
  return std::string(text);
}

// Connects with the connector's settings; nullptr only when libpq is out of memory.
PGconn* Connect(const ConnectorSettings& settings, const std::string& password) {
  const int timeout = settings.timeout_seconds;
  const std::string seconds = std::to_string(timeout);
  const std::string probe_interval = std::to_string(std::max(1, timeout / 3));
  // Later entries win: first defaults the conninfo may override (TCP keepalives notice a peer
  // that vanished while we wait for an answer), then the connector's own settings.
  std::vector<const char*> keywords{"fallback_application_name"};
  std::vector<const char*> values{"rightsdesk"};
  if (timeout > 0) {
    keywords.insert(keywords.end(), {"keepalives_idle", "keepalives_interval", "keepalives_count"});
    values.insert(values.end(), {seconds.c_str(), probe_interval.c_str(), "3"});
  }
  keywords.insert(keywords.end(), {"dbname", "client_encoding"});
  values.insert(values.end(), {settings.conninfo.c_str(), "UTF8"});
  if (timeout > 0) {
    keywords.push_back("connect_timeout");
    values.push_back(seconds.c_str());
  }
  if (!password.empty()) {
    keywords.push_back("password");
    values.push_back(password.c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  return PQconnectdbParams(keywords.data(), values.data(), /*expand_dbname=*/1);
}

// The server's notices (a warning at shutdown, for one) would otherwise go to our stderr.
void IgnoreNotice(void*, const char*) {}

// Columns of the table that `FROM "name"` would read: to_regclass resolves the quoted name
// through the search_path exactly as a statement does. A table without columns gives one row
// of nulls.
constexpr const char* kPgDescribeSql = R"sql(
SELECT a.attname, a.attnotnull,
       EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                WHERE i.indrelid = c.oid AND i.indkey[0] = a.attnum)
  FROM pg_catalog.pg_class c
  LEFT JOIN pg_catalog.pg_attribute a
         ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE c.oid = pg_catalog.to_regclass(pg_catalog.quote_ident($1))
   AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
 ORDER BY a.attnum)sql";

}  // namespace

PostgresSession::PostgresSession(std::string system, pg_conn* connection)
    : system_(std::move(system)), connection_(connection) {}

PostgresSession::~PostgresSession() { PQfinish(connection_); }

Result<std::vector<SqlRow>> PostgresSession::Select(std::string_view table,
                                                    const std::vector<std::string>& columns,
                                                    std::string_view where_column, MatchMode mode,
                                                    const std::vector<FieldValue>& values) {
  const std::string doing =
      "selecting from " + std::string(table) + " by " + std::string(where_column);
  if (auto ok = CheckName(table, "table"); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckName(where_column, "column"); !ok) return std::unexpected(ok.error());
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (auto ok = CheckName(columns[i], "column"); !ok) return std::unexpected(ok.error());
    sql += (i == 0 ? "" : ", ") + QuoteIdentifier(columns[i]);
  }
  sql += " FROM " + QuoteIdentifier(table) + " WHERE " + Condition(where_column, mode);
  Result<std::vector<std::string>> texts = SearchTexts(values, mode);
  if (!texts) return std::unexpected(texts.error().WithContext(system_ + ": " + doing));
  if (texts->empty()) return std::vector<SqlRow>();
  Params params;
  params.Add(ArrayLiteral(*texts));
  Result<PgResultPtr> result = Run(connection_, system_, sql, params, doing);
  // A value that cannot be of the column's type (an account id of letters searched in an integer
  // column) matches no row; SQLite answers the same. Only searches carry such values: keys and
  // links come from the database itself.
  if (!result && result.error().code() == ErrorCode::kInvalidArgument) {
    return std::vector<SqlRow>();
  }
  if (!result) return std::unexpected(std::move(result).error());
  const PGresult* rows_found = result->get();
  std::vector<SqlRow> rows(static_cast<std::size_t>(PQntuples(rows_found)));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (int c = 0; c < PQnfields(rows_found); ++c) {
      rows[r].push_back(ColumnValue(rows_found, static_cast<int>(r), c));
    }
  }
  return rows;
}

Result<std::int64_t> PostgresSession::Delete(std::string_view table, std::string_view key_column,
                                             const std::vector<FieldValue>& keys) {
  const std::string doing =
      "deleting from " + std::string(table) + " by " + std::string(key_column);
  if (auto ok = CheckName(table, "table"); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckName(key_column, "column"); !ok) return std::unexpected(ok.error());
  Result<std::vector<std::string>> texts = SearchTexts(keys, MatchMode::kExact);
  if (!texts) return std::unexpected(texts.error().WithContext(system_ + ": " + doing));
  if (texts->empty()) return 0;
  Params params;
  params.Add(ArrayLiteral(*texts));
  const std::string sql = "DELETE FROM " + QuoteIdentifier(table) + " WHERE " +
                          Condition(key_column, MatchMode::kExact);
  Result<PgResultPtr> result = Run(connection_, system_, sql, params, doing);
  if (!result) return std::unexpected(std::move(result).error());
  return AffectedRows(result->get());
}

Result<std::int64_t> PostgresSession::Update(
    std::string_view table, std::string_view key_column, const FieldValue& key,
    const std::vector<std::pair<std::string, FieldValue>>& set) {
  const std::string doing = "updating " + std::string(table);
  if (auto ok = CheckName(table, "table"); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckName(key_column, "column"); !ok) return std::unexpected(ok.error());
  if (set.empty()) {
    return Fail(ErrorCode::kInvalidArgument, system_ + ": " + doing + ": no columns to set");
  }
  Params params;
  std::string sql = "UPDATE " + QuoteIdentifier(table) + " SET ";
  for (const auto& [column, value] : set) {
    if (auto ok = CheckName(column, "column"); !ok) return std::unexpected(ok.error());
    Result<std::optional<std::string>> text = ParamText(value);
    if (!text) return std::unexpected(text.error().WithContext(system_ + ": " + doing));
    params.Add(std::move(*text));
    sql += (params.size() == 1 ? "" : ", ") + QuoteIdentifier(column) + " = $" +
           std::to_string(params.size());
  }
  Result<std::optional<std::string>> key_text = ParamText(key);
  if (!key_text) return std::unexpected(key_text.error().WithContext(system_ + ": " + doing));
  if (!*key_text) return 0;  // NULL equals nothing
  params.Add(std::move(*key_text));
  sql += " WHERE " + QuoteIdentifier(key_column) + " = $" + std::to_string(params.size());
  Result<PgResultPtr> result = Run(connection_, system_, sql, params, doing);
  if (!result) return std::unexpected(std::move(result).error());
  return AffectedRows(result->get());
}

Result<void> PostgresSession::Begin() {
  Result<PgResultPtr> result = Run(connection_, system_, "BEGIN", Params(), "beginning");
  if (!result) return std::unexpected(std::move(result).error());
  return {};
}

Result<void> PostgresSession::Commit() {
  Result<PgResultPtr> result = Run(connection_, system_, "COMMIT", Params(), "committing");
  if (!result) return std::unexpected(std::move(result).error());
  // COMMIT of a transaction in which a statement failed succeeds, as a ROLLBACK.
  if (std::string_view(PQcmdStatus(result->get())) == "ROLLBACK") {
    return Fail(ErrorCode::kFailedPrecondition,
                system_ +
                    ": committing: the server rolled the transaction back because a "
                    "statement in it had failed");
  }
  return {};
}

Result<void> PostgresSession::Rollback() {
  Result<PgResultPtr> result = Run(connection_, system_, "ROLLBACK", Params(), "rolling back");
  if (!result) return std::unexpected(std::move(result).error());
  return {};
}

Result<std::optional<TableShape>> PostgresSession::Describe(std::string_view table) {
  if (auto ok = CheckName(table, "table"); !ok) return std::unexpected(ok.error());
  Params params;
  params.Add(std::string(table));
  Result<PgResultPtr> result =
      Run(connection_, system_, kPgDescribeSql, params, "describing " + std::string(table));
  if (!result) return std::unexpected(std::move(result).error());
  const PGresult* found = result->get();
  if (PQntuples(found) == 0) return std::optional<TableShape>();
  TableShape shape;
  for (int r = 0; r < PQntuples(found); ++r) {
    if (PQgetisnull(found, r, 0)) continue;  // a table without columns
    shape.columns.push_back({.name = PQgetvalue(found, r, 0),
                             .not_null = std::string_view(PQgetvalue(found, r, 1)) == "t",
                             .indexed = std::string_view(PQgetvalue(found, r, 2)) == "t"});
  }
  return std::optional<TableShape>(std::move(shape));
}

PostgresConnector::PostgresConnector(std::string system, ConnectorSettings settings)
    : system_(std::move(system)), settings_(std::move(settings)) {}

Result<std::unique_ptr<SqlSession>> PostgresConnector::Open() {
  // Checked apart from connecting: a malformed conninfo needs a person, not a retry. libpq's
  // complaint would quote the string, so it is left out.
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(settings_.conninfo.c_str(), &parse_error);
  PQconninfoFree(parsed);
  PQfreemem(parse_error);
  if (parsed == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                system_ + ": the conninfo is not a libpq connection string or URI");
  }
  std::string password;
  if (!settings_.password_env.empty()) {
    const char* value = std::getenv(settings_.password_env.c_str());
    if (value == nullptr) {
      return Fail(ErrorCode::kFailedPrecondition,
                  system_ + ": the environment variable " + settings_.password_env +
                      " that holds the database password is not set");
    }
    password = value;
  }
  PGconn* connection = Connect(settings_, password);
  if (connection == nullptr) {
    return Fail(ErrorCode::kUnavailable, system_ + ": connecting: libpq is out of memory");
  }
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string message = WithoutSecret(OneLine(PQerrorMessage(connection)), password);
    PQfinish(connection);
    return Fail(ErrorCode::kUnavailable, system_ + ": connecting: " + message);
  }
  PQsetNoticeProcessor(connection, IgnoreNotice, nullptr);
  auto session = std::make_unique<PostgresSession>(system_, connection);
  if (settings_.timeout_seconds > 0) {  // so that a statement blocked by a lock or a slow plan ends
    Params params;
    params.Add(std::to_string(static_cast<long long>(settings_.timeout_seconds) * 1000));
    Result<PgResultPtr> set =
        Run(connection, system_, "SELECT pg_catalog.set_config('statement_timeout', $1, false)",
            params, "setting statement_timeout");
    if (!set) return std::unexpected(std::move(set).error());
  }
  return session;
}

}  // namespace rightsdesk::connectors
