// categories/<category>.csv: the pieces of one category, one line per field, for spreadsheets.
#include <cstddef>

#include "fulfil/package_files.h"

namespace rightsdesk::fulfil {
namespace {

// Without it, spreadsheet programs read UTF-8 as their local code page and garble accents.
constexpr char kByteOrderMark[] = "\xEF\xBB\xBF";
constexpr char kHeader[] = "system,table,record,field,value\r\n";

bool StartsFormula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

// A JSON number is written as a number: "-12.5" is data, not a formula, and stays unguarded.
std::string ValueCell(const PackageField& field) {
  if (field.withheld) {
    return CsvCell("[withheld: " + std::string(Name(*field.withheld)) + "]");
  }
  return CsvCell(ValueText(field.value), !field.value.is_number());
}

void AppendLines(const PackageSystem& system, PiCategory category, std::string& csv,
                 std::size_t& lines) {
  for (const PackageTable& table : system.tables) {
    for (const PackageRecord& record : table.records) {
      for (const PackageField& field : record.fields) {
        if (field.category != category) continue;
        csv += CsvCell(system.name) + ',' + CsvCell(table.name) + ',' + CsvCell(record.label) +
               ',' + CsvCell(field.name) + ',' + ValueCell(field) + "\r\n";
        ++lines;
      }
    }
  }
}

}  // namespace

std::string CsvCell(std::string_view text, bool guard_formula) {
  std::string cell;
  if (guard_formula && StartsFormula(text)) cell += '\'';
  cell += text;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::vector<PackageFile> PackageCategoryCsvs(const PackageContent& content) {
  std::vector<PackageFile> files;
  for (PiCategory category : kAllPiCategories) {
    std::string csv = std::string(kByteOrderMark) + kHeader;
    std::size_t lines = 0;
    for (const PackageSystem& system : content.systems) {
      AppendLines(system, category, csv, lines);
    }
    if (lines > 0) {
      files.push_back({"categories/" + std::string(Name(category)) + ".csv", std::move(csv)});
    }
  }
  return files;
}

}  // namespace rightsdesk::fulfil
