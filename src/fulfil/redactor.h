// Redaction of other people's personal information in the values of an access package: a consumer
// has a right to their own data, not to what their records say about others (a support note
// naming a relative). Staff give RE2 patterns; every match in a string value becomes
// "[redacted]".
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/error.h"

namespace re2 {
class RE2;
}

namespace rightsdesk::fulfil {

class Redactor {
 public:
  // A redactor that changes nothing.
  Redactor() = default;

  // Compiles the patterns (RE2 syntax, UTF-8). kInvalidArgument for the first pattern that does
  // not compile or that matches the empty string (it would match between every character); the
  // message and the field ("/redact_patterns/<i>") name its index, never its text, which may
  // itself be personal data.
  static Result<Redactor> Compile(const std::vector<std::string>& patterns);

  // Replaces every non-empty match of any pattern in `text` by kRedactedPlaceholder: the leftmost
  // match of any pattern first (the longest of those starting there), then on after it, so a
  // placeholder is never matched again. True when something was replaced.
  bool Apply(std::string& text) const;

 private:
  // Shared: a compiled RE2 is immutable and thread-safe.
  std::vector<std::shared_ptr<const re2::RE2>> patterns_;
};

}  // namespace rightsdesk::fulfil
