#include "core/one_time_code.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<CodeOutcome>, 7> kOneTimeCodeNames{{
    {CodeOutcome::kAccepted, "accepted"},
    {CodeOutcome::kWrong, "wrong"},
    {CodeOutcome::kExpired, "expired"},
    {CodeOutcome::kLocked, "locked"},
    {CodeOutcome::kUsed, "used"},
    {CodeOutcome::kNoneIssued, "none_issued"},
    {CodeOutcome::kTooManyIssued, "too_many_issued"},
}};

constexpr std::uint32_t kCodeSpace = 1'000'000;  // 10^kOneTimeCodeDigits
// The largest multiple of kCodeSpace that fits in 32 bits: draws at or above it are rejected, so
// that every remainder is reached by exactly as many draws (2^32 = 4294 * 10^6 + 967296).
constexpr std::uint64_t kAcceptBelow =
    (std::uint64_t{1} << 32) - ((std::uint64_t{1} << 32) % kCodeSpace);

std::uint32_t Draw(Random& random) {
  std::array<std::uint8_t, 4> bytes{};
  random.Fill(bytes);
  return static_cast<std::uint32_t>(bytes[0]) << 24 | static_cast<std::uint32_t>(bytes[1]) << 16 |
         static_cast<std::uint32_t>(bytes[2]) << 8 | static_cast<std::uint32_t>(bytes[3]);
}

}  // namespace

std::string_view Name(CodeOutcome outcome) { return NameIn(kOneTimeCodeNames, outcome); }

std::string NewOneTimeCode(Random& random) {
  std::uint32_t value = Draw(random);
  while (value >= kAcceptBelow) value = Draw(random);  // rejected with probability 2.3e-4
  value %= kCodeSpace;
  std::string code(kOneTimeCodeDigits, '0');
  for (auto digit = code.rbegin(); digit != code.rend(); ++digit, value /= 10) {
    *digit = static_cast<char>('0' + value % 10);
  }
  return code;
}

std::optional<std::string> ParseOneTimeCode(std::string_view typed) {
  std::string digits;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c < '0' || c > '9' || digits.size() == kOneTimeCodeDigits) return std::nullopt;
    digits += c;
  }
  if (digits.size() != kOneTimeCodeDigits) return std::nullopt;
  return digits;
}

bool MayIssueCode(int issued, const OneTimeCodePolicy& policy) {
  return issued < policy.max_issued;
}

CodeJudgement JudgeCodeAttempt(const CodeState& state, bool matches, Instant now,
                               const OneTimeCodePolicy& policy) {
  CodeJudgement judged{.attempts = state.attempts + 1};
  const int left = std::max(0, policy.max_attempts - judged.attempts);
  if (state.used) {
    judged.outcome = CodeOutcome::kUsed;
  } else if (state.attempts >= policy.max_attempts) {
    judged.outcome = CodeOutcome::kLocked;
  } else if (now >= state.expires_at) {
    judged.outcome = CodeOutcome::kExpired;
  } else if (matches) {
    judged.outcome = CodeOutcome::kAccepted;
    judged.use = true;
  } else {
    judged.outcome = left > 0 ? CodeOutcome::kWrong : CodeOutcome::kLocked;
    judged.attempts_left = left;
  }
  return judged;
}

}  // namespace rightsdesk
