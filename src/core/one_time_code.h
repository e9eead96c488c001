// One-time codes: six decimal digits sent to the consumer (by email today, SMS later) to prove
// that the person at the keyboard controls the address the request gave. Used before an access
// package is downloaded (DESIGN.md 2.5: "an expiring link that needs the verified identity
// again") and, later, to verify identity (DESIGN.md 2.4: "email/SMS one-time code").
//
// The rules live here, pure: how a code is drawn, how long it lives, how many attempts and how
// many codes a purpose gets, and what one attempt means. The store keeps only a keyed hash of a
// code and applies these rules inside the transaction that counts the attempt.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/random.h"
#include "core/time.h"

namespace rightsdesk {

inline constexpr std::size_t kOneTimeCodeDigits = 6;

struct OneTimeCodePolicy {
  std::chrono::minutes lifetime{10};
  int max_attempts = 5;  // attempts on one code, right or wrong; then it is locked
  int max_issued = 5;    // codes issued for one purpose, ever
};

// What checking a code found. Every outcome but kAccepted refuses.
enum class CodeOutcome {
  kAccepted,       // the code matched, within its life and attempts; it is now used
  kWrong,          // no match; attempts are left on this code
  kExpired,        // the code outlived its lifetime
  kLocked,         // the code's attempts are spent (this one may have been the last)
  kUsed,           // the code was accepted once already
  kNoneIssued,     // no code was issued for this purpose
  kTooManyIssued,  // asking for one more code than a purpose may have
};

// "accepted", "wrong", "expired", "locked", "used", "none_issued", "too_many_issued".
std::string_view Name(CodeOutcome outcome);

// A fresh code: kOneTimeCodeDigits decimal digits, leading zeros kept, every value from 000000 to
// 999999 equally likely (rejection sampling over 32-bit draws, never a biased modulo).
std::string NewOneTimeCode(Random& random);

// The code as typed ("123 456", "123-456" and surrounding spaces are forgiven), or nullopt when it
// is not six digits. A malformed entry is not an attempt: callers ask again without counting.
std::optional<std::string> ParseOneTimeCode(std::string_view typed);

// Whether one more code may be issued for a purpose that already has `issued` codes.
bool MayIssueCode(int issued, const OneTimeCodePolicy& policy);

// A code as the store keeps it, before an attempt.
struct CodeState {
  Instant expires_at;
  int attempts = 0;  // attempts made before this one
  bool used = false;
};

// One attempt judged: its outcome, and what the store records.
struct CodeJudgement {
  CodeOutcome outcome = CodeOutcome::kWrong;
  int attempts = 0;       // the code's attempts, this one included
  int attempts_left = 0;  // on this code after a wrong attempt; 0 for every other outcome
  bool use = false;       // mark the code used (accepted)
};

// Judges one attempt on a code in `state` at `now`; `matches` says whether the typed code is the
// code (compared in constant time by the caller). Used, locked and expired are checked before the
// match, so a spent code says so whatever is typed. Every attempt counts.
CodeJudgement JudgeCodeAttempt(const CodeState& state, bool matches, Instant now,
                               const OneTimeCodePolicy& policy);

}  // namespace rightsdesk
