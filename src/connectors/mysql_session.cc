#include "connectors/mysql_session.h"

#include <mysql.h>

#include <charconv>
#include <cmath>
#include <utility>

#include "connectors/sql_text.h"

namespace rightsdesk::connectors {
namespace {

constexpr std::size_t kBatchSize = 500;

// `name` with backticks, embedded ones doubled.
std::string QuoteName(std::string_view name) {
  std::string quoted = "`";
  for (char c : name) {
    if (c == '`') quoted += '`';
    quoted += c;
  }
  return quoted + "`";
}

// Names come from the data map; a NUL would cut the statement's text short.
Result<void> CheckName(std::string_view name, std::string_view what, const std::string& doing) {
  if (name.empty() || name.find('\0') != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                doing + ": a " + std::string(what) + " name is empty or contains a NUL character");
  }
  return {};
}

// "item, item, ..." `count` times.
std::string List(std::string_view item, std::size_t count) {
  std::string list;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) list += ", ";
    list += item;
  }
  return list;
}

// `column` compared under `mode` with `count` parameters (twice `count` for exact text: see
// BindTwiceForText). The byte-for-byte collation keeps accents and case apart where MySQL's
// defaults would not; the plain `IN` before it lets an index on the column serve exact matches.
std::string Condition(std::string_view column, MatchMode mode, ColumnKind kind, std::size_t count) {
  const std::string quoted = QuoteName(column);
  switch (mode) {
    case MatchMode::kCaseInsensitive:
      return "CONVERT(LOWER(" + quoted + ") USING utf8mb4) COLLATE utf8mb4_bin IN (" +
             List("LOWER(?)", count) + ")";
    case MatchMode::kDigits:
      return "REGEXP_REPLACE(" + quoted + ", '[^0-9]', '') IN (" + List("?", count) + ")";
    case MatchMode::kExact:
      break;
  }
  std::string condition = quoted + " IN (" + List("?", count) + ")";
  if (kind == ColumnKind::kText) {
    condition += " AND CONVERT(" + quoted + " USING utf8mb4) COLLATE utf8mb4_bin IN (" +
                 List("?", count) + ")";
  }
  return condition;
}

std::vector<MySqlParam> BindTwiceForText(std::vector<MySqlParam> params, MatchMode mode,
                                         ColumnKind kind) {
  if (mode != MatchMode::kExact || kind != ColumnKind::kText) return params;
  const std::size_t count = params.size();
  for (std::size_t i = 0; i < count; ++i) params.push_back(params[i]);
  return params;
}

// A value as the server should receive it when writing it into a column.
MySqlParam AnyParam(const FieldValue& value) {
  switch (value.type()) {
    case FieldValue::value_t::null:
      return std::monostate();
    case FieldValue::value_t::boolean:
      return std::int64_t{value.get<bool>() ? 1 : 0};
    case FieldValue::value_t::number_integer:
      return value.get<std::int64_t>();
    case FieldValue::value_t::number_unsigned:
      return value.get<std::uint64_t>();
    case FieldValue::value_t::number_float:
      return value.get<double>();
    case FieldValue::value_t::string:
      return value.get<std::string>();
    default:  // arrays and objects as JSON text, for JSON columns
      return value.dump();
  }
}

// `text` when it is wholly an integer (of int64 or uint64), else nullopt.
std::optional<MySqlParam> IntegerText(std::string_view text) {
  const char* end = text.data() + text.size();
  std::int64_t signed_value = 0;
  auto parsed = std::from_chars(text.data(), end, signed_value);
  if (parsed.ec == std::errc() && parsed.ptr == end && !text.empty()) return signed_value;
  std::uint64_t unsigned_value = 0;
  parsed = std::from_chars(text.data(), end, unsigned_value);
  if (parsed.ec == std::errc() && parsed.ptr == end && !text.empty()) return unsigned_value;
  return std::nullopt;
}

