// A DataSource over record files (connector = "files"): the data map's one table is every record
// of the files the system's glob matches (POSIX glob(3), in sorted order, regular files only),
// CSV with a header row or JSON lines, gzip-compressed when named *.gz (record_readers.h). Files
// have no index, so:
//   Discover  scans every file's bytes once with a Hyperscan prefilter of the consumers'
//             identifiers (identity_prefilter.h), parses only the records whose bytes matched,
//             and keeps those whose identity columns hold an identifier: email without regard
//             to case, phone by its digits, account id exactly (a JSON number by its digits).
//   Reread    parses every record of every file and keeps those with the keys asked for (no
//             prefilter: a key may be written in more ways than a literal catches, and a record
//             missed here would count as erased).
//   Erase     surveys which files hold a planned record, writes each one's new version beside
//             it, and renames them into place only if none changed in the meantime
//             (file_rewrite.h). Files without a planned record are not touched.
// Files are scanned in parallel, one file per thread, up to the machine's cores; a record's key
// identifies it (rows are reported once per key, and every record with a planned key is erased).
//
// Errors (messages name the system, file and line, never a value): kUnavailable when no file
// matches the glob (an export not written yet must not read as "nothing found") or a file cannot
// be opened or read (permission denied, I/O) — retrying may help; kFailedPrecondition for a
// malformed record or a file without a mapped column; kConflict when a file changed between
// Discover and Erase, or while Erase rewrote it — search and plan again.
//
// Like every DataSource it serves one call at a time.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "connectors/byte_source.h"
#include "connectors/data_source.h"
#include "connectors/record_readers.h"
#include "core/datamap.h"
#include "core/time.h"

namespace rightsdesk::connectors {

class FileRewrite;
struct RecordChanges;

class FileDataSource final : public DataSource {
 public:
  // kInvalidArgument unless the system is a files system with one table and a known format.
  // `system` and `clock` must outlive the source.
  static Result<std::unique_ptr<FileDataSource>> Open(const SystemMap& system, const Clock& clock);

  Result<SystemFindings> Discover(const SubjectIdentifiers& consumer) override;
  // One pass over the files for several consumers at once (a batch of requests): their
  // findings, in the order of `consumers`.
  Result<std::vector<SystemFindings>> DiscoverMany(std::span<const SubjectIdentifiers> consumers);
  Result<SystemFindings> Reread(const SystemFindings& rows) override;
  Result<Applied> Erase(const SystemErasurePlan& plan) override;
  std::vector<CheckFinding> Check() override;

 private:
  FileDataSource(const SystemMap& system, RecordFormat format, const Clock& clock)
      : system_(system), table_(system.tables.front()), format_(format), clock_(clock) {}
  Result<std::vector<std::string>> Files() const;
  Result<Applied> RewriteFiles(const std::vector<std::string>& files, const RecordChanges& changes);
  Result<std::vector<std::unique_ptr<FileRewrite>>> PrepareRewrites(
      const std::vector<std::string>& files, const RecordChanges& changes);

  const SystemMap& system_;
  const TableMap& table_;
  RecordFormat format_;
  const Clock& clock_;
  // Each file as the last Discover read it: Erase refuses to rewrite a file that changed since.
  std::map<std::string, FileStamp> discovered_;
};

}  // namespace rightsdesk::connectors
