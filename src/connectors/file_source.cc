#include "connectors/file_source.h"

#include <glob.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

#include "connectors/file_rewrite.h"
#include "connectors/identity_prefilter.h"
#include "connectors/sql_text.h"

namespace rightsdesk::connectors {
namespace {

// Files are independent: each is read on its own thread, up to the machine's cores.
std::size_t ScanThreads(std::size_t files) {
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  return std::clamp<std::size_t>(files, 1, std::min<std::size_t>(cores, 16));
}

// `work(file)` for every file, in parallel; the results in the files' order, or the first
// file's error in that order (the others' work is then wasted, which only happens on failure).
template <typename T, typename Work>
Result<std::vector<T>> OnEachFile(const std::vector<std::string>& files, Work work) {
  std::vector<std::optional<Result<T>>> results(files.size());
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) results[i].emplace(work(files[i]));
  };
  {
    std::vector<std::jthread> helpers;
    for (std::size_t t = 1; t < ScanThreads(files.size()); ++t) helpers.emplace_back(run);
    run();
  }
  std::vector<T> values;
  for (auto& result : results) {
    if (!*result) return std::unexpected(std::move(result->error()));
    values.push_back(std::move(**result));
  }
  return values;
}

// glob(3) reports why it could not read a directory only to a callback without a context
// pointer; each thread keeps its own.
thread_local int glob_error = 0;

int OnGlobError(const char* /*path*/, int error) {
  glob_error = error;
  return 0;  // GLOB_ERR stops the walk
}

// The regular files `pattern` matches, sorted. A directory that does not exist matches nothing.
Result<std::vector<std::string>> MatchingFiles(const std::string& pattern) {
  glob_t matched{};
  glob_error = 0;
  const int status = ::glob(pattern.c_str(), GLOB_ERR, &OnGlobError, &matched);
  std::vector<std::string> files;
  for (std::size_t i = 0; status == 0 && i < matched.gl_pathc; ++i) {
    struct stat info {};
    if (::stat(matched.gl_pathv[i], &info) == 0 && S_ISREG(info.st_mode)) {
      files.emplace_back(matched.gl_pathv[i]);
    }
  }
  ::globfree(&matched);
  const bool missing_dir = glob_error == ENOENT || glob_error == ENOTDIR;
  if (status == GLOB_ABORTED && !missing_dir) {
    return Fail(ErrorCode::kUnavailable, "cannot read a directory of " + pattern + ": " +
                                             std::system_category().message(glob_error));
  }
  if (status == GLOB_NOSPACE) return Fail(ErrorCode::kUnavailable, "out of memory globbing");
  if (files.empty()) return Fail(ErrorCode::kUnavailable, "no file matches " + pattern);
  return files;
}

struct OpenedRecords {
  std::unique_ptr<RecordReader> reader;
  FileStamp stamp;
};

// The file's records with the values of the table's fields; kFailedPrecondition when a csv
// header lacks a field.
Result<OpenedRecords> OpenRecords(const std::string& path, RecordFormat format,
                                  const TableMap& table, ChunkObserver observer = {}) {
  auto opened = OpenFileSource(path);
  if (!opened) return std::unexpected(opened.error());
  auto reader = RecordReader::Open(std::move(opened->source), format, path,
                                   {.columns = table.Columns(), .observer = std::move(observer)});
  if (!reader) return std::unexpected(reader.error());
  const auto& missing = (*reader)->missing_columns();
  if ((*reader)->has_header() && !missing.empty()) {
    std::string names;
    for (const auto& name : missing) names += (names.empty() ? "" : ", ") + name;
    return Fail(ErrorCode::kFailedPrecondition, path + ": no column " + names);
  }
  return OpenedRecords{.reader = std::move(*reader), .stamp = opened->stamp};
}

// A consumer's identifiers as the comparison needs them (empty when not given).
struct Wanted {
  std::string email;  // lower case
  std::string phone;  // digits only
  std::string account_id;
};

