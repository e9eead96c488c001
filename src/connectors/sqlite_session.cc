#include "connectors/sqlite_session.h"

#include <filesystem>
#include <set>

#include "connectors/sql_text.h"
#include "store/sqlite/sqlite_db.h"

namespace rightsdesk::connectors {
namespace {

using store::sqlite::Connection;
using store::sqlite::Statement;

const SqlDialect kDialect{};

// rd_digits(x): the digits of x's text, for comparing phone numbers however they are written.
void DigitsFunction(sqlite3_context* context, int, sqlite3_value** argv) {
  const unsigned char* text = sqlite3_value_text(argv[0]);
  if (text == nullptr) {
    sqlite3_result_null(context);
    return;
  }
  std::string digits = DigitsOf(reinterpret_cast<const char*>(text));
  sqlite3_result_text(context, digits.c_str(), static_cast<int>(digits.size()), SQLITE_TRANSIENT);
}

void BindValue(Statement& statement, int index, const FieldValue& value) {
  if (value.is_null()) {
    statement.BindNull(index);
  } else if (value.is_boolean()) {
    statement.Bind(index, std::int64_t{value.get<bool>() ? 1 : 0});
  } else if (value.is_number_integer()) {
    statement.Bind(index, value.get<std::int64_t>());
  } else if (value.is_number()) {
    statement.BindDouble(index, value.get<double>());
  } else if (value.is_string()) {
    statement.Bind(index, std::string_view(value.get_ref<const std::string&>()));
  } else {
    statement.Bind(index, std::string_view(value.dump()));
  }
}

FieldValue ColumnValue(const Statement& statement, int column) {
  switch (statement.Type(column)) {
    case SQLITE_INTEGER:
      return statement.Int(column);
    case SQLITE_FLOAT:
      return statement.Double(column);
    case SQLITE_TEXT:
      return statement.Text(column);
    case SQLITE_BLOB:
      return ToHexValue(statement.Blob(column));
    default:
      return nullptr;
  }
}

class SqliteSession final : public SqlSession {
 public:
  SqliteSession(std::string system, Connection connection)
      : system_(std::move(system)), db_(std::move(connection)) {}

  Result<std::vector<SqlRow>> Select(std::string_view table,
                                     const std::vector<std::string>& columns,
                                     std::string_view where_column, MatchMode mode,
                                     const std::vector<FieldValue>& values) override {
    std::vector<SqlRow> rows;
    const std::string what = "reading " + system_ + "." + std::string(table);
    for (const auto& batch : MatchBatches(values, mode, kBatchSize)) {
      const std::string sql = SelectSql(kDialect, table, columns, where_column, mode, batch.size());
      auto statement = db_.Prepare(sql);
      if (!statement) return std::unexpected(std::move(statement.error()).WithContext(what));
      for (std::size_t i = 0; i < batch.size(); ++i) {
        BindValue(*statement, static_cast<int>(i + 1), batch[i]);
      }
      while (true) {
        auto stepped = statement->Step();
        if (!stepped) return std::unexpected(std::move(stepped.error()).WithContext(what));
        if (!*stepped) break;
        SqlRow row;
        for (std::size_t c = 0; c < columns.size(); ++c) {
          row.push_back(ColumnValue(*statement, static_cast<int>(c)));
        }
        rows.push_back(std::move(row));
      }
    }
    return rows;
  }

  Result<std::int64_t> Delete(std::string_view table, std::string_view key_column,
                              const std::vector<FieldValue>& keys) override {
    std::int64_t deleted = 0;
    for (const auto& batch : MatchBatches(keys, MatchMode::kExact, kBatchSize)) {
      const std::string sql = DeleteSql(kDialect, table, key_column, batch.size());
      auto ran = RunWith(sql, batch, "deleting from " + std::string(table));
      if (!ran) return ran;
      deleted += *ran;
    }
    return deleted;
  }

