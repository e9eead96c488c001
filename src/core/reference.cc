#include "core/reference.h"

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

}  // namespace rightsdesk
