#include "core/datamap.h"

#include <set>
#include <string>

namespace rightsdesk {
namespace {

template <typename T>
const T* FindByName(const std::vector<T>& items, std::string_view name) {
  for (const auto& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

Result<void> Problem(std::string_view where, std::string_view what) {
  return Fail(ErrorCode::kInvalidArgument,
              "data map: " + std::string(where) + ": " + std::string(what));
}

bool IsSystemName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<void> ValidateFields(const TableMap& table, const std::string& where) {
  std::set<std::string> seen;
  for (const auto& field : table.fields) {
    if (field.column.empty()) return Problem(where, "a field has no column");
    if (!seen.insert(field.column).second) {
      return Problem(where + "." + field.column, "mapped twice");
    }
    // Keys and links relate rows; once the identifying fields are erased they identify no one,
    // and erasing them would break the relations the rest of the plan relies on.
    const bool relational =
        field.column == table.key || (table.link && field.column == table.link->column);
    if (relational && field.erasure != FieldErasure::kKeep &&
        table.erasure == RowErasure::kUpdate) {
      return Problem(where + "." + field.column, "a key or link column cannot be erased (keep it)");
    }
    const bool kept = field.erasure == FieldErasure::kKeep && table.erasure == RowErasure::kUpdate;
    if (kept && !relational && !field.exception && !table.exception) {
      return Problem(where + "." + field.column,
                     "kept on deletion without an exception (give its legal basis, or erase it)");
    }
  }
  if (table.key.empty()) return Problem(where, "no key column");
  if (!table.Field(table.key)) return Problem(where, "key column " + table.key + " is not a field");
  for (const auto& identity : table.identity) {
    if (!table.Field(identity.column)) {
      return Problem(where, "identity column " + identity.column + " is not a field");
    }
  }
  return {};
}

Result<void> ValidateTable(const SystemMap& system, const TableMap& table) {
  const std::string where = system.name + "." + table.name;
  if (table.name.empty()) return Problem(system.name, "a table has no name");
  if (auto fields = ValidateFields(table, where); !fields) return fields;
  if (table.identity.empty() == !table.link.has_value()) {
    return Problem(where,
                   "needs exactly one of: identity columns to search, or a link to a parent");
  }
  if (table.erasure == RowErasure::kKeep && !table.exception) {
    return Problem(where, "rows kept on deletion without an exception (give its legal basis)");
  }
  if (!table.link) return {};
  const TableMap* parent = system.Table(table.link->parent_table);
  if (!parent) return Problem(where, "links to unknown table " + table.link->parent_table);
  if (!table.Field(table.link->column)) {
    return Problem(where, "link column " + table.link->column + " is not a field");
  }
  if (!parent->Field(table.link->parent_column)) {
    return Problem(
        where, "parent column " + table.link->parent_column + " is not a field of " + parent->name);
  }
  if (parent->erasure == RowErasure::kUpdate &&
      parent->Field(table.link->parent_column)->erasure != FieldErasure::kKeep) {
    return Problem(where, "links through " + parent->name + "." + table.link->parent_column +
                              ", which deletion erases: keep it so the link still holds");
  }
  if (parent->erasure == RowErasure::kDeleteRow && table.erasure != RowErasure::kDeleteRow) {
    return Problem(where, "its parent's rows are deleted but its own rows stay: their link to " +
                              parent->name +
                              " would dangle (delete them too, or anonymise the "
                              "parent instead)");
  }
  return {};
}

// Every linked table must lead back to an identity table without passing a table twice.
Result<void> ValidateLinks(const SystemMap& system) {
  for (const auto& table : system.tables) {
    std::set<std::string> path{table.name};
    const TableMap* at = &table;
    while (at->link) {
      at = system.Table(at->link->parent_table);
      if (!path.insert(at->name).second) {
        return Problem(system.name + "." + table.name, "its links form a cycle");
      }
    }
  }
  return {};
}

Result<void> ValidateConnector(const SystemMap& system) {
  const auto& connector = system.connector;
  switch (connector.kind) {
    case ConnectorSettings::Kind::kSqlite:
      if (connector.path.empty()) return Problem(system.name, "sqlite connector needs a path");
      break;
    case ConnectorSettings::Kind::kFiles:
      if (connector.path.empty())
        return Problem(system.name, "files connector needs a path (glob)");
      if (connector.format != "csv" && connector.format != "jsonl") {
        return Problem(system.name, "files connector needs format = \"csv\" or \"jsonl\"");
      }
      if (system.tables.size() != 1) {
        return Problem(system.name, "a files system maps exactly one table (one kind of record)");
      }
      break;
    case ConnectorSettings::Kind::kPostgres:
      if (connector.conninfo.empty()) {
        return Problem(system.name, "postgres connector needs a conninfo");
      }
      break;
    case ConnectorSettings::Kind::kMySql:
      // The URL's details are checked when connecting (connectors/mysql_url.h); here only that
      // it is one, so that a libpq string given by mistake is caught at load time.
      if (!connector.conninfo.starts_with("mysql://") &&
          !connector.conninfo.starts_with("mariadb://")) {
        return Problem(system.name,
                       "mysql connector needs conninfo = \"mysql://user@host:port/database\"");
      }
      break;
    case ConnectorSettings::Kind::kHttp:
      break;  // ValidateHttpSystem
    case ConnectorSettings::Kind::kManual:
      if (system.owner.empty()) {
        return Problem(system.name, "a manual system needs an owner to receive its tasks");
      }
      break;
  }
  if (connector.kind != ConnectorSettings::Kind::kManual && system.tables.empty()) {
    return Problem(system.name, "no tables mapped");
  }
  return {};
}

Result<void> ValidateSystem(const DataMap& map, const SystemMap& system) {
  if (!IsSystemName(system.name)) {
    return Problem("system \"" + system.name + "\"", "names use a-z, 0-9, _ and - (1-64)");
  }
  if (auto connector = ValidateConnector(system); !connector) return connector;
  if (auto http = ValidateHttpSystem(system); !http) return http;
  std::set<std::string> tables;
  for (const auto& table : system.tables) {
    if (!tables.insert(table.name).second) {
      return Problem(system.name + "." + table.name, "mapped twice");
    }
  }
  for (const auto& table : system.tables) {
    if (auto checked = ValidateTable(system, table); !checked) return checked;
  }
  for (const auto& recipient : system.recipients) {
    if (!map.FindRecipient(recipient)) {
      return Problem(system.name, "unknown recipient " + recipient);
    }
  }
  return ValidateLinks(system);
}

}  // namespace

const FieldMap* TableMap::Field(std::string_view column) const {
  for (const auto& field : fields) {
    if (field.column == column) return &field;
  }
  return nullptr;
}

std::vector<std::string> TableMap::Columns() const {
  std::vector<std::string> columns;
  for (const auto& field : fields) columns.push_back(field.column);
  return columns;
}

std::size_t TableMap::FieldIndex(std::string_view column) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].column == column) return i;
  }
  return 0;
}

