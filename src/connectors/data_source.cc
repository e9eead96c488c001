#include "connectors/data_source.h"

#include "connectors/sql_session.h"

namespace rightsdesk::connectors {

std::string_view Name(CheckFinding::Severity severity) {
  switch (severity) {
    case CheckFinding::Severity::kError:
      return "error";
    case CheckFinding::Severity::kWarning:
      return "warning";
    case CheckFinding::Severity::kInfo:
      return "info";
  }
  return "?";
}

const ColumnShape* TableShape::Column(std::string_view name) const {
  for (const auto& column : columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

}  // namespace rightsdesk::connectors
