#include "connectors/sql_data_source.h"

#include <map>
#include <set>

namespace rightsdesk::connectors {
namespace {

// Rows of one table gathered from several searches, each once, in the order first found.
class SqlRowSet {
 public:
  explicit SqlRowSet(const TableMap& table) : table_(table), key_(table.FieldIndex(table.key)) {}
  void Add(std::vector<SqlRow> rows) {
    for (auto& values : rows) {
      FieldValue key = values.at(key_);
      if (!seen_.insert(key.dump()).second) continue;
      found_.rows.push_back({.key = std::move(key), .values = std::move(values)});
    }
  }
  FoundTable Take() && {
    found_.table = table_.name;
    return std::move(found_);
  }

 private:
  const TableMap& table_;
  std::size_t key_;
  std::set<std::string> seen_;
  FoundTable found_;
};

struct IdentitySearch {
  IdentityKind kind;
  MatchMode mode;
  const std::string& value;
};

std::vector<IdentitySearch> IdentitySearches(const SubjectIdentifiers& consumer) {
  std::vector<IdentitySearch> searches;
  if (!consumer.email.empty()) {
    searches.push_back({IdentityKind::kEmail, MatchMode::kCaseInsensitive, consumer.email});
  }
  if (!consumer.phone.empty()) {
    searches.push_back({IdentityKind::kPhone, MatchMode::kDigits, consumer.phone});
  }
  if (!consumer.account_id.empty()) {
    searches.push_back({IdentityKind::kAccountId, MatchMode::kExact, consumer.account_id});
  }
  return searches;
}

Result<FoundTable> SearchByIdentity(SqlSession& session, const TableMap& table,
                                    const SubjectIdentifiers& consumer) {
  SqlRowSet rows(table);
  const auto columns = table.Columns();
  for (const auto& search : IdentitySearches(consumer)) {
    for (const auto& identity : table.identity) {
      if (identity.kind != search.kind) continue;
      auto found = session.Select(table.name, columns, identity.column, search.mode,
                                  {FieldValue(search.value)});
      if (!found) return std::unexpected(found.error());
      rows.Add(std::move(*found));
    }
  }
  return std::move(rows).Take();
}

Result<FoundTable> FollowLink(SqlSession& session, const TableMap& table, const SystemMap& system,
                              const SystemFindings& so_far) {
  SqlRowSet rows(table);
  const FoundTable* parent_rows = so_far.Table(table.link->parent_table);
  const TableMap* parent = system.Table(table.link->parent_table);
  if (parent_rows && parent) {
    const std::size_t at = parent->FieldIndex(table.link->parent_column);
    std::vector<FieldValue> values;
    for (const auto& row : parent_rows->rows) values.push_back(row.values.at(at));
    auto found =
        session.Select(table.name, table.Columns(), table.link->column, MatchMode::kExact, values);
    if (!found) return std::unexpected(found.error());
    rows.Add(std::move(*found));
  }
  return std::move(rows).Take();
}

CheckFinding SqlCheckFinding(CheckFinding::Severity severity, std::string where,
                             std::string message) {
  return {.severity = severity, .where = std::move(where), .message = std::move(message)};
}

void CheckColumns(const TableMap& table, const TableShape& shape, const std::string& where,
                  std::vector<CheckFinding>& out) {
  using Severity = CheckFinding::Severity;
  for (const auto& field : table.fields) {
    const ColumnShape* column = shape.Column(field.column);
    if (!column) {
      out.push_back(
          SqlCheckFinding(Severity::kError, where + "." + field.column, "no such column"));
      continue;
    }
    if (column->not_null && table.erasure == RowErasure::kUpdate &&
        field.erasure == FieldErasure::kNull) {
      out.push_back(
          SqlCheckFinding(Severity::kError, where + "." + field.column,
                          "is NOT NULL but deletion sets it to null: use redact or hash"));
    }
  }
  // Exact matches use an index on the column; emails and phones are compared through lower()
  // and their digits, which only an index on that same expression serves.
  std::vector<std::string> exact;
  if (table.link) exact.push_back(table.link->column);
  for (const auto& identity : table.identity) {
    if (identity.kind == IdentityKind::kAccountId) {
      exact.push_back(identity.column);
      continue;
    }
    const bool email = identity.kind == IdentityKind::kEmail;
    out.push_back(SqlCheckFinding(
        Severity::kInfo, where + "." + identity.column,
        std::string("searched by ") +
            (email ? "lower(" + identity.column + ")" : "the digits of " + identity.column) +
            ": without an index on that expression every search reads the "
            "whole table"));
  }
  for (const auto& name : exact) {
    const ColumnShape* column = shape.Column(name);
    if (column && !column->indexed) {
      out.push_back(SqlCheckFinding(Severity::kWarning, where + "." + name,
                                    "not indexed: every search reads the whole table"));
    }
  }
  std::string unmapped;
  for (const auto& column : shape.columns) {
    if (table.Field(column.name)) continue;
    unmapped += (unmapped.empty() ? "" : ", ") + column.name;
  }
  if (!unmapped.empty()) {
    out.push_back(SqlCheckFinding(
        Severity::kInfo, where,
        "columns not in the data map (never searched, disclosed or erased): " + unmapped));
  }
}

}  // namespace

Result<std::unique_ptr<SqlSession>> SqlDataSource::Open() { return connector_->Open(); }

Result<SystemFindings> SqlDataSource::Discover(const SubjectIdentifiers& consumer) {
  auto session = Open();
  if (!session) return std::unexpected(session.error());
  SystemFindings findings{.system = system_.name, .tables = {}, .searched_at = clock_.Now()};
  for (const TableMap* table : ParentsFirst(system_)) {
    auto found = table->link ? FollowLink(**session, *table, system_, findings)
                             : SearchByIdentity(**session, *table, consumer);
    if (!found) {
      return std::unexpected(std::move(found.error()).WithContext("searching " + system_.name));
    }
    if (!found->rows.empty()) findings.tables.push_back(std::move(*found));
  }
  return findings;
}

Result<SystemFindings> SqlDataSource::Reread(const SystemFindings& rows) {
  auto session = Open();
  if (!session) return std::unexpected(session.error());
  SystemFindings now{.system = system_.name, .tables = {}, .searched_at = clock_.Now()};
  for (const auto& found : rows.tables) {
    const TableMap* table = system_.Table(found.table);
    if (!table) continue;
    std::vector<FieldValue> keys;
    for (const auto& row : found.rows) keys.push_back(row.key);
    auto current =
        (*session)->Select(table->name, table->Columns(), table->key, MatchMode::kExact, keys);
    if (!current) {
      return std::unexpected(std::move(current.error()).WithContext("re-reading " + system_.name));
    }
    SqlRowSet set(*table);
    set.Add(std::move(*current));
    now.tables.push_back(std::move(set).Take());
  }
  return now;
}

Result<DataSource::Applied> SqlDataSource::Erase(const SystemErasurePlan& plan) {
  auto opened = Open();
  if (!opened) return std::unexpected(opened.error());
  SqlSession& session = **opened;
  const std::string what = "erasing in " + system_.name;
  if (auto begun = session.Begin(); !begun) {
    return std::unexpected(std::move(begun.error()).WithContext(what));
  }
  Applied applied;
  auto run = [&]() -> Result<void> {
    for (const auto& table : plan.tables) {
      auto deleted = session.Delete(table.table, table.key_column, table.delete_keys);
      if (!deleted) return std::unexpected(deleted.error());
      applied.rows_deleted += *deleted;
      for (const auto& update : table.updates) {
        auto updated = session.Update(table.table, table.key_column, update.key, update.set);
        if (!updated) return std::unexpected(updated.error());
        applied.rows_updated += *updated;
      }
    }
    return session.Commit();
  };
  if (auto done = run(); !done) {
    (void)session.Rollback();  // the failure being reported matters more than the rollback's
    return std::unexpected(std::move(done.error()).WithContext(what));
  }
  return applied;
}

std::vector<CheckFinding> SqlDataSource::Check() {
  using Severity = CheckFinding::Severity;
  std::vector<CheckFinding> out;
  auto session = Open();
  if (!session) {
    out.push_back(SqlCheckFinding(Severity::kError, system_.name,
                                  "unreachable: " + session.error().message()));
    return out;
  }
  out.push_back(SqlCheckFinding(Severity::kInfo, system_.name, "reachable"));
  for (const auto& table : system_.tables) {
    const std::string where = system_.name + "." + table.name;
    auto shape = (*session)->Describe(table.name);
    if (!shape) {
      out.push_back(SqlCheckFinding(Severity::kError, where, shape.error().message()));
    } else if (!*shape) {
      out.push_back(SqlCheckFinding(Severity::kError, where, "no such table"));
    } else {
      CheckColumns(table, **shape, where, out);
    }
  }
  return out;
}

}  // namespace rightsdesk::connectors
