// The deletion of one consumer's personal information, planned from the data map and what the
// search found: per system and table, the rows deleted, the fields overwritten (with the value
// each gets) and what is kept, with its legal basis. Staff review it as a dry run before it is
// executed; the proof after execution checks each row against it. Pure, no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/datamap.h"
#include "core/findings.h"

namespace rightsdesk {

inline constexpr std::string_view kRedactedText = "[erased]";

struct RowUpdate {
  FieldValue key;
  std::vector<std::pair<std::string, FieldValue>> set;  // column -> its new value
};

struct FieldDecision {
  std::string column;
  FieldErasure erasure = FieldErasure::kKeep;
  std::optional<RetentionException> exception;  // a kept field's own; else the table's applies
};

struct TableErasurePlan {
  std::string table;
  std::string key_column;
  RowErasure erasure = RowErasure::kUpdate;
  std::optional<RetentionException> exception;  // why kept rows are kept
  std::vector<FieldValue> delete_keys;          // kDeleteRow
  std::vector<RowUpdate> updates;               // kUpdate: only rows with something to change
  std::vector<FieldValue> kept_keys;            // kKeep, or kUpdate rows left unchanged
  std::vector<FieldDecision> fields;            // what happens to each mapped field
};

struct SystemErasurePlan {
  std::string system;
  std::vector<TableErasurePlan> tables;  // children first: the order deletions must run in

  std::size_t RowCount() const;
};

// A secret for the `hash` strategy, used for one plan and then discarded, so hashed values are
// unique per value (constraints hold) but cannot be recomputed from a guess.
using ErasureHashKey = std::array<std::uint8_t, 32>;

// Plans the erasure of what `findings` holds in `system`. Identity columns that are kept are
// allowed only under an exception (the map's validation guarantees it).
SystemErasurePlan PlanErasure(const SystemMap& system, const SystemFindings& findings,
                              const ErasureHashKey& key);

// The plan as staff and the certificate see it: counts, strategies and exceptions, no values.
nlohmann::json ErasurePlanSummary(const SystemErasurePlan& plan);

// A short fingerprint of plans' summaries (hex): staff approve a plan by its digest, and the
// execution, which searches and plans again, goes ahead only if it finds the same plan.
std::string PlansDigest(const std::vector<SystemErasurePlan>& plans);

// What the proof found when the system was searched again after the erasure.
struct TableProof {
  std::string table;
  std::int64_t rows_deleted = 0;      // planned deletions now absent
  std::int64_t rows_updated = 0;      // planned updates now holding their new values
  std::int64_t rows_kept = 0;         // kept under an exception, still present
  std::vector<std::string> problems;  // any row that does not match the plan (no values)
};

struct SystemProof {
  std::string system;
  std::int64_t rows_found_again = 0;  // rows a fresh search by the consumer's identities finds
  std::vector<TableProof> tables;
  bool verified() const;  // nothing found again (but kept rows) and no problems
};

// Compares the rows re-read by key after execution (`reread`: the same tables and keys as the
// findings, rows missing when deleted) and a fresh search by identity (`found_again`) with the
// plan. `found_again` may only contain rows kept under an exception.
SystemProof ProveErasure(const SystemMap& system, const SystemErasurePlan& plan,
                         const SystemFindings& reread, const SystemFindings& found_again);

}  // namespace rightsdesk
