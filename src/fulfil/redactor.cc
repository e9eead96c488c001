#include "fulfil/redactor.h"

#include <re2/re2.h>

#include <cstddef>
#include <optional>
#include <string_view>

#include "fulfil/access_package.h"

namespace rightsdesk::fulfil {
namespace {

// RE2's own error text quotes the pattern, so the kind of error is described from its code.
std::string_view Describe(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape:
      return "bad escape sequence";
    case RE2::ErrorBadCharClass:
      return "bad character class";
    case RE2::ErrorBadCharRange:
      return "bad character class range";
    case RE2::ErrorMissingBracket:
      return "missing closing ]";
    case RE2::ErrorMissingParen:
      return "missing closing )";
    case RE2::ErrorUnexpectedParen:
      return "unexpected closing )";
    case RE2::ErrorTrailingBackslash:
      return "trailing \\";
    case RE2::ErrorRepeatArgument:
      return "repetition of nothing";
    case RE2::ErrorRepeatSize:
      return "bad repetition count";
    case RE2::ErrorRepeatOp:
      return "bad repetition operator";
    case RE2::ErrorBadPerlOp:
      return "unsupported Perl syntax (RE2 has no lookaround or backreferences)";
    case RE2::ErrorBadUTF8:
      return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture:
      return "bad named group";
    case RE2::ErrorPatternTooLarge:
      return "pattern too large";
    default:
      return "not a valid pattern";
  }
}

RE2::Options Quiet() {
  RE2::Options options;
  options.set_log_errors(false);  // errors are returned, and the pattern may be personal data
  return options;
}

struct Match {
  std::size_t start = 0;
  std::size_t length = 0;
};

std::size_t NextCodePoint(std::string_view text, std::size_t at) {
  ++at;
  while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  return at;
}

// The leftmost non-empty match of `re` at or after `from`. Patterns such as "\b" match only the
// empty string at some places: those places are skipped.
std::optional<Match> FindFrom(const RE2& re, std::string_view text, std::size_t from) {
  while (from <= text.size()) {
    re2::StringPiece found;
    if (!re.Match(re2::StringPiece(text.data(), text.size()), from, text.size(), RE2::UNANCHORED,
                  &found, 1)) {
      return std::nullopt;
    }
    const auto start = static_cast<std::size_t>(found.data() - text.data());
    if (!found.empty()) return Match{start, found.size()};
    if (start >= text.size()) return std::nullopt;
    from = NextCodePoint(text, start);
  }
  return std::nullopt;
}

}  // namespace

Result<Redactor> Redactor::Compile(const std::vector<std::string>& patterns) {
  Redactor redactor;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    const std::string index = std::to_string(i);
    auto re = std::make_shared<const RE2>(patterns[i], Quiet());
    if (!re->ok()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "redaction pattern " + index +
                      " is not valid RE2: " + std::string(Describe(re->error_code())),
                  "/redact_patterns/" + index);
    }
    if (RE2::FullMatch("", *re)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "redaction pattern " + index + " matches the empty string",
                  "/redact_patterns/" + index);
    }
    redactor.patterns_.push_back(std::move(re));
  }
  return redactor;
}

bool Redactor::Apply(std::string& text) const {
  if (patterns_.empty()) return false;
  // Each pattern's next match, found again only once the scan has passed its start.
  std::vector<std::optional<Match>> next;
  for (const auto& re : patterns_) next.push_back(FindFrom(*re, text, 0));
  std::string out;
  std::size_t done = 0;  // bytes of `text` already copied or replaced
  bool replaced = false;
  while (true) {
    std::optional<Match> best;
    for (std::size_t i = 0; i < patterns_.size(); ++i) {
      if (next[i] && next[i]->start < done) next[i] = FindFrom(*patterns_[i], text, done);
      if (!next[i]) continue;
      if (!best || next[i]->start < best->start ||
          (next[i]->start == best->start && next[i]->length > best->length)) {
        best = next[i];
      }
    }
    if (!best) break;
    out.append(text, done, best->start - done);
    out += kRedactedPlaceholder;
    done = best->start + best->length;
    replaced = true;
  }
  if (!replaced) return false;
  out.append(text, done);
  text = std::move(out);
  return true;
}

}  // namespace rightsdesk::fulfil
