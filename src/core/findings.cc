#include "core/findings.h"

namespace rightsdesk {

std::size_t SystemFindings::RowCount() const {
  std::size_t count = 0;
  for (const auto& table : tables) count += table.rows.size();
  return count;
}

const FoundTable* SystemFindings::Table(const std::string& name) const {
  for (const auto& table : tables) {
    if (table.table == name) return &table;
  }
  return nullptr;
}

}  // namespace rightsdesk
