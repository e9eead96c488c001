#include "core/correction_plan.h"

#include <algorithm>

#include "core/hex.h"

namespace rightsdesk {
namespace {

using nlohmann::json;

bool IsLinkColumn(const SystemMap& system, const TableMap& table, std::string_view column) {
  if (table.link && table.link->column == column) return true;
  return std::ranges::any_of(system.tables, [&](const TableMap& child) {
    return child.link && child.link->parent_table == table.name &&
           child.link->parent_column == column;
  });
}

Result<const TableMap*> CorrectableTable(const DataMap& map, const FieldCorrection& correction) {
  const std::string where = correction.Where();
  const SystemMap* system = map.System(correction.system);
  if (system == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, where + ": no such system in the data map");
  }
  if (system->connector.kind == ConnectorSettings::Kind::kManual) {
    return Fail(ErrorCode::kInvalidArgument,
                where + ": a manual system is corrected by its owner (its task)");
  }
  const TableMap* table = system->Table(correction.table);
  if (table == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, where + ": no such table in the data map");
  }
  if (table->Field(correction.column) == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, where + ": not a mapped field");
  }
  if (correction.column == table->key || IsLinkColumn(*system, *table, correction.column)) {
    return Fail(ErrorCode::kInvalidArgument,
                where + ": a key or link column is not personal information to correct");
  }
  return table;
}

const SystemFindings* FindingsOf(const std::vector<SystemFindings>& found,
                                 std::string_view system) {
  auto it = std::ranges::find(found, system, &SystemFindings::system);
  return it == found.end() ? nullptr : &*it;
}

// Adds one change to its system's update plan (one RowUpdate per row, all of its columns).
void AddUpdate(std::vector<SystemErasurePlan>& updates, const TableMap& table,
               const CorrectedValue& change) {
  auto system = std::ranges::find(updates, change.system, &SystemErasurePlan::system);
  if (system == updates.end()) {
    updates.push_back({.system = change.system});
    system = std::prev(updates.end());
  }
  auto plan = std::ranges::find(system->tables, change.table, &TableErasurePlan::table);
  if (plan == system->tables.end()) {
    system->tables.push_back(
        {.table = change.table, .key_column = table.key, .erasure = RowErasure::kUpdate});
    plan = std::prev(system->tables.end());
  }
  auto row = std::ranges::find(plan->updates, change.key, &RowUpdate::key);
  if (row == plan->updates.end()) {
    plan->updates.push_back({.key = change.key});
    row = std::prev(plan->updates.end());
  }
  row->set.emplace_back(change.column, change.after);
}

// The new value typed like the one it replaces, so that a number stays a number (and the re-read
// compares equal); text otherwise.
FieldValue TypedLike(const FieldValue& before, const std::string& text) {
  if (before.is_number()) {
    json number = json::parse(text, nullptr, false);
    if (number.is_number()) return number;
  }
  return text;
}

Result<void> PlanOne(const DataMap& map, const std::vector<SystemFindings>& found,
                     const FieldCorrection& correction, CorrectionPlan& plan) {
  auto table = CorrectableTable(map, correction);
  if (!table) return std::unexpected(table.error());
  const SystemFindings* findings = FindingsOf(found, correction.system);
  const FoundTable* rows = findings == nullptr ? nullptr : findings->Table(correction.table);
  if (rows == nullptr || rows->rows.empty()) {
    return Fail(ErrorCode::kFailedPrecondition,
                correction.Where() + ": the search found none of the consumer's rows there");
  }
  const std::size_t index = (*table)->FieldIndex(correction.column);
  std::size_t before_count = plan.changes.size();
  for (const FoundRow& row : rows->rows) {
    const FieldValue after = TypedLike(row.values.at(index), correction.value);
    if (row.values.at(index) == after) continue;
    CorrectedValue change{.system = correction.system,
                          .table = correction.table,
                          .column = correction.column,
                          .key = row.key,
                          .before = row.values.at(index),
                          .after = after};
    AddUpdate(plan.updates, **table, change);
    plan.changes.push_back(std::move(change));
  }
  if (plan.changes.size() == before_count) {
    return Fail(ErrorCode::kFailedPrecondition,
                correction.Where() + ": every row of the consumer already holds that value");
  }
  return {};
}

}  // namespace

Result<FieldCorrection> ParseFieldCorrection(std::string_view text) {
  auto equals = text.find('=');
  std::string_view where = text.substr(0, equals);
  auto first = where.find('.');
  auto last = where.rfind('.');
  if (equals == std::string_view::npos || first == std::string_view::npos || first == last ||
      first == 0 || last + 1 == where.size() || last == first + 1) {
    return Fail(ErrorCode::kInvalidArgument, "a correction is system.table.column=value, not '" +
                                                 std::string(where.substr(0, 80)) + "'");
  }
  return FieldCorrection{.system = std::string(where.substr(0, first)),
                         .table = std::string(where.substr(first + 1, last - first - 1)),
                         .column = std::string(where.substr(last + 1)),
                         .value = std::string(text.substr(equals + 1))};
}

Result<CorrectionPlan> PlanCorrection(const DataMap& map, const std::vector<SystemFindings>& found,
                                      const std::vector<FieldCorrection>& corrections) {
  if (corrections.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "no correction given (system.table.column=value)");
  }
  CorrectionPlan plan;
  for (const FieldCorrection& correction : corrections) {
    if (auto planned = PlanOne(map, found, correction, plan); !planned) {
      return std::unexpected(planned.error());
    }
  }
  plan.digest = Sha256Hex(plan.Record().dump()).substr(0, 16);
  return plan;
}

json CorrectionPlan::Summary() const {
  json fields = json::object();
  for (const auto& change : changes) {
    std::string where = change.system + "." + change.table + "." + change.column;
    fields[where] = fields.value(where, 0) + 1;
  }
  return {{"fields", fields}, {"rows", changes.size()}, {"digest", digest}};
}

json CorrectionPlan::Record() const {
  json out = json::array();
  for (const auto& change : changes) {
    out.push_back({{"system", change.system},
                   {"table", change.table},
                   {"column", change.column},
                   {"key", change.key},
                   {"before", change.before},
                   {"after", change.after}});
  }
  return out;
}

std::vector<std::string> UnappliedChanges(const DataMap& map, const CorrectionPlan& plan,
                                          const std::vector<SystemFindings>& reread) {
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    const CorrectedValue& change = plan.changes[i];
    const SystemMap* system = map.System(change.system);
    const TableMap* table = system == nullptr ? nullptr : system->Table(change.table);
    const SystemFindings* findings = FindingsOf(reread, change.system);
    const FoundTable* rows = findings == nullptr ? nullptr : findings->Table(change.table);
    const FoundRow* row = nullptr;
    if (rows != nullptr) {
      auto it = std::ranges::find(rows->rows, change.key, &FoundRow::key);
      if (it != rows->rows.end()) row = &*it;
    }
    if (table == nullptr || row == nullptr ||
        row->values.at(table->FieldIndex(change.column)) != change.after) {
      problems.push_back(change.system + "." + change.table + "." + change.column + " (change " +
                         std::to_string(i + 1) + ")");
    }
  }
  return problems;
}

}  // namespace rightsdesk
