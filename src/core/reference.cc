#include "core/reference.h"

#include <cctype>
#include <cstdio>

namespace rightsdesk {

std::string FormatReference(int year, std::int64_t sequence) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "RD-%04d-%05lld", year, static_cast<long long>(sequence));
  return buf;
}

bool LooksLikeReference(std::string_view text) {
  if (text.size() < 13 || !text.starts_with("RD-") || text[7] != '-') return false;
  for (std::size_t i = 3; i < text.size(); ++i) {
    if (i == 7) continue;
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return text.size() <= 20;
}

std::optional<std::string> FindReference(std::string_view text) {
  for (std::size_t at = text.find("RD-"); at != std::string_view::npos;
       at = text.find("RD-", at + 1)) {
    std::size_t end = at + 3;
    while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) != 0 ||
                                 (end == at + 7 && text[end] == '-'))) {
      ++end;
    }
    std::string_view candidate = text.substr(at, end - at);
    if (LooksLikeReference(candidate)) return std::string(candidate);
  }
  return std::nullopt;
}

}  // namespace rightsdesk