// A value compared exactly with a column of `kind`; nullopt when no value of the column can
// equal it (MySQL would convert '3abc' to 3 and match).
std::optional<MySqlParam> ExactParam(const FieldValue& value, ColumnKind kind) {
  if (value.is_null()) return std::nullopt;
  if (kind == ColumnKind::kText) {
    return value.is_string() ? value.get<std::string>() : value.dump();
  }
  if (kind == ColumnKind::kOther || value.is_boolean() || value.is_number_integer()) {
    return AnyParam(value);
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (kind == ColumnKind::kNumber) return number;
    if (std::trunc(number) == number && std::fabs(number) < 9.2e18) {
      return static_cast<std::int64_t>(number);
    }
    return std::nullopt;
  }
  if (!value.is_string()) return std::nullopt;
  const std::string& text = value.get_ref<const std::string&>();
  if (std::optional<MySqlParam> integer = IntegerText(text)) return integer;
  if (kind == ColumnKind::kInteger) return std::nullopt;
  double number = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), number);
  if (parsed.ec == std::errc() && parsed.ptr == text.data() + text.size() &&
      std::isfinite(number)) {
    return number;
  }
  return std::nullopt;
}

// The parameters for one batch of MatchBatches' values: text for the case-free and digits
// comparisons (already folded), typed by the column for exact ones.
std::vector<MySqlParam> SearchParams(const std::vector<FieldValue>& batch, MatchMode mode,
                                     ColumnKind kind) {
  std::vector<MySqlParam> params;
  for (const FieldValue& value : batch) {
    if (mode != MatchMode::kExact) {
      params.push_back(value.is_string() ? value.get<std::string>() : value.dump());
    } else if (std::optional<MySqlParam> param = ExactParam(value, kind)) {
      params.push_back(std::move(*param));
    }
  }
  return params;
}

bool IsTrue(const FieldValue& value) { return value.is_number() && value != 0; }

// Columns of the table that `FROM `name`` would read in the connection's database. Table names
// compare as the server treats them: byte for byte unless lower_case_table_names is set.
constexpr const char* kMysqlDescribeSql = R"sql(
SELECT c.COLUMN_NAME, c.IS_NULLABLE = 'NO',
       EXISTS (SELECT 1 FROM information_schema.STATISTICS s
                WHERE s.TABLE_SCHEMA = c.TABLE_SCHEMA AND s.TABLE_NAME = c.TABLE_NAME
                  AND s.COLUMN_NAME = c.COLUMN_NAME AND s.SEQ_IN_INDEX = 1)
  FROM information_schema.COLUMNS c
 WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = ?
   AND (@@lower_case_table_names <> 0 OR CAST(c.TABLE_NAME AS BINARY) = CAST(? AS BINARY))
 ORDER BY c.ORDINAL_POSITION)sql";

}  // namespace

MySqlSession::MySqlSession(std::string system, MYSQL* connection)
    : system_(std::move(system)), connection_(connection) {}

MySqlSession::~MySqlSession() { mysql_close(connection_); }

Error MySqlSession::Failed(Error error) {
  if (in_transaction_ && !transaction_failed_) {
    (void)RunPlain(connection_, "ROLLBACK", system_);  // a lost connection rolls back by itself
    transaction_failed_ = true;
  }
  return error;
}

Result<void> MySqlSession::RefuseAfterFailure(const std::string& doing) const {
  if (!transaction_failed_) return {};
  return Fail(ErrorCode::kFailedPrecondition,
              doing + ": the transaction was rolled back because a statement in it had failed");
}

