// The correction of a consumer's inaccurate personal information (Civ. Code §1798.106, Regs.
// §7023), planned from staff's decision and what the search found: per system and table, each row
// of the consumer whose field changes, its value before and after. Staff review the plan (with the
// values: it is the consumer's own data, shown to staff only) and approve it by its digest; the
// execution goes ahead only if a fresh search gives the same plan, applies it through the
// connector's update (the same path an erasure's updates take), and re-reads every row. The
// before/after record is sealed with the request; events carry field names and counts only.
// Pure, no I/O.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/datamap.h"
#include "core/erasure_plan.h"
#include "core/error.h"
#include "core/findings.h"

namespace rightsdesk {

// Staff's decision: the field's new value for every row of the consumer in that table.
struct FieldCorrection {
  std::string system;
  std::string table;
  std::string column;
  std::string value;
  std::string Where() const { return system + "." + table + "." + column; }
};

// "system.table.column=value" (the value may hold "=" and dots; the names may not).
// kInvalidArgument otherwise.
Result<FieldCorrection> ParseFieldCorrection(std::string_view text);

struct CorrectedValue {
  std::string system;
  std::string table;
  std::string column;
  FieldValue key;
  FieldValue before;
  FieldValue after;
};

struct CorrectionPlan {
  std::vector<CorrectedValue> changes;
  std::vector<SystemErasurePlan> updates;  // the changes as each system's updates
  std::string digest;                      // what staff approve (covers before and after)
  // For events: the fields and how many rows each changes; no values.
  nlohmann::json Summary() const;
  // For staff and the sealed record: every change with its values.
  nlohmann::json Record() const;
};

// kInvalidArgument for a field the data map does not map (or a key, link or identity-less table's
// key column, which a correction must not change), or a manual system; kFailedPrecondition when
// the search found none of the consumer's rows in that table, or they already hold the value.
// `found` holds the searched systems' findings.
Result<CorrectionPlan> PlanCorrection(const DataMap& map, const std::vector<SystemFindings>& found,
                                      const std::vector<FieldCorrection>& corrections);

// The changes of `plan` that, re-read after execution, do not hold their new value (no values
// nor keys in the messages: "chinook.Customer.Address (change 2)").
std::vector<std::string> UnappliedChanges(const DataMap& map, const CorrectionPlan& plan,
                                          const std::vector<SystemFindings>& reread);

}  // namespace rightsdesk
