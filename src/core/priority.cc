#include "core/priority.h"

#include <array>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<Priority>, 3> kPriorityNames{{
    {Priority::kHigh, "high"},
    {Priority::kMedium, "medium"},
    {Priority::kLow, "low"},
}};

}  // namespace

std::string_view Name(Priority priority) { return NameIn(kPriorityNames, priority); }
std::optional<Priority> ParsePriority(std::string_view name) {
  return ParseIn(kPriorityNames, name);
}
std::string PriorityNames() { return NamesIn(kPriorityNames); }

}  // namespace rightsdesk
