// A data file compiled into the binary (see cmake/EmbedFiles.cmake): default rules, calendars,
// schema migrations. The bytes live for the whole program.
#pragma once

#include <string_view>

namespace rightsdesk {

struct EmbeddedFile {
  std::string_view name;
  std::string_view contents;
};

}  // namespace rightsdesk