Wanted WantedOf(const SubjectIdentifiers& consumer) {
  const FieldValue email = MatchValue(consumer.email, MatchMode::kCaseInsensitive);
  return {.email = email.get<std::string>(),
          .phone = DigitsOf(consumer.phone),
          .account_id = consumer.account_id};
}

bool Holds(const FieldValue& value, IdentityKind kind, const Wanted& wanted) {
  switch (kind) {
    case IdentityKind::kEmail:
      return !wanted.email.empty() &&
             MatchValue(value, MatchMode::kCaseInsensitive) == wanted.email;
    case IdentityKind::kPhone:
      return !wanted.phone.empty() && MatchValue(value, MatchMode::kDigits) == wanted.phone;
    case IdentityKind::kAccountId:
      if (wanted.account_id.empty()) return false;
      if (value.is_string()) return value.get_ref<const std::string&>() == wanted.account_id;
      return value.is_number_integer() && value.dump() == wanted.account_id;
  }
  return false;
}

bool BelongsTo(const TableMap& table, const std::vector<FieldValue>& values, const Wanted& wanted) {
  return std::any_of(table.identity.begin(), table.identity.end(), [&](const IdentityColumn& id) {
    return Holds(values[table.FieldIndex(id.column)], id.kind, wanted);
  });
}

// Rows of the table, each key once, in the order first found.
class FileRowSet {
 public:
  void Add(FoundRow row) {
    if (seen_.insert(row.key.dump()).second) rows_.push_back(std::move(row));
  }
  std::vector<FoundRow> Take() && { return std::move(rows_); }

 private:
  std::set<std::string> seen_;
  std::vector<FoundRow> rows_;
};

struct Hit {
  std::size_t consumer;
  FoundRow row;
};

struct FileHits {
  FileStamp stamp;
  std::vector<Hit> hits;
};

// One file's search: only the records whose bytes the prefilter matched are parsed.
Result<FileHits> SearchFile(const std::string& path, RecordFormat format, const TableMap& table,
                            const IdentityPrefilter& prefilter, const std::vector<Wanted>& wanted) {
  auto scan = prefilter.StartScan();
  if (!scan) return std::unexpected(scan.error());
  auto opened = OpenRecords(path, format, table,
                            [&scan](std::string_view chunk) { return (*scan)->Feed(chunk); });
  if (!opened) return std::unexpected(opened.error());
  RecordReader& reader = *opened->reader;
  FileHits found{.stamp = opened->stamp, .hits = {}};
  const std::size_t key = table.FieldIndex(table.key);
  std::vector<std::size_t> candidates;
  std::vector<FieldValue> values;
  while (true) {
    auto raw = reader.NextRaw();
    if (!raw) return std::unexpected(raw.error());
    if (!*raw) return found;
    const RawRecord& record = **raw;
    (*scan)->ConsumersMatching(record.offset, record.offset + record.text.size(), candidates);
    if (candidates.empty() || record.text.empty()) continue;
    if (auto parsed = reader.Parse(record, values); !parsed) {
      return std::unexpected(parsed.error());
    }
    for (std::size_t consumer : candidates) {
      if (!BelongsTo(table, values, wanted[consumer])) continue;
      found.hits.push_back({.consumer = consumer, .row = {.key = values[key], .values = values}});
    }
  }
}

// One file's records with the keys asked for.
Result<std::vector<FoundRow>> ReadKeys(const std::string& path, RecordFormat format,
                                       const TableMap& table, const std::set<std::string>& keys) {
  auto opened = OpenRecords(path, format, table);
  if (!opened) return std::unexpected(opened.error());
  const std::size_t key = table.FieldIndex(table.key);
  std::vector<FoundRow> rows;
  Record record;
  while (true) {
    auto next = opened->reader->Next(record);
    if (!next) return std::unexpected(next.error());
    if (!*next) return rows;
    if (!keys.contains(record.values[key].dump())) continue;
    rows.push_back({.key = record.values[key], .values = std::move(record.values)});
  }
}

