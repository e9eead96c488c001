#include "core/text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace rightsdesk {

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    auto c = static_cast<std::uint8_t>(text[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      auto cc = static_cast<std::uint8_t>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    bool overlong =
        (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::string_view TrimAscii(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

Result<std::string> CleanText(std::string_view text, const TextLimits& limits,
                              std::string_view field) {
  std::string_view trimmed = TrimAscii(text);
  std::string where(field);
  if (trimmed.size() > limits.max_bytes) {
    return Fail(ErrorCode::kInvalidArgument,
                where + " is longer than " + std::to_string(limits.max_bytes) + " bytes", where);
  }
  if (!IsValidUtf8(trimmed)) {
    return Fail(ErrorCode::kInvalidArgument, where + " is not valid UTF-8", where);
  }
  for (char ch : trimmed) {
    auto c = static_cast<unsigned char>(ch);
    bool newline = c == '\n' || c == '\r' || c == '\t';
    if ((c < 0x20 && !(newline && limits.allow_newlines)) || c == 0x7F) {
      return Fail(ErrorCode::kInvalidArgument, where + " contains a control character", where);
    }
  }
  return std::string(trimmed);
}

bool IsSimpleMailboxName(std::string_view name) {
  return !name.empty() && name.size() <= 200 && name.front() != '/' && name.back() != '/' &&
         std::ranges::all_of(name, [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' ||
                  c == '-' || c == '/';
         });
}

}  // namespace rightsdesk
