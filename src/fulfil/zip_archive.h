// A ZIP archive written in memory with libzip: the package never touches the disk unencrypted.
#pragma once

#include <cstdint>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "fulfil/package_files.h"

namespace rightsdesk::fulfil {

// The files, in order, deflated, each dated `modified` (so the same files give the same bytes),
// with UTF-8 names. kInternal when libzip fails; kInvalidArgument for two files of one path.
[[nodiscard]] Result<std::vector<std::uint8_t>> ZipInMemory(const std::vector<PackageFile>& files,
                                                            Instant modified);

}  // namespace rightsdesk::fulfil