Result<ColumnKind> MySqlSession::KindOf(std::string_view table, std::string_view column,
                                        const std::string& doing) {
  std::string key = std::string(table) + '\0' + std::string(column);
  if (auto known = kinds_.find(key); known != kinds_.end()) return known->second;
  const std::string sql = "SELECT " + QuoteName(column) + " FROM " + QuoteName(table) + " LIMIT 0";
  Result<MySqlStatement> statement = MySqlStatement::Prepare(connection_, sql, doing);
  if (!statement) return std::unexpected(Failed(std::move(statement).error()));
  Result<ColumnKind> kind = statement->KindOfColumn(0);
  if (!kind) return std::unexpected(Failed(std::move(kind).error()));
  kinds_.emplace(std::move(key), *kind);
  return kind;
}

Result<std::vector<SqlRow>> MySqlSession::Query(const std::string& sql,
                                                const std::vector<MySqlParam>& params,
                                                const std::string& doing) {
  Result<MySqlStatement> statement = MySqlStatement::Prepare(connection_, sql, doing);
  if (!statement) return std::unexpected(Failed(std::move(statement).error()));
  if (auto ran = statement->Execute(params); !ran) {
    return std::unexpected(Failed(std::move(ran).error()));
  }
  Result<std::vector<SqlRow>> rows = statement->FetchAll();
  if (!rows) return std::unexpected(Failed(std::move(rows).error()));
  return rows;
}

Result<std::int64_t> MySqlSession::Change(const std::string& sql,
                                          const std::vector<MySqlParam>& params,
                                          const std::string& doing) {
  Result<MySqlStatement> statement = MySqlStatement::Prepare(connection_, sql, doing);
  if (!statement) return std::unexpected(Failed(std::move(statement).error()));
  if (auto ran = statement->Execute(params); !ran) {
    return std::unexpected(Failed(std::move(ran).error()));
  }
  return statement->AffectedRows();
}