RecordChanges ChangesOf(const TableErasurePlan& plan) {
  RecordChanges changes;
  for (const auto& key : plan.delete_keys) changes.deletions.insert(key.dump());
  for (const auto& update : plan.updates) changes.updates[update.key.dump()] = update.set;
  return changes;
}

// --- Check ---

constexpr std::size_t kCheckedRecords = 1000;

CheckFinding FileCheckFinding(CheckFinding::Severity severity, std::string where,
                              std::string message) {
  return {.severity = severity, .where = std::move(where), .message = std::move(message)};
}

// A csv file's header against the table's fields.
void CheckHeader(const RecordReader& reader, const TableMap& table, const std::string& where,
                 std::set<std::string>& unmapped, std::vector<CheckFinding>& out) {
  using Severity = CheckFinding::Severity;
  if (!reader.has_header()) {
    out.push_back(
        FileCheckFinding(Severity::kWarning, where, reader.name() + " is empty (no header row)"));
    return;
  }
  for (const auto& column : reader.missing_columns()) {
    out.push_back(FileCheckFinding(Severity::kError, where + "." + column,
                                   "no such column in " + reader.name()));
  }
  for (const auto& column : reader.header()) {
    if (!table.Field(column)) unmapped.insert(column);
  }
}

// The first records of a file, parsed: which fields hold a value (`seen`) and, in jsonl, which
// keys the data map leaves out. The first malformed record ends the sample with its error.
Result<void> SampleRecords(RecordReader& reader, const TableMap& table, std::vector<bool>& seen,
                           std::set<std::string>& unmapped) {
  std::vector<FieldValue> values;
  for (std::size_t n = 0; n < kCheckedRecords;) {
    auto raw = reader.NextRaw();
    if (!raw) return std::unexpected(raw.error());
    if (!*raw) return {};
    if ((*raw)->text.empty()) continue;
    ++n;
    if (auto parsed = reader.Parse(**raw, values); !parsed) return parsed;
    for (std::size_t c = 0; c < values.size(); ++c) seen[c] = seen[c] || !values[c].is_null();
    if (reader.format() != RecordFormat::kJsonl) continue;
    const FieldValue object = FieldValue::parse((*raw)->text);  // valid: Parse accepted it
    for (const auto& [key, value] : object.items()) {
      if (!table.Field(key)) unmapped.insert(key);
    }
  }
  return {};
}

void CheckFile(const std::string& path, RecordFormat format, const TableMap& table,
               const std::string& where, std::set<std::string>& unmapped,
               std::vector<CheckFinding>& out) {
  using Severity = CheckFinding::Severity;
  auto opened = OpenFileSource(path);
  if (!opened) {
    out.push_back(FileCheckFinding(Severity::kError, where, opened.error().message()));
    return;
  }
  auto reader =
      RecordReader::Open(std::move(opened->source), format, path, {.columns = table.Columns()});
  if (!reader) {
    out.push_back(FileCheckFinding(Severity::kError, where, reader.error().message()));
    return;
  }
  if (format == RecordFormat::kCsv) CheckHeader(**reader, table, where, unmapped, out);
  if (!(*reader)->missing_columns().empty()) return;  // every record would say the same
  std::vector<bool> seen(table.fields.size(), false);
  if (auto sampled = SampleRecords(**reader, table, seen, unmapped); !sampled) {
    out.push_back(FileCheckFinding(Severity::kError, where, sampled.error().message()));
    return;
  }
  // A csv column exists once the header names it; a JSON key only where a record holds it.
  for (std::size_t c = 0; format == RecordFormat::kJsonl && c < seen.size(); ++c) {
    if (seen[c]) continue;
    out.push_back(FileCheckFinding(
        Severity::kWarning, where + "." + table.fields[c].column,
        "not in the first " + std::to_string(kCheckedRecords) + " lines of " + (*reader)->name()));
  }
}

}  // namespace

