// The erasure of records in one record file: the file is written again without its deleted
// records and with new values in its updated ones, into a temporary file in the same directory
// (gzip-compressed when the file is), fsync'ed, then renamed over the original and the directory
// fsync'ed. A crash leaves either the old file or the new one, never half of each; an abandoned
// temporary file is a dot file that a glob does not match. Every byte of every other record (and
// the header) is copied as it was, so only the planned records change. A rewrite is used by one
// thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "connectors/byte_source.h"
#include "connectors/record_readers.h"
#include "core/error.h"
#include "core/findings.h"

namespace rightsdesk::connectors {

// What the erasure does to the records of a table, by key (FieldValue::dump() of the key column's
// value, so "12" and 12 stay distinct). Every record with a planned key is acted on.
struct RecordChanges {
  std::set<std::string> deletions;
  std::map<std::string, std::vector<std::pair<std::string, FieldValue>>> updates;  // column, value

  bool empty() const { return deletions.empty() && updates.empty(); }
  bool Touches(const std::string& key) const {
    return deletions.contains(key) || updates.contains(key);
  }
};

// Whether `path` holds a record the changes touch, and the version of the file that was read.
struct FileSurvey {
  bool touched = false;
  FileStamp stamp;
};
Result<FileSurvey> SurveyFile(const std::filesystem::path& path, RecordFormat format,
                              const std::string& key_column, const RecordChanges& changes);

class TempFile;

class FileRewrite {
 public:
  // Writes the new version of `path` beside it. `expected` is the version the caller surveyed:
  // kConflict if the file is no longer that version. kFailedPrecondition for a malformed record
  // or a file without the key column; kUnavailable for I/O errors (a full disk). Nothing is
  // visible until Commit.
  static Result<std::unique_ptr<FileRewrite>> Prepare(const std::filesystem::path& path,
                                                      RecordFormat format,
                                                      const std::string& key_column,
                                                      const RecordChanges& changes,
                                                      const FileStamp& expected);
  // Removes the temporary file unless committed.
  ~FileRewrite();
  FileRewrite(const FileRewrite&) = delete;
  FileRewrite& operator=(const FileRewrite&) = delete;

  // kConflict if the file is no longer the version that was read (a writer changed it since).
  Result<void> RequireUnchanged() const;
  // Puts the new version in place. kConflict, and nothing changed, if the file changed since it
  // was read; kUnavailable if the rename fails.
  Result<void> Commit();

  const std::filesystem::path& path() const { return path_; }
  std::int64_t rows_deleted() const { return deleted_; }
  std::int64_t rows_updated() const { return updated_; }

 private:
  FileRewrite(std::filesystem::path path, std::filesystem::path real, FileStamp stamp)
      : path_(std::move(path)), real_(std::move(real)), stamp_(stamp) {}
  Result<void> CopyRecords(RecordReader& reader, TempFile& out, const RecordChanges& changes);

  std::filesystem::path path_;  // as the glob named it
  std::filesystem::path real_;  // the file itself (path_ may be a symbolic link to it)
  std::filesystem::path temp_;
  FileStamp stamp_;
  bool committed_ = false;
  std::int64_t deleted_ = 0;
  std::int64_t updated_ = 0;
};

// A record's text with `set` applied: csv fields re-encoded only where set (the others copied as
// they were); jsonl keys set in place, the object's key order kept. kFailedPrecondition naming
// the field's position if the record is malformed.
Result<std::string> UpdatedRecord(RecordFormat format, std::string_view text,
                                  const std::vector<std::string>& header,
                                  const std::vector<std::pair<std::string, FieldValue>>& set);

}  // namespace rightsdesk::connectors
