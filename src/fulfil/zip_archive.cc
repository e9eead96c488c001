#include "fulfil/zip_archive.h"

#include <zip.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <string>

namespace rightsdesk::fulfil {
namespace {

struct SourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
struct ArchiveDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using SourcePtr = std::unique_ptr<zip_source_t, SourceFree>;
using ArchivePtr = std::unique_ptr<zip_t, ArchiveDiscard>;

std::unexpected<Error> ZipFailure(std::string_view doing, zip_error_t* error) {
  std::string message = "ZIP: " + std::string(doing) + ": " + zip_error_strerror(error);
  zip_error_fini(error);
  return Fail(ErrorCode::kInternal, std::move(message));
}

// The finished archive's bytes, read back from the in-memory source it was written to.
Result<std::vector<std::uint8_t>> ReadBack(zip_source_t* source) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(source, &stat) < 0 || zip_source_open(source) < 0) {
    return ZipFailure("reading the archive", zip_source_error(source));
  }
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(stat.size));
  const zip_int64_t read = zip_source_read(source, bytes.data(), bytes.size());
  zip_source_close(source);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    return Fail(ErrorCode::kInternal, "ZIP: reading the archive: short read");
  }
  return bytes;
}

}  // namespace

Result<std::vector<std::uint8_t>> ZipInMemory(const std::vector<PackageFile>& files,
                                              Instant modified) {
  zip_error_t error;
  zip_error_init(&error);
  SourcePtr buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) return ZipFailure("creating the buffer", &error);
  ArchivePtr archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
  if (!archive) return ZipFailure("opening the archive", &error);
  // The archive now owns one reference to the buffer; keep one to read the result after
  // zip_close, which releases the archive's.
  zip_source_keep(buffer.get());
  const auto mtime = static_cast<std::time_t>(
      std::chrono::floor<std::chrono::seconds>(modified).time_since_epoch().count());
  for (const PackageFile& file : files) {
    // Not copied: `files` outlives zip_close below.
    SourcePtr data(zip_source_buffer(archive.get(), file.bytes.data(), file.bytes.size(), 0));
    if (!data) return ZipFailure("adding " + file.path, zip_get_error(archive.get()));
    const zip_int64_t index =
        zip_file_add(archive.get(), file.path.c_str(), data.get(), ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      if (zip_error_code_zip(zip_get_error(archive.get())) == ZIP_ER_EXISTS) {
        return Fail(ErrorCode::kInvalidArgument, "ZIP: two files named " + file.path);
      }
      return ZipFailure("adding " + file.path, zip_get_error(archive.get()));
    }
    data.release();  // the archive owns it now
    const auto entry = static_cast<zip_uint64_t>(index);
    if (zip_file_set_mtime(archive.get(), entry, mtime, 0) < 0 ||
        zip_set_file_compression(archive.get(), entry, ZIP_CM_DEFLATE, 9) < 0) {
      return ZipFailure("dating " + file.path, zip_get_error(archive.get()));
    }
  }
  if (zip_close(archive.get()) < 0) {
    return ZipFailure("writing the archive", zip_get_error(archive.get()));
  }
  archive.release();  // zip_close freed it
  return ReadBack(buffer.get());
}

}  // namespace rightsdesk::fulfil
