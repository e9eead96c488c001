#include "core/erasure_plan.h"

#include <sodium.h>

#include <map>
#include <set>

#include "core/hex.h"

namespace rightsdesk {
namespace {

// A value's stand-in under the `hash` strategy: "h" and 15 hex digits (60 bits) of a keyed
// BLAKE2b, short enough for most text columns. The letter keeps it text: a databases's numeric
// affinity (SQLite) would turn an all-digit hash into a number, and the proof would miss it.
FieldValue HashedValue(const FieldValue& value, const ErasureHashKey& key) {
  const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  std::array<std::uint8_t, 8> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(text.data()), text.size(), key.data(),
                     key.size());
  return "h" + ToHex(digest).substr(1);
}

std::optional<FieldValue> ErasedValue(const FieldMap& field, const FieldValue& value,
                                      const ErasureHashKey& key) {
  switch (field.erasure) {
    case FieldErasure::kKeep:
      return std::nullopt;
    case FieldErasure::kNull:
      return value.is_null() ? std::nullopt : std::optional<FieldValue>(nullptr);
    case FieldErasure::kRedact:
      return value == kRedactedText ? std::nullopt
                                    : std::optional<FieldValue>(std::string(kRedactedText));
    case FieldErasure::kHash:
      return value.is_null() ? std::nullopt : std::optional(HashedValue(value, key));
  }
  return std::nullopt;
}

std::vector<FieldDecision> FieldDecisions(const TableMap& table) {
  std::vector<FieldDecision> decisions;
  for (const auto& field : table.fields) {
    FieldDecision decision{.column = field.column, .erasure = field.erasure, .exception = {}};
    if (table.erasure == RowErasure::kKeep) decision.erasure = FieldErasure::kKeep;
    // A field's own exception; otherwise the table's (stated once, on the table) applies.
    if (table.erasure != RowErasure::kDeleteRow && decision.erasure == FieldErasure::kKeep) {
      decision.exception = field.exception;
    }
    decisions.push_back(std::move(decision));
  }
  return decisions;
}

void PlanRows(const TableMap& table, const FoundTable& found, const ErasureHashKey& key,
              TableErasurePlan& plan) {
  for (const auto& row : found.rows) {
    if (table.erasure == RowErasure::kDeleteRow) {
      plan.delete_keys.push_back(row.key);
      continue;
    }
    RowUpdate update{.key = row.key, .set = {}};
    if (table.erasure == RowErasure::kUpdate) {
      for (std::size_t i = 0; i < table.fields.size() && i < row.values.size(); ++i) {
        if (auto erased = ErasedValue(table.fields[i], row.values[i], key)) {
          update.set.emplace_back(table.fields[i].column, std::move(*erased));
        }
      }
    }
    if (update.set.empty()) {
      plan.kept_keys.push_back(row.key);
    } else {
      plan.updates.push_back(std::move(update));
    }
  }
}

nlohmann::json ExceptionJson(const std::optional<RetentionException>& exception) {
  if (!exception) return nullptr;
  return {{"basis", Name(exception->basis)},
          {"citation", Citation(exception->basis)},
          {"explanation", exception->explanation}};
}

std::map<std::string, const FoundRow*> RowsByKey(const FoundTable* table) {
  std::map<std::string, const FoundRow*> rows;
  if (table) {
    for (const auto& row : table->rows) rows[row.key.dump()] = &row;
  }
  return rows;
}

TableProof ProveTable(const TableMap& table, const TableErasurePlan& plan,
                      const FoundTable* reread) {
  TableProof proof{.table = plan.table};
  const auto now = RowsByKey(reread);
  for (std::size_t i = 0; i < plan.delete_keys.size(); ++i) {
    if (now.contains(plan.delete_keys[i].dump())) {
      proof.problems.push_back("row " + std::to_string(i + 1) + " of the deletions is still there");
    } else {
      ++proof.rows_deleted;
    }
  }
  for (std::size_t i = 0; i < plan.updates.size(); ++i) {
    const auto& update = plan.updates[i];
    const auto it = now.find(update.key.dump());
    bool holds = it != now.end();
    for (std::size_t c = 0; holds && c < update.set.size(); ++c) {
      const auto& [column, value] = update.set[c];
      for (std::size_t f = 0; f < table.fields.size(); ++f) {
        if (table.fields[f].column == column) holds = it->second->values.at(f) == value;
      }
    }
    if (holds) {
      ++proof.rows_updated;
    } else {
      proof.problems.push_back("row " + std::to_string(i + 1) +
                               " of the updates does not hold its erased values");
    }
  }
  for (std::size_t i = 0; i < plan.kept_keys.size(); ++i) {
    if (now.contains(plan.kept_keys[i].dump())) {
      ++proof.rows_kept;
    } else {
      proof.problems.push_back("row " + std::to_string(i + 1) + " of the kept rows is missing");
    }
  }
  return proof;
}

// Rows a fresh search found that the plan neither keeps under an exception nor left unchanged.
std::int64_t FoundAgain(const SystemErasurePlan& plan, const SystemFindings& found_again) {
  std::int64_t count = 0;
  for (const auto& table : found_again.tables) {
    std::set<std::string> kept;
    for (const auto& planned : plan.tables) {
      if (planned.table != table.table || !planned.exception) continue;
      for (const auto& key : planned.kept_keys) kept.insert(key.dump());
    }
    for (const auto& row : table.rows) {
      if (!kept.contains(row.key.dump())) ++count;
    }
  }
  return count;
}

}  // namespace

