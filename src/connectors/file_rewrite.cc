#include "connectors/file_rewrite.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <system_error>

namespace rightsdesk::connectors {
namespace {

std::string RewriteErrnoText(int error_number) {
  return std::system_category().message(error_number);
}

std::unexpected<Error> IoError(std::string_view doing, const std::filesystem::path& path) {
  return Fail(ErrorCode::kUnavailable,
              std::string(doing) + " " + path.string() + ": " + RewriteErrnoText(errno));
}

std::unexpected<Error> Changed(const std::filesystem::path& path) {
  return Fail(
      ErrorCode::kConflict,
      path.string() + " changed while records were being erased from it: search and plan again");
}

Result<std::unique_ptr<RecordReader>> OpenReader(const std::filesystem::path& path,
                                                 RecordFormat format, const std::string& key_column,
                                                 std::unique_ptr<ByteSource> source) {
  auto reader =
      RecordReader::Open(std::move(source), format, path.string(), {.columns = {key_column}});
  if (!reader) return std::unexpected(reader.error());
  if ((*reader)->has_header() && !(*reader)->missing_columns().empty()) {
    return Fail(ErrorCode::kFailedPrecondition, path.string() + ": no column " + key_column);
  }
  return reader;
}

Result<void> SyncDirectory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open directory", dir);
  const int synced = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (synced != 0) return IoError("cannot fsync directory", dir);
  return {};
}

}  // namespace

// The new version of a file, written through a 1 MiB buffer or through zlib, then fsync'ed.
class TempFile {
 public:
  static Result<std::unique_ptr<TempFile>> Create(const std::filesystem::path& beside) {
    std::string name =
        (beside.parent_path() / ("." + beside.filename().string() + ".rightsdesk-XXXXXX")).string();
    const int fd = ::mkstemp(name.data());
    if (fd < 0) return IoError("cannot create a temporary file beside", beside);
    std::unique_ptr<TempFile> file(new TempFile(fd, name));
    auto failed = [&](std::string_view doing) {
      auto error = IoError(doing, beside);
      ::unlink(name.c_str());
      return error;
    };
    struct stat original {};
    // The new version keeps the file's permissions and, where we may set it, its owner.
    if (::stat(beside.c_str(), &original) != 0 || ::fchmod(fd, original.st_mode & 07777) != 0) {
      return failed("cannot copy the permissions of");
    }
    (void)!::fchown(fd, original.st_uid, original.st_gid);  // only root may; else we own it
    if (IsGzipPath(beside)) {
      const int dup = ::dup(fd);
      file->gzip_ = dup < 0 ? nullptr : gzdopen(dup, "wb");
      if (file->gzip_ == nullptr) {
        if (dup >= 0) ::close(dup);
        return failed("cannot start gzip for");
      }
      gzbuffer(file->gzip_, 256 * 1024);
    }
    return file;
  }

  ~TempFile() {
    if (gzip_) gzclose_w(gzip_);
    if (fd_ >= 0) ::close(fd_);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }

  Result<void> Write(std::string_view bytes) {
    buffer_.append(bytes);
    if (buffer_.size() >= kBuffer) return Flush();
    return {};
  }

  // Everything written, on disk.
  Result<void> Finish() {
    if (auto flushed = Flush(); !flushed) return flushed;
    if (gzip_) {
      const int closed = gzclose_w(std::exchange(gzip_, nullptr));
      if (closed != Z_OK) return Fail(ErrorCode::kUnavailable, "cannot finish gzip " + path_);
    }
    if (::fsync(fd_) != 0) return IoError("cannot fsync", path_);
    return {};
  }

 private:
  static constexpr std::size_t kBuffer = std::size_t{1} << 20;

  TempFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
    buffer_.reserve(kBuffer + 4096);
  }

  Result<void> Flush() {
    std::string_view rest = buffer_;
    while (!rest.empty()) {
      const std::size_t n = std::min<std::size_t>(rest.size(), INT_MAX);
      const long wrote = gzip_ ? gzwrite(gzip_, rest.data(), static_cast<unsigned>(n))
                               : ::write(fd_, rest.data(), n);
      if (wrote <= 0) {
        if (!gzip_ && errno == EINTR) continue;
        if (!gzip_) return IoError("cannot write", path_);
        int code = Z_OK;
        const char* why = gzerror(gzip_, &code);
        if (code == Z_ERRNO) return IoError("cannot write", path_);
        return Fail(ErrorCode::kUnavailable, "cannot write " + path_ + ": " + (why ? why : "?"));
      }
      rest.remove_prefix(static_cast<std::size_t>(wrote));
    }
    buffer_.clear();
    return {};
  }

  int fd_;
  std::string path_;
  gzFile gzip_ = nullptr;
  std::string buffer_;
};