Result<std::unique_ptr<FileDataSource>> FileDataSource::Open(const SystemMap& system,
                                                             const Clock& clock) {
  const auto format = ParseRecordFormat(system.connector.format);
  if (system.connector.kind != ConnectorSettings::Kind::kFiles || !format ||
      system.tables.size() != 1) {
    return Fail(ErrorCode::kInvalidArgument,
                system.name + ": a files system needs format csv or jsonl and exactly one table");
  }
  return std::unique_ptr<FileDataSource>(new FileDataSource(system, *format, clock));
}

Result<std::vector<std::string>> FileDataSource::Files() const {
  return MatchingFiles(system_.connector.path);
}

Result<SystemFindings> FileDataSource::Discover(const SubjectIdentifiers& consumer) {
  auto found = DiscoverMany(std::span(&consumer, 1));
  if (!found) return std::unexpected(found.error());
  return std::move(found->front());
}

Result<std::vector<SystemFindings>> FileDataSource::DiscoverMany(
    std::span<const SubjectIdentifiers> consumers) {
  const std::string what = "searching " + system_.name;
  std::vector<SystemFindings> findings(
      consumers.size(), {.system = system_.name, .tables = {}, .searched_at = clock_.Now()});
  auto files = Files();
  if (!files) return std::unexpected(std::move(files.error()).WithContext(what));
  auto prefilter = IdentityPrefilter::Compile(consumers, table_, format_);
  if (!prefilter) return std::unexpected(std::move(prefilter.error()).WithContext(what));
  if ((*prefilter)->empty()) return findings;  // no identifier given is searched in this table
  std::vector<Wanted> wanted;
  for (const auto& consumer : consumers) wanted.push_back(WantedOf(consumer));
  auto searched = OnEachFile<FileHits>(*files, [&](const std::string& path) {
    return SearchFile(path, format_, table_, **prefilter, wanted);
  });
  if (!searched) return std::unexpected(std::move(searched.error()).WithContext(what));
  std::vector<FileRowSet> rows(consumers.size());
  for (std::size_t f = 0; f < files->size(); ++f) {
    discovered_[(*files)[f]] = (*searched)[f].stamp;
    for (auto& hit : (*searched)[f].hits) rows[hit.consumer].Add(std::move(hit.row));
  }
  for (std::size_t c = 0; c < consumers.size(); ++c) {
    auto found = std::move(rows[c]).Take();
    if (!found.empty())
      findings[c].tables.push_back({.table = table_.name, .rows = std::move(found)});
  }
  return findings;
}

Result<SystemFindings> FileDataSource::Reread(const SystemFindings& rows) {
  const std::string what = "re-reading " + system_.name;
  SystemFindings now{.system = system_.name, .tables = {}, .searched_at = clock_.Now()};
  const FoundTable* asked = rows.Table(table_.name);
  if (!asked) return now;
  std::set<std::string> keys;
  for (const auto& row : asked->rows) keys.insert(row.key.dump());
  auto files = Files();
  if (!files) return std::unexpected(std::move(files.error()).WithContext(what));
  auto read = OnEachFile<std::vector<FoundRow>>(
      *files, [&](const std::string& path) { return ReadKeys(path, format_, table_, keys); });
  if (!read) return std::unexpected(std::move(read.error()).WithContext(what));
  FileRowSet found;
  for (auto& file_rows : *read) {
    for (auto& row : file_rows) found.Add(std::move(row));
  }
  now.tables.push_back({.table = table_.name, .rows = std::move(found).Take()});
  return now;
}

