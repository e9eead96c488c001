#include "connectors/sql_text.h"

#include <set>

#include "core/hex.h"

namespace rightsdesk::connectors {
namespace {

std::string PlaceholderAt(const SqlDialect& dialect, std::size_t index) {
  const char* prefix = dialect.placeholder == SqlDialect::Placeholder::kDollar ? "$" : "?";
  return prefix + std::to_string(index);
}

std::string Placeholders(const SqlDialect& dialect, std::size_t first, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += ", ";
    out += PlaceholderAt(dialect, first + i);
  }
  return out;
}

std::string Apply(std::string_view pattern, const std::string& column) {
  std::string out;
  for (char c : pattern) {
    if (c == '%') {
      out += column;
    } else {
      out += c;
    }
  }
  return out;
}

std::string MatchExpression(const SqlDialect& dialect, std::string_view column, MatchMode mode) {
  const std::string quoted = QuoteIdentifier(column);
  switch (mode) {
    case MatchMode::kExact:
      return quoted;
    case MatchMode::kCaseInsensitive:
      return Apply(dialect.lower, quoted);
    case MatchMode::kDigits:
      return Apply(dialect.digits, quoted);
  }
  return quoted;
}

std::string AsciiLower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

}  // namespace

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string SelectSql(const SqlDialect& dialect, std::string_view table,
                      const std::vector<std::string>& columns, std::string_view where_column,
                      MatchMode mode, std::size_t values) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += QuoteIdentifier(columns[i]);
  }
  sql += " FROM " + QuoteIdentifier(table) + " WHERE " +
         MatchExpression(dialect, where_column, mode) + " IN (" + Placeholders(dialect, 1, values) +
         ")";
  return sql;
}

std::string DeleteSql(const SqlDialect& dialect, std::string_view table,
                      std::string_view key_column, std::size_t keys) {
  return "DELETE FROM " + QuoteIdentifier(table) + " WHERE " + QuoteIdentifier(key_column) +
         " IN (" + Placeholders(dialect, 1, keys) + ")";
}

std::string UpdateSql(const SqlDialect& dialect, std::string_view table,
                      std::string_view key_column, const std::vector<std::string>& columns) {
  std::string sql = "UPDATE " + QuoteIdentifier(table) + " SET ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += QuoteIdentifier(columns[i]) + " = " + PlaceholderAt(dialect, i + 1);
  }
  sql +=
      " WHERE " + QuoteIdentifier(key_column) + " = " + PlaceholderAt(dialect, columns.size() + 1);
  return sql;
}

std::string DigitsOf(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

FieldValue MatchValue(const FieldValue& value, MatchMode mode) {
  if (!value.is_string()) {
    if (mode == MatchMode::kDigits && !value.is_null()) return DigitsOf(value.dump());
    return value;
  }
  const auto& text = value.get_ref<const std::string&>();
  switch (mode) {
    case MatchMode::kExact:
      return value;
    case MatchMode::kCaseInsensitive:
      return AsciiLower(text);
    case MatchMode::kDigits:
      return DigitsOf(text);
  }
  return value;
}

std::string OneLine(std::string_view text) {
  std::string line;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (!space) {
      line += c;
    } else if (!line.empty() && line.back() != ' ') {
      line += ' ';
    }
  }
  if (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

std::string WithoutSecret(std::string message, std::string_view secret) {
  constexpr std::string_view kHidden = "[password]";
  for (std::size_t at = 0;
       !secret.empty() && (at = message.find(secret, at)) != std::string::npos;) {
    message.replace(at, secret.size(), kHidden);
    at += kHidden.size();
  }
  return message;
}

FieldValue ToHexValue(std::span<const std::uint8_t> bytes) { return ToHex(bytes); }

std::vector<std::vector<FieldValue>> MatchBatches(const std::vector<FieldValue>& values,
                                                  MatchMode mode, std::size_t size) {
  std::vector<std::vector<FieldValue>> batches;
  std::set<std::string> seen;
  for (const auto& value : values) {
    FieldValue matched = MatchValue(value, mode);
    if (matched.is_null()) continue;
    if (mode == MatchMode::kDigits && matched.get_ref<const std::string&>().empty()) continue;
    if (!seen.insert(matched.dump()).second) continue;
    if (batches.empty() || batches.back().size() >= size) batches.emplace_back();
    batches.back().push_back(std::move(matched));
  }
  return batches;
}

}  // namespace rightsdesk::connectors
