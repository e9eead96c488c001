// What a search of the company's systems found about one consumer: per system and table, the
// rows and the values of their mapped fields. Personal data: held in memory while a package or a
// plan is built, sealed when stored, never logged.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace rightsdesk {

// Column values as JSON: null, integer, floating point, boolean or string (dates and times as
// the system's text; binary values as lower-case hex).
using FieldValue = nlohmann::json;

struct FoundRow {
  FieldValue key;                  // the table's key column's value
  std::vector<FieldValue> values;  // one per TableMap::fields, in that order
};

struct FoundTable {
  std::string table;
  std::vector<FoundRow> rows;
};

struct SystemFindings {
  std::string system;
  std::vector<FoundTable> tables;  // the system's tables parents first; empty ones left out
  Instant searched_at;

  std::size_t RowCount() const;
  const FoundTable* Table(const std::string& name) const;
};

// One system's search, which may have failed: a failed system never hides the others' findings,
// and never lets the request count as complete.
struct SystemSearch {
  std::string system;
  std::optional<SystemFindings> findings;
  std::optional<Error> error;  // set when the search failed after its retries
  int attempts = 0;
};

}  // namespace rightsdesk
