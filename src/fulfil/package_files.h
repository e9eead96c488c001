// The files of the access package, each rendered from the assembled content
// (package_content.h). docs/access-package.md describes what each holds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "fulfil/access_package.h"
#include "fulfil/package_content.h"

namespace rightsdesk::fulfil {

// One file of the ZIP: its path inside the archive and its bytes.
struct PackageFile {
  std::string path;
  std::string bytes;
};

// data.json (docs/schemas/access-package.schema.json), pretty-printed UTF-8.
std::string PackageDataJson(const PackageContent& content);

// categories/<category>.csv for every category with at least one field found, in
// kAllPiCategories order: UTF-8 with a byte order mark, RFC 4180 (CRLF, quoted when needed),
// header "system,table,record,field,value", one line per field of each record.
std::vector<PackageFile> PackageCategoryCsvs(const PackageContent& content);

// One RFC 4180 cell. With `guard_formula`, text starting with = + - @ tab or carriage return
// gets a leading apostrophe, so that a spreadsheet shows it instead of evaluating it.
std::string CsvCell(std::string_view text, bool guard_formula = true);

// README.txt: what each file holds, in plain words.
std::string PackageReadme(const PackageContent& content);

}  // namespace rightsdesk::fulfil
