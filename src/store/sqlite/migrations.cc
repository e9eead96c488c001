#include "store/sqlite/migrations.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <span>
#include <vector>

#include "core/embedded_file.h"

namespace rightsdesk::store::sqlite {

std::span<const EmbeddedFile> EmbeddedMigrations();

namespace {

struct Migration {
  int number;
  const EmbeddedFile* file;
};

std::vector<Migration> Numbered() {
  std::vector<Migration> out;
  for (const EmbeddedFile& file : EmbeddedMigrations()) {
    int number = 0;
    std::from_chars(file.name.data(), file.name.data() + 4, number);
    out.push_back({number, &file});
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.number < b.number; });
  return out;
}

// The numbers of the migrations applied so far. Numbers are reserved ahead by parallel work, so a
// lower number can arrive after a higher one was applied: each migration is applied by whether it
// was, not by the highest number.
Result<std::set<int>> AppliedVersions(Connection& db) {
  if (auto made = db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                          " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                          " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ')))");
      !made) {
    return std::unexpected(made.error());
  }
  auto stmt = db.Prepare("SELECT version FROM schema_migrations");
  if (!stmt) return std::unexpected(stmt.error());
  std::set<int> applied;
  for (;;) {
    auto row = stmt->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return applied;
    applied.insert(static_cast<int>(stmt->Int(0)));
  }
}

}  // namespace

Result<void> Migrate(Connection& db) {
  if (auto begun = db.Exec("BEGIN IMMEDIATE"); !begun) return begun;
  auto applied_versions = AppliedVersions(db);
  if (!applied_versions) {
    (void)db.Exec("ROLLBACK");
    return std::unexpected(applied_versions.error().WithContext("reading schema version"));
  }
  const int version = applied_versions->empty() ? 0 : *applied_versions->rbegin();
  auto migrations = Numbered();
  int latest = migrations.empty() ? 0 : migrations.back().number;
  if (version > latest) {
    (void)db.Exec("ROLLBACK");
    return Fail(ErrorCode::kFailedPrecondition,
                "the database has schema version " + std::to_string(version) +
                    " but this rightsdesk knows only up to " + std::to_string(latest) +
                    "; use a newer rightsdesk");
  }
  for (const Migration& m : migrations) {
    if (applied_versions->contains(m.number)) continue;
    auto applied = db.Exec(m.file->contents);
    if (applied) {
      auto record = db.Prepare("INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)");
      if (!record) {
        applied = std::unexpected(record.error());
      } else {
        applied = record->Bind(1, m.number).Bind(2, m.file->name).Run();
      }
    }
    if (!applied) {
      (void)db.Exec("ROLLBACK");
      return std::unexpected(
          applied.error().WithContext("applying migration " + std::string(m.file->name)));
    }
  }
  return db.Exec("COMMIT");
}

}  // namespace rightsdesk::store::sqlite
