#include "platform/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace rightsdesk::platform {
namespace {

Error IoError(std::string_view what, const std::filesystem::path& path, int err) {
  return Error(ErrorCode::kUnavailable,
               std::string(what) + " " + path.string() + ": " + std::strerror(err));
}

Result<void> SyncDirectory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return std::unexpected(IoError("opening directory", dir, errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return std::unexpected(IoError("syncing directory", dir, err));
  return {};
}

}  // namespace

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Fail(ErrorCode::kNotFound, path.string() + " does not exist");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(IoError("reading", path, errno));
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return std::unexpected(IoError("reading", path, errno));
  return buf.str();
}

Result<void> WriteFileAtomic(const std::filesystem::path& path, std::string_view contents,
                             unsigned mode, bool overwrite) {
  std::error_code ec;
  if (!overwrite && std::filesystem::exists(path, ec)) {
    return Fail(ErrorCode::kAlreadyExists, path.string() + " already exists");
  }
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) return std::unexpected(IoError("creating", tmp, errno));
  ::fchmod(fd, static_cast<mode_t>(mode));  // in case the file existed with other permissions
  std::size_t done = 0;
  while (done < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return std::unexpected(IoError("writing", tmp, err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    return std::unexpected(IoError("syncing", tmp, err));
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return std::unexpected(IoError("renaming into place", path, errno));
  }
  return SyncDirectory(path.parent_path().empty() ? "." : path.parent_path());
}

Result<void> EnsureDirectory(const std::filesystem::path& path, unsigned mode) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return {};
  std::filesystem::create_directories(path, ec);
  if (ec) {
    return Fail(ErrorCode::kUnavailable,
                "creating directory " + path.string() + ": " + ec.message());
  }
  if (::chmod(path.c_str(), static_cast<mode_t>(mode)) != 0) {
    return std::unexpected(IoError("setting permissions of", path, errno));
  }
  return {};
}

}  // namespace rightsdesk::platform