Result<DataSource::Applied> FileDataSource::Erase(const SystemErasurePlan& plan) {
  const std::string what = "erasing in " + system_.name;
  auto planned = std::find_if(plan.tables.begin(), plan.tables.end(),
                              [&](const TableErasurePlan& t) { return t.table == table_.name; });
  if (planned == plan.tables.end()) return Applied{};
  const RecordChanges changes = ChangesOf(*planned);
  if (changes.empty()) return Applied{};
  auto files = Files();
  if (!files) return std::unexpected(std::move(files.error()).WithContext(what));
  return WithContext(RewriteFiles(*files, changes), what);
}

// Every touched file's new version is written first; they are renamed into place only when all
// are ready and none changed since it was read, so a failure before the renames changes nothing.
// A crash during the renames leaves each file whole, old or new: erasing again finishes the job.
Result<DataSource::Applied> FileDataSource::RewriteFiles(const std::vector<std::string>& files,
                                                         const RecordChanges& changes) {
  auto rewrites = PrepareRewrites(files, changes);
  if (!rewrites) return std::unexpected(rewrites.error());
  for (const auto& rewrite : *rewrites) {
    if (auto unchanged = rewrite->RequireUnchanged(); !unchanged) {
      return std::unexpected(unchanged.error());
    }
  }
  Applied applied;
  for (std::size_t i = 0; i < rewrites->size(); ++i) {
    const FileRewrite& rewrite = *(*rewrites)[i];
    if (auto committed = (*rewrites)[i]->Commit(); !committed) {
      return std::unexpected(std::move(committed.error())
                                 .WithContext(std::to_string(i) + " of " +
                                              std::to_string(rewrites->size()) +
                                              " files already rewritten; erase again to finish"));
    }
    discovered_.erase(rewrite.path().string());
    applied.rows_deleted += rewrite.rows_deleted();
    applied.rows_updated += rewrite.rows_updated();
  }
  return applied;
}

// The new version of each file that holds a planned record, written beside it.
Result<std::vector<std::unique_ptr<FileRewrite>>> FileDataSource::PrepareRewrites(
    const std::vector<std::string>& files, const RecordChanges& changes) {
  auto surveys = OnEachFile<FileSurvey>(files, [&](const std::string& path) {
    return SurveyFile(path, format_, table_.key, changes);
  });
  if (!surveys) return std::unexpected(surveys.error());
  std::vector<std::unique_ptr<FileRewrite>> rewrites;
  for (std::size_t f = 0; f < files.size(); ++f) {
    const FileSurvey& survey = (*surveys)[f];
    if (!survey.touched) continue;
    auto seen = discovered_.find(files[f]);
    if (seen != discovered_.end() && seen->second != survey.stamp) {
      return Fail(ErrorCode::kConflict,
                  files[f] + " changed since it was searched: search and plan again");
    }
    auto rewrite = FileRewrite::Prepare(files[f], format_, table_.key, changes, survey.stamp);
    if (!rewrite) return std::unexpected(rewrite.error());
    rewrites.push_back(std::move(*rewrite));
  }
  return rewrites;
}

std::vector<CheckFinding> FileDataSource::Check() {
  using Severity = CheckFinding::Severity;
  std::vector<CheckFinding> out;
  const std::string where = system_.name + "." + table_.name;
  auto files = Files();
  if (!files) {
    out.push_back(FileCheckFinding(Severity::kError, system_.name, files.error().message()));
    return out;
  }
  out.push_back(FileCheckFinding(Severity::kInfo, system_.name,
                                 std::to_string(files->size()) + " file(s) match " +
                                     system_.connector.path +
                                     "; every search scans them all (files have no index)"));
  std::set<std::string> unmapped;
  for (const auto& path : *files) CheckFile(path, format_, table_, where, unmapped, out);
  if (!unmapped.empty()) {
    std::string names;
    for (const auto& name : unmapped) names += (names.empty() ? "" : ", ") + name;
    out.push_back(FileCheckFinding(
        Severity::kInfo, where,
        "columns not in the data map (never searched, disclosed or erased): " + names));
  }
  return out;
}

}  // namespace rightsdesk::connectors
