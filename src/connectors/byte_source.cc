#include "connectors/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

namespace rightsdesk::connectors {
namespace {

std::string ByteSourceErrnoText(int error_number) {
  return std::system_category().message(error_number);
}

FileStamp StampFrom(const struct stat& info) {
  return {.device = static_cast<std::uint64_t>(info.st_dev),
          .inode = static_cast<std::uint64_t>(info.st_ino),
          .size = static_cast<std::uint64_t>(info.st_size),
          .mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 +
                      info.st_mtim.tv_nsec};
}

// A descriptor closed on destruction.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

class PlainSource final : public ByteSource {
 public:
  PlainSource(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

  Result<std::size_t> Read(std::span<char> into) override {
    while (true) {
      const ssize_t n = ::read(fd_.get(), into.data(), into.size());
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) {
        return Fail(ErrorCode::kUnavailable,
                    "reading " + path_ + ": " + ByteSourceErrnoText(errno));
      }
    }
  }

 private:
  Fd fd_;
  std::string path_;
};

// zlib's gz* functions: buffered inflation, concatenated gzip members read as one stream.
class GzipSource final : public ByteSource {
 public:
  GzipSource(gzFile file, std::string path) : file_(file), path_(std::move(path)) {}
  ~GzipSource() override { gzclose_r(file_); }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  Result<std::size_t> Read(std::span<char> into) override {
    const auto want = static_cast<unsigned>(std::min<std::size_t>(into.size(), INT_MAX));
    const int n = gzread(file_, into.data(), want);
    if (n < 0 || (n == 0 && Failed())) return ReadError();
    // zlib passes a file that is not gzip through unchanged; a .gz that is not gzip would be
    // rewritten compressed by an erasure, so it is refused instead.
    if (n > 0 && !checked_direct_) {
      checked_direct_ = true;
      if (gzdirect(file_)) {
        return Fail(ErrorCode::kFailedPrecondition, path_ + ": named .gz but not gzip data");
      }
    }
    return static_cast<std::size_t>(n);
  }

 private:
  // A truncated file ends with a short read of 0 and Z_BUF_ERROR set, not with a failed read.
  bool Failed() {
    int code = Z_OK;
    gzerror(file_, &code);
    return code != Z_OK;
  }

  std::unexpected<Error> ReadError() {
    int code = Z_OK;
    const char* message = gzerror(file_, &code);
    if (code == Z_ERRNO) {
      return Fail(ErrorCode::kUnavailable, "reading " + path_ + ": " + ByteSourceErrnoText(errno));
    }
    // zlib's messages name the fault ("invalid block type", "unexpected end of file"), never
    // the data.
    return Fail(ErrorCode::kFailedPrecondition,
                path_ + ": corrupt or truncated gzip data (" + (message ? message : "?") + ")");
  }

  gzFile file_;
  std::string path_;
  bool checked_direct_ = false;
};

class InMemorySource final : public ByteSource {
 public:
  InMemorySource(std::string_view bytes, std::size_t max_read)
      : bytes_(bytes), max_read_(std::max<std::size_t>(1, max_read)) {}

  Result<std::size_t> Read(std::span<char> into) override {
    const std::size_t n = std::min({into.size(), bytes_.size(), max_read_});
    std::memcpy(into.data(), bytes_.data(), n);
    bytes_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view bytes_;
  std::size_t max_read_;
};

}  // namespace

Result<FileStamp> StampOf(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return Fail(ErrorCode::kUnavailable,
                "cannot stat " + path.string() + ": " + ByteSourceErrnoText(errno));
  }
  return StampFrom(info);
}

bool IsGzipPath(const std::filesystem::path& path) { return path.extension() == ".gz"; }

Result<OpenedFile> OpenFileSource(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    return Fail(ErrorCode::kUnavailable,
                "cannot open " + path.string() + ": " + ByteSourceErrnoText(errno));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    return Fail(ErrorCode::kUnavailable,
                "cannot stat " + path.string() + ": " + ByteSourceErrnoText(errno));
  }
  if (!S_ISREG(info.st_mode)) {
    return Fail(ErrorCode::kFailedPrecondition, path.string() + " is not a regular file");
  }
  OpenedFile opened{.source = nullptr, .stamp = StampFrom(info)};
  if (!IsGzipPath(path)) {
    opened.source = std::make_unique<PlainSource>(fd.release(), path.string());
    return opened;
  }
  gzFile file = gzdopen(fd.get(), "rb");
  if (file == nullptr) {
    return Fail(ErrorCode::kUnavailable, "cannot open " + path.string() + " for gunzipping");
  }
  fd.release();  // gzclose_r closes it now
  gzbuffer(file, 256 * 1024);
  opened.source = std::make_unique<GzipSource>(file, path.string());
  return opened;
}

std::unique_ptr<ByteSource> MemorySource(std::string_view bytes, std::size_t max_read) {
  return std::make_unique<InMemorySource>(bytes, max_read);
}

}  // namespace rightsdesk::connectors
