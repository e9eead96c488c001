// Work priority shown in the queue. The rules that compute it (type, days left, minor, ...) come
// with the prioritisation engine; until then a request starts at its type's default.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/request_type.h"

namespace rightsdesk {

enum class Priority { kHigh, kMedium, kLow };

std::string_view Name(Priority priority);
std::optional<Priority> ParsePriority(std::string_view name);
std::string PriorityNames();

// Opt-out and limit requests have the shortest clock (15 business days in California) and no
// verification step, so they start high; everything else starts medium.
Priority DefaultPriority(RequestType type);

}  // namespace rightsdesk
