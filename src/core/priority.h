// Work priority shown in the queue, computed by the priority rules (priority_rules.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rightsdesk {

enum class Priority { kHigh, kMedium, kLow };

std::string_view Name(Priority priority);
std::optional<Priority> ParsePriority(std::string_view name);
std::string PriorityNames();

}  // namespace rightsdesk
