#include "connectors/mysql_statement.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include <charconv>
#include <memory>
#include <span>

#include "connectors/sql_text.h"

namespace rightsdesk::connectors {
namespace {

constexpr unsigned kBinaryCharset = 63;  // the charsetnr of binary strings
// MySQL's "maximum statement execution time exceeded" (max_execution_time); unused in MariaDB.
constexpr unsigned kMySqlQueryTimeout = 3024;

// Client library errors that are a misuse of the library, not a failure of the network.
bool IsClientMisuse(unsigned number) {
  switch (number) {
    case CR_COMMANDS_OUT_OF_SYNC:
    case CR_NO_PREPARE_STMT:
    case CR_PARAMS_NOT_BOUND:
    case CR_INVALID_PARAMETER_NO:
    case CR_INVALID_BUFFER_USE:
    case CR_UNSUPPORTED_PARAM_TYPE:
    case CR_NO_DATA:
    case CR_NO_STMT_METADATA:
    case CR_NOT_IMPLEMENTED:
    case CR_STMT_CLOSED:
    case CR_NEW_STMT_METADATA:
    case CR_ALREADY_CONNECTED:
      return true;
    default:
      return false;
  }
}

ErrorCode CodeFor(unsigned number, std::string_view state) {
  if (number >= CR_MIN_ERROR && number <= CR_MAX_ERROR) {
    return IsClientMisuse(number) ? ErrorCode::kInternal : ErrorCode::kUnavailable;
  }
  switch (number) {
    case ER_CON_COUNT_ERROR:
    case ER_TOO_MANY_USER_CONNECTIONS:
    case ER_USER_LIMIT_REACHED:
    case ER_ACCESS_DENIED_ERROR:
    case ER_SERVER_SHUTDOWN:
    case ER_LOCK_WAIT_TIMEOUT:
    case ER_LOCK_DEADLOCK:
    case ER_QUERY_INTERRUPTED:
    case ER_CONNECTION_KILLED:
    case ER_STATEMENT_TIMEOUT:
    case kMySqlQueryTimeout:
      return ErrorCode::kUnavailable;
    case ER_TRUNCATED_WRONG_VALUE_FOR_FIELD:
    case ER_WRONG_VALUE_FOR_TYPE:
    case WARN_DATA_TRUNCATED:
      return ErrorCode::kInvalidArgument;
    case ER_OPEN_AS_READONLY:
    case ER_OPTION_PREVENTS_STATEMENT:
      return ErrorCode::kFailedPrecondition;
    default:
      break;
  }
  // 08 connection, 40 transaction rolled back, HYT00 timeout; 22 data; 23 constraint,
  // 25 transaction state, 3D no database, 42 unknown name or missing privilege, 45 SIGNAL.
  if (state.starts_with("08") || state.starts_with("40") || state == "HYT00") {
    return ErrorCode::kUnavailable;
  }
  if (state.starts_with("22")) return ErrorCode::kInvalidArgument;
  for (std::string_view group : {"23", "25", "3D", "42", "45"}) {
    if (state.starts_with(group)) return ErrorCode::kFailedPrecondition;
  }
  return ErrorCode::kInternal;
}

// What went wrong, in words that quote no value: the server's text for most errors, a plain
// description for those whose text would quote one.
std::string What(unsigned number, std::string_view state, std::string_view text) {
  if (number == ER_DUP_ENTRY || number == ER_DUP_ENTRY_WITH_KEY_NAME) {
    return "a unique key already holds that value";
  }
  if (state.starts_with("22") || CodeFor(number, state) == ErrorCode::kInvalidArgument) {
    return "a value does not fit the column's type";
  }
  if (number == ER_SIGNAL_EXCEPTION || state.starts_with("45")) {
    return "a trigger or procedure refused the statement";
  }
  std::string line = OneLine(text);
  return line.empty() ? "the server did not say why" : line;
}

struct FreeResult {
  void operator()(MYSQL_RES* result) const { mysql_free_result(result); }
};
using MysqlResultPtr = std::unique_ptr<MYSQL_RES, FreeResult>;

// The character and binary string types (the BLOB types include TEXT; ENUM and SET come as
// strings): binary when their character set is `binary`.
bool IsStringType(enum_field_types type) {
  switch (type) {
    case MYSQL_TYPE_VARCHAR:
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_STRING:
    case MYSQL_TYPE_ENUM:
    case MYSQL_TYPE_SET:
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:
      return true;
    default:
      return false;
  }
}

ColumnKind KindOf(const MYSQL_FIELD& field) {
  switch (field.type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR:
      return ColumnKind::kInteger;
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
      return ColumnKind::kNumber;
    case MYSQL_TYPE_JSON:
      return ColumnKind::kText;
    default:
      return IsStringType(field.type) && field.charsetnr != kBinaryCharset ? ColumnKind::kText
                                                                           : ColumnKind::kOther;
  }
}

// How a result column is fetched and turned into a FieldValue.
enum class CellDecoding { kSigned, kUnsigned, kDouble, kDecimal, kBits, kBytes, kText };

CellDecoding DecodeFor(const MYSQL_FIELD& field) {
  switch (field.type) {
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
      return CellDecoding::kDouble;
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
      return CellDecoding::kDecimal;
    case MYSQL_TYPE_BIT:
      return CellDecoding::kBits;
    case MYSQL_TYPE_GEOMETRY:
      return CellDecoding::kBytes;
    default:
      break;
  }
  if (KindOf(field) == ColumnKind::kInteger) {
    return (field.flags & UNSIGNED_FLAG) != 0 ? CellDecoding::kUnsigned : CellDecoding::kSigned;
  }
  // Dates and times report the binary character set too, but come as text.
  if (IsStringType(field.type) && field.charsetnr == kBinaryCharset) return CellDecoding::kBytes;
  return CellDecoding::kText;
}

// One result column's buffers, bound by address: cells live in a vector sized once.
struct Cell {
  CellDecoding decode = CellDecoding::kText;
  std::int64_t integer = 0;  // also the bits of an unsigned value
  double number = 0;
  std::string bytes = std::string(256, '\0');  // text and binary; longer values are re-fetched
  unsigned long length = 0;
  my_bool is_null = 0;
  my_bool truncated = 0;
};

void BindCell(MYSQL_BIND& bind, Cell& cell) {
  bind = MYSQL_BIND{};
  bind.is_null = &cell.is_null;
  bind.error = &cell.truncated;
  bind.length = &cell.length;
  switch (cell.decode) {
    case CellDecoding::kSigned:
    case CellDecoding::kUnsigned:
      bind.buffer_type = MYSQL_TYPE_LONGLONG;
      bind.buffer = &cell.integer;
      bind.is_unsigned = cell.decode == CellDecoding::kUnsigned;
      return;
    case CellDecoding::kDouble:
      bind.buffer_type = MYSQL_TYPE_DOUBLE;
      bind.buffer = &cell.number;
      return;
    default:
      bind.buffer_type = MYSQL_TYPE_STRING;
      bind.buffer = cell.bytes.data();
      bind.buffer_length = static_cast<unsigned long>(cell.bytes.size());
  }
}

// A DECIMAL's text as a number when a double holds it exactly (15 significant digits at most),
// else the text itself: an amount in an access package must not come out rounded.
FieldValue DecimalValue(std::string_view text) {
  int significant = 0;
  for (char c : text) {
    if ((c >= '1' && c <= '9') || (c == '0' && significant > 0)) ++significant;
  }
  double number = 0;
  const char* end = text.data() + text.size();
  const auto parsed = std::from_chars(text.data(), end, number);
  if (significant <= 15 && parsed.ec == std::errc() && parsed.ptr == end) return number;
  return std::string(text);
}

FieldValue TextValue(CellDecoding decode, std::string_view bytes) {
  switch (decode) {
    case CellDecoding::kDecimal:
      return DecimalValue(bytes);
    case CellDecoding::kBits: {
      std::uint64_t bits = 0;
      for (char byte : bytes) bits = (bits << 8) | static_cast<unsigned char>(byte);
      return bits;
    }
    case CellDecoding::kBytes:
      return ToHexValue(
          std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
    default:
      return std::string(bytes);
  }
}

// Points `bind` at `value` (and `length`, for text); both must outlive the execution.
void BindParam(MYSQL_BIND& bind, MySqlParam& value, unsigned long& length) {
  if (auto* integer = std::get_if<std::int64_t>(&value)) {
    bind.buffer_type = MYSQL_TYPE_LONGLONG;
    bind.buffer = integer;
  } else if (auto* natural = std::get_if<std::uint64_t>(&value)) {
    bind.buffer_type = MYSQL_TYPE_LONGLONG;
    bind.buffer = natural;
    bind.is_unsigned = 1;
  } else if (auto* number = std::get_if<double>(&value)) {
    bind.buffer_type = MYSQL_TYPE_DOUBLE;
    bind.buffer = number;
  } else if (auto* text = std::get_if<std::string>(&value)) {
    length = static_cast<unsigned long>(text->size());
    bind.buffer_type = MYSQL_TYPE_STRING;
    bind.buffer = text->data();
    bind.buffer_length = length;
    bind.length = &length;
  } else {
    bind.buffer_type = MYSQL_TYPE_NULL;
  }
}

// A text-like column's whole value when it did not fit its buffer.
Result<std::string> FetchLong(MYSQL_STMT* statement, unsigned column, unsigned long length) {
  std::string whole(length, '\0');
  unsigned long fetched = 0;
  MYSQL_BIND bind{};
  bind.buffer_type = MYSQL_TYPE_STRING;
  bind.buffer = whole.data();
  bind.buffer_length = length;
  bind.length = &fetched;
  if (mysql_stmt_fetch_column(statement, &bind, column, 0) != 0) {
    return Fail(ErrorCode::kInternal, "fetching a long value failed");
  }
  whole.resize(std::min(fetched, length));
  return whole;
}

// The value of one column of the row just fetched.
Result<FieldValue> CellValue(MYSQL_STMT* statement, unsigned column, const Cell& cell) {
  if (cell.is_null) return nullptr;
  switch (cell.decode) {
    case CellDecoding::kSigned:
      return cell.integer;
    case CellDecoding::kUnsigned:
      return static_cast<std::uint64_t>(cell.integer);
    case CellDecoding::kDouble:
      return cell.number;
    default:
      break;
  }
  if (cell.length <= cell.bytes.size()) {
    return TextValue(cell.decode, std::string_view(cell.bytes.data(), cell.length));
  }
  Result<std::string> whole = FetchLong(statement, column, cell.length);
  if (!whole) return std::unexpected(std::move(whole).error());
  return TextValue(cell.decode, *whole);
}

}  // namespace

Error MySqlError(unsigned number, std::string_view sqlstate, std::string_view text,
                 std::string_view context) {
  std::string message = std::string(context) + ": " + What(number, sqlstate, text) +
                        " (MySQL error " + std::to_string(number);
  if (!sqlstate.empty() && sqlstate != "00000") message += ", SQLSTATE " + std::string(sqlstate);
  return Error(CodeFor(number, sqlstate), message + ")");
}

Error ConnectionError(MYSQL* connection, std::string_view context) {
  return MySqlError(mysql_errno(connection), mysql_sqlstate(connection), mysql_error(connection),
                    context);
}

Result<void> RunPlain(MYSQL* connection, std::string_view sql, std::string_view context) {
  if (mysql_real_query(connection, sql.data(), static_cast<unsigned long>(sql.size())) != 0) {
    return std::unexpected(ConnectionError(connection, context));
  }
  // A statement that returns rows by mistake must not leave them unread on the connection.
  MysqlResultPtr rows(mysql_store_result(connection));
  return {};
}

Result<MySqlStatement> MySqlStatement::Prepare(MYSQL* connection, std::string_view sql,
                                               std::string context) {
  MYSQL_STMT* raw = mysql_stmt_init(connection);
  if (raw == nullptr) return std::unexpected(ConnectionError(connection, context));
  MySqlStatement statement(raw, std::move(context));
  if (mysql_stmt_prepare(raw, sql.data(), static_cast<unsigned long>(sql.size())) != 0) {
    return std::unexpected(statement.StatementError());
  }
  return statement;
}

MySqlStatement::MySqlStatement(MySqlStatement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)), context_(std::move(other.context_)) {}

MySqlStatement& MySqlStatement::operator=(MySqlStatement&& other) noexcept {
  if (this != &other) {
    if (statement_ != nullptr) mysql_stmt_close(statement_);
    statement_ = std::exchange(other.statement_, nullptr);
    context_ = std::move(other.context_);
  }
  return *this;
}

MySqlStatement::~MySqlStatement() {
  if (statement_ != nullptr) mysql_stmt_close(statement_);
}

Error MySqlStatement::StatementError() const {
  return MySqlError(mysql_stmt_errno(statement_), mysql_stmt_sqlstate(statement_),
                    mysql_stmt_error(statement_), context_);
}

Result<ColumnKind> MySqlStatement::KindOfColumn(unsigned index) const {
  MysqlResultPtr metadata(mysql_stmt_result_metadata(statement_));
  if (!metadata || index >= mysql_num_fields(metadata.get())) {
    return Fail(ErrorCode::kInternal,
                context_ + ": the statement has no result column " + std::to_string(index));
  }
  return KindOf(mysql_fetch_fields(metadata.get())[index]);
}

Result<void> MySqlStatement::Execute(const std::vector<MySqlParam>& params) {
  if (mysql_stmt_param_count(statement_) != params.size()) {
    return Fail(ErrorCode::kInternal, context_ + ": the statement's placeholders and its " +
                                          std::to_string(params.size()) + " values differ");
  }
  std::vector<MySqlParam> values = params;  // the library wants writable buffers
  std::vector<MYSQL_BIND> binds(values.size());
  std::vector<unsigned long> lengths(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) BindParam(binds[i], values[i], lengths[i]);
  if (!binds.empty() && mysql_stmt_bind_param(statement_, binds.data()) != 0) {
    return std::unexpected(StatementError());
  }
  if (mysql_stmt_execute(statement_) != 0) return std::unexpected(StatementError());
  return {};
}

Result<std::vector<SqlRow>> MySqlStatement::FetchAll() {
  MysqlResultPtr metadata(mysql_stmt_result_metadata(statement_));
  if (!metadata) return std::vector<SqlRow>();  // the statement returns no rows
  const unsigned count = mysql_num_fields(metadata.get());
  const MYSQL_FIELD* fields = mysql_fetch_fields(metadata.get());
  std::vector<Cell> cells(count);
  std::vector<MYSQL_BIND> binds(count);
  for (unsigned c = 0; c < count; ++c) {
    cells[c].decode = DecodeFor(fields[c]);
    BindCell(binds[c], cells[c]);
  }
  if (mysql_stmt_bind_result(statement_, binds.data()) != 0 ||
      mysql_stmt_store_result(statement_) != 0) {
    return std::unexpected(StatementError());
  }
  std::vector<SqlRow> rows;
  for (int fetched; (fetched = mysql_stmt_fetch(statement_)) != MYSQL_NO_DATA;) {
    if (fetched != 0 && fetched != MYSQL_DATA_TRUNCATED) return std::unexpected(StatementError());
    SqlRow& row = rows.emplace_back();
    for (unsigned c = 0; c < count; ++c) {
      Result<FieldValue> value = CellValue(statement_, c, cells[c]);
      if (!value) return std::unexpected(std::move(value).error().WithContext(context_));
      row.push_back(std::move(*value));
    }
  }
  mysql_stmt_free_result(statement_);
  return rows;
}

std::int64_t MySqlStatement::AffectedRows() const {
  return static_cast<std::int64_t>(mysql_stmt_affected_rows(statement_));
}

}  // namespace rightsdesk::connectors