std::size_t SystemErasurePlan::RowCount() const {
  std::size_t count = 0;
  for (const auto& table : tables) {
    count += table.delete_keys.size() + table.updates.size() + table.kept_keys.size();
  }
  return count;
}

SystemErasurePlan PlanErasure(const SystemMap& system, const SystemFindings& findings,
                              const ErasureHashKey& key) {
  SystemErasurePlan plan{.system = system.name, .tables = {}};
  auto order = ParentsFirst(system);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const TableMap& table = **it;
    const FoundTable* found = findings.Table(table.name);
    if (!found || found->rows.empty()) continue;
    TableErasurePlan planned{.table = table.name,
                             .key_column = table.key,
                             .erasure = table.erasure,
                             .exception = table.exception,
                             .delete_keys = {},
                             .updates = {},
                             .kept_keys = {},
                             .fields = FieldDecisions(table)};
    PlanRows(table, *found, key, planned);
    plan.tables.push_back(std::move(planned));
  }
  return plan;
}

nlohmann::json ErasurePlanSummary(const SystemErasurePlan& plan) {
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& table : plan.tables) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& field : table.fields) {
      nlohmann::json entry = {
          {"column", field.column},
          {"erasure", table.erasure == RowErasure::kDeleteRow ? std::string_view("delete_row")
                                                              : Name(field.erasure)}};
      if (field.exception) entry["exception"] = ExceptionJson(field.exception);
      fields.push_back(std::move(entry));
    }
    tables.push_back({{"table", table.table},
                      {"erasure", Name(table.erasure)},
                      {"rows_deleted", table.delete_keys.size()},
                      {"rows_updated", table.updates.size()},
                      {"rows_kept", table.kept_keys.size()},
                      {"exception", ExceptionJson(table.exception)},
                      {"fields", std::move(fields)}});
  }
  return {{"system", plan.system}, {"tables", std::move(tables)}};
}

std::string PlansDigest(const std::vector<SystemErasurePlan>& plans) {
  nlohmann::json all = nlohmann::json::array();
  for (const auto& plan : plans) all.push_back(ErasurePlanSummary(plan));
  const std::string text = all.dump();
  std::array<std::uint8_t, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  return ToHex(std::span(digest).first(8));
}

bool SystemProof::verified() const {
  if (rows_found_again != 0) return false;
  for (const auto& table : tables) {
    if (!table.problems.empty()) return false;
  }
  return true;
}

SystemProof ProveErasure(const SystemMap& system, const SystemErasurePlan& plan,
                         const SystemFindings& reread, const SystemFindings& found_again) {
  SystemProof proof{
      .system = plan.system, .rows_found_again = FoundAgain(plan, found_again), .tables = {}};
  for (const auto& planned : plan.tables) {
    const TableMap* table = system.Table(planned.table);
    if (!table) continue;
    proof.tables.push_back(ProveTable(*table, planned, reread.Table(planned.table)));
  }
  return proof;
}

}  // namespace rightsdesk
