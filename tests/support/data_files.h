// Reading the tab-separated expectation files in tests/data.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace rightsdesk::testing {

// The rows of tests/data/<name>, split on tabs; lines starting with '#' are skipped.
inline std::vector<std::vector<std::string>> ReadTsv(const std::string& name) {
  std::ifstream in(std::string(RIGHTSDESK_TEST_DATA_DIR) + "/" + name);
  if (!in) throw std::runtime_error("cannot open tests/data/" + name);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
    rows.push_back(std::move(fields));
  }
  return rows;
}

}  // namespace rightsdesk::testing