  Result<std::int64_t> Update(std::string_view table, std::string_view key_column,
                              const FieldValue& key,
                              const std::vector<std::pair<std::string, FieldValue>>& set) override {
    std::vector<FieldValue> values;
    std::vector<std::string> columns;
    for (const auto& [column, value] : set) {
      columns.push_back(column);
      values.push_back(value);
    }
    values.push_back(key);
    const std::string sql = UpdateSql(kDialect, table, key_column, columns);
    return RunWith(sql, values, "updating " + std::string(table));
  }

  Result<void> Begin() override { return db_.Exec("BEGIN IMMEDIATE"); }
  Result<void> Commit() override { return db_.Exec("COMMIT"); }
  Result<void> Rollback() override { return db_.Exec("ROLLBACK"); }

  Result<std::optional<TableShape>> Describe(std::string_view table) override {
    auto columns = db_.Prepare("SELECT name, \"notnull\", pk FROM pragma_table_info(?1)");
    if (!columns) return std::unexpected(columns.error());
    columns->Bind(1, table);
    TableShape shape;
    while (true) {
      auto stepped = columns->Step();
      if (!stepped) return std::unexpected(stepped.error());
      if (!*stepped) break;
      shape.columns.push_back({.name = columns->Text(0),
                               .not_null = columns->Int(1) != 0,
                               .indexed = columns->Int(2) == 1});
    }
    if (shape.columns.empty()) return std::nullopt;
    auto indexed = IndexedColumns(table);
    if (!indexed) return std::unexpected(indexed.error());
    for (auto& column : shape.columns) {
      if (indexed->contains(column.name)) column.indexed = true;
    }
    return shape;
  }

 private:
  static constexpr std::size_t kBatchSize = 500;

  Result<std::int64_t> RunWith(const std::string& sql, const std::vector<FieldValue>& values,
                               const std::string& what) {
    auto statement = db_.Prepare(sql);
    if (!statement) return std::unexpected(std::move(statement.error()).WithContext(what));
    for (std::size_t i = 0; i < values.size(); ++i) {
      BindValue(*statement, static_cast<int>(i + 1), values[i]);
    }
    if (auto ran = statement->Run(); !ran) {
      return std::unexpected(std::move(ran.error()).WithContext(what));
    }
    return db_.Changes();
  }

  // The first column of every index on the table (a search by it does not read the whole table).
  Result<std::set<std::string>> IndexedColumns(std::string_view table) {
    auto indexes = db_.Prepare(
        "SELECT ii.name FROM pragma_index_list(?1) AS il, pragma_index_info(il.name) AS ii "
        "WHERE ii.seqno = 0");
    if (!indexes) return std::unexpected(indexes.error());
    indexes->Bind(1, table);
    std::set<std::string> names;
    while (true) {
      auto stepped = indexes->Step();
      if (!stepped) return std::unexpected(stepped.error());
      if (!*stepped) break;
      names.insert(indexes->Text(0));
    }
    return names;
  }

  std::string system_;
  Connection db_;
};

}  // namespace

Result<std::unique_ptr<SqlSession>> SqliteConnector::Open() {
  const std::string what = "opening " + system_ + " (sqlite)";
  if (!std::filesystem::exists(settings_.path)) {
    return Fail(ErrorCode::kUnavailable, what + ": no database file at " + settings_.path);
  }
  auto connection = Connection::Open(settings_.path, Connection::Mode::kReadWriteExisting);
  if (!connection) return std::unexpected(std::move(connection.error()).WithContext(what));
  sqlite3_busy_timeout(connection->raw(), settings_.timeout_seconds * 1000);
  int rc = sqlite3_create_function_v2(connection->raw(), "rd_digits", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, DigitsFunction,
                                      nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return Fail(ErrorCode::kInternal, what + ": cannot register rd_digits");
  // Prove it is a database now rather than at the first search.
  if (auto probe = connection->Exec("SELECT count(*) FROM sqlite_schema"); !probe) {
    return std::unexpected(std::move(probe.error()).WithContext(what));
  }
  return std::make_unique<SqliteSession>(system_, std::move(*connection));
}

}  // namespace rightsdesk::connectors