Result<std::vector<SqlRow>> MySqlSession::Select(std::string_view table,
                                                 const std::vector<std::string>& columns,
                                                 std::string_view where_column, MatchMode mode,
                                                 const std::vector<FieldValue>& values) {
  const std::string doing =
      system_ + ": selecting from " + std::string(table) + " by " + std::string(where_column);
  if (auto ok = RefuseAfterFailure(doing); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckName(table, "table", doing); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckName(where_column, "column", doing); !ok) return std::unexpected(ok.error());
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (auto ok = CheckName(columns[i], "column", doing); !ok) return std::unexpected(ok.error());
    sql += (i == 0 ? "" : ", ") + QuoteName(columns[i]);
  }
  sql += " FROM " + QuoteName(table) + " WHERE ";
  const auto batches = MatchBatches(values, mode, kBatchSize);
  if (batches.empty()) return std::vector<SqlRow>();
  Result<ColumnKind> kind =
      mode == MatchMode::kExact ? KindOf(table, where_column, doing) : ColumnKind::kText;
  if (!kind) return std::unexpected(kind.error());
  std::vector<SqlRow> rows;
  for (const auto& batch : batches) {
    std::vector<MySqlParam> params = SearchParams(batch, mode, *kind);
    if (params.empty()) continue;
    const std::string condition = Condition(where_column, mode, *kind, params.size());
    auto found = Query(sql + condition, BindTwiceForText(std::move(params), mode, *kind), doing);
    if (!found) return std::unexpected(std::move(found).error());
    for (SqlRow& row : *found) rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::int64_t> MySqlSession::Delete(std::string_view table, std::string_view key_column,
                                          const std::vector<FieldValue>& keys) {
  const std::string doing =
      system_ + ": deleting from " + std::string(table) + " by " + std::string(key_column);
  if (auto ok = RefuseAfterFailure(doing); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckName(table, "table", doing); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckName(key_column, "column", doing); !ok) return std::unexpected(ok.error());
  const auto batches = MatchBatches(keys, MatchMode::kExact, kBatchSize);
  if (batches.empty()) return 0;
  Result<ColumnKind> kind = KindOf(table, key_column, doing);
  if (!kind) return std::unexpected(kind.error());
  std::int64_t deleted = 0;
  for (const auto& batch : batches) {
    std::vector<MySqlParam> params = SearchParams(batch, MatchMode::kExact, *kind);
    if (params.empty()) continue;
    const std::string sql = "DELETE FROM " + QuoteName(table) + " WHERE " +
                            Condition(key_column, MatchMode::kExact, *kind, params.size());
    auto changed =
        Change(sql, BindTwiceForText(std::move(params), MatchMode::kExact, *kind), doing);
    if (!changed) return changed;
    deleted += *changed;
  }
  return deleted;
}

Result<std::int64_t> MySqlSession::Update(
    std::string_view table, std::string_view key_column, const FieldValue& key,
    const std::vector<std::pair<std::string, FieldValue>>& set) {
  const std::string doing = system_ + ": updating " + std::string(table);
  if (auto ok = RefuseAfterFailure(doing); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckName(table, "table", doing); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckName(key_column, "column", doing); !ok) return std::unexpected(ok.error());
  if (set.empty()) return Fail(ErrorCode::kInvalidArgument, doing + ": no columns to set");
  std::vector<MySqlParam> params;
  std::string sql = "UPDATE " + QuoteName(table) + " SET ";
  for (const auto& [column, value] : set) {
    if (auto ok = CheckName(column, "column", doing); !ok) return std::unexpected(ok.error());
    sql += (params.empty() ? "" : ", ") + QuoteName(column) + " = ?";
    params.push_back(AnyParam(value));
  }
  if (key.is_null()) return 0;  // NULL equals nothing
  Result<ColumnKind> kind = KindOf(table, key_column, doing);
  if (!kind) return std::unexpected(kind.error());
  std::optional<MySqlParam> key_param = ExactParam(key, *kind);
  if (!key_param) return 0;  // no row's key can equal it
  for (MySqlParam& param : BindTwiceForText({*key_param}, MatchMode::kExact, *kind)) {
    params.push_back(std::move(param));
  }
  sql += " WHERE " + Condition(key_column, MatchMode::kExact, *kind, 1);
  return Change(sql, params, doing);
}

Result<void> MySqlSession::Begin() {
  if (auto begun = RunPlain(connection_, "START TRANSACTION", system_ + ": beginning"); !begun) {
    return begun;
  }
  in_transaction_ = true;
  transaction_failed_ = false;
  return {};
}

Result<void> MySqlSession::Commit() {
  const bool failed = std::exchange(transaction_failed_, false);
  in_transaction_ = false;
  if (failed) {
    return Fail(ErrorCode::kFailedPrecondition,
                system_ +
                    ": committing: the transaction was rolled back because a statement in "
                    "it had failed");
  }
  return RunPlain(connection_, "COMMIT", system_ + ": committing");
}

Result<void> MySqlSession::Rollback() {
  const bool failed = std::exchange(transaction_failed_, false);
  in_transaction_ = false;
  if (failed) return {};  // rolled back when the statement failed
  return RunPlain(connection_, "ROLLBACK", system_ + ": rolling back");
}

Result<std::optional<TableShape>> MySqlSession::Describe(std::string_view table) {
  const std::string doing = system_ + ": describing " + std::string(table);
  if (auto ok = CheckName(table, "table", doing); !ok) return std::unexpected(ok.error());
  auto rows = Query(kMysqlDescribeSql, {std::string(table), std::string(table)}, doing);
  if (!rows) return std::unexpected(std::move(rows).error());
  if (rows->empty()) return std::optional<TableShape>();  // a table has at least one column
  TableShape shape;
  for (const SqlRow& row : *rows) {
    shape.columns.push_back({.name = row.at(0).is_string() ? row.at(0).get<std::string>() : "",
                             .not_null = IsTrue(row.at(1)),
                             .indexed = IsTrue(row.at(2))});
  }
  return std::optional<TableShape>(std::move(shape));
}

}  // namespace rightsdesk::connectors