Result<FileSurvey> SurveyFile(const std::filesystem::path& path, RecordFormat format,
                              const std::string& key_column, const RecordChanges& changes) {
  auto opened = OpenFileSource(path);
  if (!opened) return std::unexpected(opened.error());
  FileSurvey survey{.touched = false, .stamp = opened->stamp};
  auto reader = OpenReader(path, format, key_column, std::move(opened->source));
  if (!reader) return std::unexpected(reader.error());
  Record record;
  while (true) {
    auto next = (*reader)->Next(record);
    if (!next) return std::unexpected(next.error());
    if (!*next) return survey;
    if (changes.Touches(record.values[0].dump())) {
      survey.touched = true;
      return survey;
    }
  }
}

Result<std::unique_ptr<FileRewrite>> FileRewrite::Prepare(const std::filesystem::path& path,
                                                          RecordFormat format,
                                                          const std::string& key_column,
                                                          const RecordChanges& changes,
                                                          const FileStamp& expected) {
  // A glob may match a symbolic link: the file it points to is rewritten, the link stays.
  std::error_code error;
  const std::filesystem::path real = std::filesystem::canonical(path, error);
  if (error) {
    return Fail(ErrorCode::kUnavailable,
                "cannot resolve " + path.string() + ": " + error.message());
  }
  auto opened = OpenFileSource(real);
  if (!opened) return std::unexpected(opened.error());
  if (opened->stamp != expected) return Changed(path);
  std::unique_ptr<FileRewrite> rewrite(new FileRewrite(path, real, expected));
  auto reader = OpenReader(path, format, key_column, std::move(opened->source));
  if (!reader) return std::unexpected(reader.error());
  auto out = TempFile::Create(real);
  if (!out) return std::unexpected(out.error());
  rewrite->temp_ = (*out)->path();
  if (auto header = (*out)->Write((*reader)->header_bytes()); !header) {
    return std::unexpected(header.error());
  }
  if (auto copied = rewrite->CopyRecords(**reader, **out, changes); !copied) {
    return std::unexpected(copied.error());
  }
  if (auto finished = (*out)->Finish(); !finished) return std::unexpected(finished.error());
  return rewrite;
}

Result<void> FileRewrite::CopyRecords(RecordReader& reader, TempFile& out,
                                      const RecordChanges& changes) {
  std::vector<FieldValue> key;
  while (true) {
    auto raw = reader.NextRaw();
    if (!raw) return std::unexpected(raw.error());
    if (!*raw) return {};
    const RawRecord& record = **raw;
    std::string replaced;
    std::string_view text = record.text;
    if (!text.empty()) {
      if (auto parsed = reader.Parse(record, key); !parsed) return parsed;
      const std::string dumped = key[0].dump();
      if (changes.deletions.contains(dumped)) {
        ++deleted_;
        continue;
      }
      if (auto update = changes.updates.find(dumped); update != changes.updates.end()) {
        auto updated = UpdatedRecord(reader.format(), text, reader.header(), update->second);
        if (!updated) {
          return Fail(ErrorCode::kFailedPrecondition, path_.string() + ":" +
                                                          std::to_string(record.line) + ": " +
                                                          updated.error().message());
        }
        replaced = std::move(*updated);
        text = replaced;
        ++updated_;
      }
    }
    if (auto wrote = out.Write(text); !wrote) return wrote;
    if (auto wrote = out.Write(record.terminator); !wrote) return wrote;
  }
}

FileRewrite::~FileRewrite() {
  if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

Result<void> FileRewrite::RequireUnchanged() const {
  auto now = StampOf(real_);
  if (!now) return std::unexpected(now.error());
  if (*now != stamp_) return Changed(path_);
  return {};
}

Result<void> FileRewrite::Commit() {
  // A writer that changes the file between this check and the rename is not seen: files have no
  // lock every writer takes. The window is one stat and one rename long.
  if (auto unchanged = RequireUnchanged(); !unchanged) return unchanged;
  if (::rename(temp_.c_str(), real_.c_str()) != 0) return IoError("cannot replace", path_);
  committed_ = true;
  return SyncDirectory(real_.parent_path());
}

Result<std::string> UpdatedRecord(RecordFormat format, std::string_view text,
                                  const std::vector<std::string>& header,
                                  const std::vector<std::pair<std::string, FieldValue>>& set) {
  if (format == RecordFormat::kJsonl) {
    // ordered_json keeps the keys in the order the file has them.
    auto object = nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded() || !object.is_object()) {
      return Fail(ErrorCode::kFailedPrecondition, "not a JSON object");
    }
    for (const auto& [column, value] : set) {
      object[column] = nlohmann::ordered_json::parse(value.dump());
    }
    return object.dump();
  }
  std::vector<CsvField> fields;
  if (auto split = SplitCsvFields(text, fields); !split) return std::unexpected(split.error());
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    auto it = std::find_if(set.begin(), set.end(), [&](const auto& change) {
      return i < header.size() && change.first == header[i];
    });
    out += it == set.end() ? std::string(fields[i].raw) : EncodeCsvField(it->second);
  }
  return out;
}

}  // namespace rightsdesk::connectors
