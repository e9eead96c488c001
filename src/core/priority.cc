#include "core/priority.h"

#include <array>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<Priority>, 3> kNames{{
    {Priority::kHigh, "high"},
    {Priority::kMedium, "medium"},
    {Priority::kLow, "low"},
}};

}  // namespace

std::string_view Name(Priority priority) { return NameIn(kNames, priority); }
std::optional<Priority> ParsePriority(std::string_view name) { return ParseIn(kNames, name); }
std::string PriorityNames() { return NamesIn(kNames); }

}  // namespace rightsdesk
