// The SQL text the SQL connectors share: identifiers quoted (a name from the data map can never
// close the quote), values left to placeholders, long value lists cut into batches. Each dialect
// says how it writes a placeholder and the case-folding and digits-only expressions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/sql_session.h"

namespace rightsdesk::connectors {

struct SqlDialect {
  enum class Placeholder { kQuestionNumber, kDollar };  // ?1 (SQLite) or $1 (PostgreSQL)
  Placeholder placeholder = Placeholder::kQuestionNumber;
  std::string lower = "lower(%)";       // % is the quoted column
  std::string digits = "rd_digits(%)";  // the column's digits only
};

// "name" with embedded quotes doubled.
std::string QuoteIdentifier(std::string_view name);

// SELECT "c1", "c2" FROM "t" WHERE <match of "w"> IN (p1, ..., pn)
std::string SelectSql(const SqlDialect& dialect, std::string_view table,
                      const std::vector<std::string>& columns, std::string_view where_column,
                      MatchMode mode, std::size_t values);
// DELETE FROM "t" WHERE "k" IN (p1, ..., pn)
std::string DeleteSql(const SqlDialect& dialect, std::string_view table,
                      std::string_view key_column, std::size_t keys);
// UPDATE "t" SET "c1" = p1, ... WHERE "k" = p(n+1)
std::string UpdateSql(const SqlDialect& dialect, std::string_view table,
                      std::string_view key_column, const std::vector<std::string>& columns);

// The value as the match compares it: lower-cased for kCaseInsensitive, its digits for kDigits.
FieldValue MatchValue(const FieldValue& value, MatchMode mode);
std::string DigitsOf(std::string_view text);
FieldValue ToHexValue(std::span<const std::uint8_t> bytes);

// A database's message as one line: client libraries end theirs in a newline and may indent
// continuation lines; an Error's message is one line.
std::string OneLine(std::string_view text);
// `message` with every occurrence of `secret` (a password) replaced. Client libraries do not
// repeat the password in their messages; this makes sure no message of ours ever does.
std::string WithoutSecret(std::string message, std::string_view secret);

// `values` cut into runs of at most `size`, without values that cannot match (nulls; values
// with no digits under kDigits) and without repeats.
std::vector<std::vector<FieldValue>> MatchBatches(const std::vector<FieldValue>& values,
                                                  MatchMode mode, std::size_t size);

}  // namespace rightsdesk::connectors
