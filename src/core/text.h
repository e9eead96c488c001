// Checks on text that comes from outside, done once at the boundary so the rest of the system can
// rely on it (e.g. JSON encoding needs valid UTF-8).
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk {

bool IsValidUtf8(std::string_view text);

struct TextLimits {
  std::size_t max_bytes = 200;
  bool allow_newlines = false;  // \n, \r and \t
};

// Trims surrounding ASCII whitespace and checks: valid UTF-8, no control characters (unless
// newlines are allowed), at most max_bytes. `field` names the input in the error ("/subject/name").
Result<std::string> CleanText(std::string_view text, const TextLimits& limits,
                              std::string_view field);

std::string_view TrimAscii(std::string_view text);

// A mail folder name that can go on an IMAP command line unquoted: 1 to 200 of letters, digits,
// ". _ - /", not starting or ending with "/".
bool IsSimpleMailboxName(std::string_view name);

}  // namespace rightsdesk
