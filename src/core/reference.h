// Human references for requests: "RD-<year of receipt>-<sequence in that year, 5+ digits>".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rightsdesk {

std::string FormatReference(int year, std::int64_t sequence);
// True for text of the form RD-YYYY-NNNNN (five or more digits).
bool LooksLikeReference(std::string_view text);
// The first reference written in free text ("Re: your request RD-2026-00042"), if any.
std::optional<std::string> FindReference(std::string_view text);

}  // namespace rightsdesk
