// Bytes of a file as the files connector reads them: plain, or gunzipped when the name ends in
// ".gz", always in chunks, so that a file of any size is never held in memory whole. Errors name
// the file and the operating system's reason, never the file's content. A source is used by one
// thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>

#include "core/error.h"

namespace rightsdesk::connectors {

class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Reads up to `into.size()` bytes into `into`; returns how many, 0 at the end of the input.
  // kUnavailable on an I/O error (it may pass); kFailedPrecondition on corrupt or truncated gzip
  // data (a person must look at the file).
  virtual Result<std::size_t> Read(std::span<char> into) = 0;
};

// Which version of a file was read: a rewrite goes ahead only if the file is still that version
// (the same inode, size and modification time), so a concurrent writer's change is never lost.
struct FileStamp {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;

  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

// The file's current stamp; kUnavailable if it cannot be stat'ed.
Result<FileStamp> StampOf(const std::filesystem::path& path);

// True when the file is read and written gzip-compressed: its name ends in ".gz".
bool IsGzipPath(const std::filesystem::path& path);

struct OpenedFile {
  std::unique_ptr<ByteSource> source;
  FileStamp stamp;  // of the file as opened, before anything was read
};

// Opens a regular file for reading (gunzipping a *.gz). kUnavailable when it cannot be opened
// (missing, permission denied), kFailedPrecondition when it is not a regular file.
Result<OpenedFile> OpenFileSource(const std::filesystem::path& path);

// Bytes already in memory (tests, fuzz targets). `bytes` must outlive the source; each Read
// returns at most `max_read` bytes, so that callers' refills can be exercised with short reads.
std::unique_ptr<ByteSource> MemorySource(std::string_view bytes, std::size_t max_read = SIZE_MAX);

}  // namespace rightsdesk::connectors