const TableMap* SystemMap::Table(std::string_view table) const { return FindByName(tables, table); }
const SystemMap* DataMap::System(std::string_view name) const { return FindByName(systems, name); }
const Recipient* DataMap::FindRecipient(std::string_view name) const {
  return FindByName(recipients, name);
}

Result<void> ValidateDataMap(const DataMap& map) {
  std::set<std::string> names;
  for (const auto& recipient : map.recipients) {
    if (recipient.name.empty()) return Problem("recipients", "a recipient has no name");
    if (!names.insert(recipient.name).second) return Problem(recipient.name, "listed twice");
  }
  names.clear();
  for (const auto& system : map.systems) {
    if (!names.insert(system.name).second) return Problem(system.name, "listed twice");
    if (auto checked = ValidateSystem(map, system); !checked) return checked;
  }
  return {};
}

std::vector<const TableMap*> ParentsFirst(const SystemMap& system) {
  std::vector<const TableMap*> order;
  std::set<std::string> placed;
  // Each pass places the tables whose parent is placed; a valid map needs at most one pass per
  // level of links. The pass limit guards against an unvalidated cyclic map.
  for (std::size_t pass = 0; pass <= system.tables.size() && order.size() < system.tables.size();
       ++pass) {
    for (const auto& table : system.tables) {
      if (placed.contains(table.name)) continue;
      if (!table.link || placed.contains(table.link->parent_table)) {
        order.push_back(&table);
        placed.insert(table.name);
      }
    }
  }
  return order;
}

}  // namespace rightsdesk
