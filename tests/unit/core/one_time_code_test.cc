// One-time codes: six digits drawn without bias, what a consumer may type, and the policy's edges
// (lifetime, attempts, single use, codes per purpose).
#include "core/one_time_code.h"

#include <gtest/gtest.h>

#include <array>
#include <deque>
#include <vector>

#include "support/seeded_random.h"

namespace rightsdesk {
namespace {

using std::chrono::microseconds;
using std::chrono::minutes;

// Hands out the given 32-bit values, big-endian, one per 4-byte draw, and counts the draws.
class ScriptedRandom final : public Random {
 public:
  explicit ScriptedRandom(std::deque<std::uint32_t> values) : values_(std::move(values)) {}
  void Fill(std::span<std::uint8_t> out) override {
    ASSERT_EQ(out.size(), 4u);
    ASSERT_FALSE(values_.empty()) << "drew more than the script holds";
    const std::uint32_t v = values_.front();
    values_.pop_front();
    for (std::size_t i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
    ++draws_;
  }
  int draws() const { return draws_; }

 private:
  std::deque<std::uint32_t> values_;
  int draws_ = 0;
};

std::string CodeFrom(std::deque<std::uint32_t> script, int* draws = nullptr) {
  ScriptedRandom random(std::move(script));
  std::string code = NewOneTimeCode(random);
  if (draws != nullptr) *draws = random.draws();
  return code;
}

TEST(NewOneTimeCodeTest, IsSixDigitsWithLeadingZerosKept) {
  EXPECT_EQ(CodeFrom({0}), "000000");
  EXPECT_EQ(CodeFrom({42}), "000042");
  EXPECT_EQ(CodeFrom({999'999}), "999999");
  EXPECT_EQ(CodeFrom({1'000'000}), "000000");
  EXPECT_EQ(CodeFrom({3'123'456'789}), "456789");
}

TEST(NewOneTimeCodeTest, DrawsBeyondTheLastWholeBlockAreRejectedNotFolded) {
  // 2^32 = 4294 * 10^6 + 967296: the draws from 4294000000 up would make 000000..967295 likelier.
  int draws = 0;
  EXPECT_EQ(CodeFrom({4'294'000'000U, 4'294'967'295U, 123'456}, &draws), "123456");
  EXPECT_EQ(draws, 3);
  EXPECT_EQ(CodeFrom({4'293'999'999U}, &draws), "999999");  // the last accepted draw
  EXPECT_EQ(draws, 1);
}

// Pearson's chi-square statistic of `counts` against equal expected counts.
double ChiSquare(const std::vector<int>& counts, int total) {
  const double expected = static_cast<double>(total) / static_cast<double>(counts.size());
  double chi = 0;
  for (int count : counts) chi += (count - expected) * (count - expected) / expected;
  return chi;
}

TEST(NewOneTimeCodeTest, EveryDigitAndTheValuesAreUniformOverManyDraws) {
  testing::SeededRandom random(20261124);
  constexpr int kDraws = 200'000;
  std::array<std::vector<int>, kOneTimeCodeDigits> digits;
  digits.fill(std::vector<int>(10, 0));
  std::vector<int> hundredths(100, 0);  // the value's bucket: 000000-009999, 010000-019999, ...
  for (int i = 0; i < kDraws; ++i) {
    const std::string code = NewOneTimeCode(random);
    ASSERT_EQ(code.size(), kOneTimeCodeDigits);
    for (std::size_t d = 0; d < kOneTimeCodeDigits; ++d) {
      ++digits[d][static_cast<std::size_t>(code[d] - '0')];
    }
    ++hundredths[static_cast<std::size_t>(std::stoi(code) / 10'000)];
  }
  // Critical values at p = 0.001 (9 and 99 degrees of freedom): a fair source stays below them
  // (and the fixed seed makes the test deterministic).
  for (std::size_t d = 0; d < kOneTimeCodeDigits; ++d) {
    EXPECT_LT(ChiSquare(digits[d], kDraws), 27.88) << "digit " << d;
  }
  EXPECT_LT(ChiSquare(hundredths, kDraws), 148.23);
}

TEST(ParseOneTimeCodeTest, ForgivesSpacesAndDashesOnly) {
  EXPECT_EQ(ParseOneTimeCode("012345"), "012345");
  EXPECT_EQ(ParseOneTimeCode(" 012 345 "), "012345");
  EXPECT_EQ(ParseOneTimeCode("012-345"), "012345");
  for (const char* bad :
       {"", "12345", "1234567", "12345a", "012 3456", "١٢٣٤٥٦", "+12345", "123456\n"}) {
    EXPECT_FALSE(ParseOneTimeCode(bad)) << "'" << bad << "'";
  }
}

TEST(OneTimeCodePolicyTest, DefaultsAreTenMinutesFiveAttemptsFiveCodes) {
  const OneTimeCodePolicy policy;
  EXPECT_EQ(policy.lifetime, minutes(10));
  EXPECT_EQ(policy.max_attempts, 5);
  EXPECT_EQ(policy.max_issued, 5);
  EXPECT_TRUE(MayIssueCode(0, policy));
  EXPECT_TRUE(MayIssueCode(4, policy));
  EXPECT_FALSE(MayIssueCode(5, policy));
  EXPECT_FALSE(MayIssueCode(6, policy));
}

class JudgeCodeAttemptTest : public ::testing::Test {
 protected:
  CodeJudgement Judge(int attempts, bool matches, Instant now, bool used = false) {
    return JudgeCodeAttempt({.expires_at = expires_, .attempts = attempts, .used = used}, matches,
                            now, policy_);
  }
  OneTimeCodePolicy policy_;
  Instant issued_ = *ParseInstant("2026-11-24T18:00:00.000000Z");
  Instant expires_ = issued_ + minutes(10);
};

TEST_F(JudgeCodeAttemptTest, TheRightCodeWithinItsLifeIsAcceptedAndUsed) {
  const CodeJudgement judged = Judge(0, true, issued_);
  EXPECT_EQ(judged.outcome, CodeOutcome::kAccepted);
  EXPECT_TRUE(judged.use);
  EXPECT_EQ(judged.attempts, 1);
  EXPECT_EQ(Judge(4, true, expires_ - microseconds(1)).outcome, CodeOutcome::kAccepted);
}

TEST_F(JudgeCodeAttemptTest, AWrongCodeCountsAndTheFifthLocks) {
  for (int before = 0; before < 4; ++before) {
    const CodeJudgement judged = Judge(before, false, issued_);
    EXPECT_EQ(judged.outcome, CodeOutcome::kWrong);
    EXPECT_EQ(judged.attempts, before + 1);
    EXPECT_EQ(judged.attempts_left, 4 - before);
    EXPECT_FALSE(judged.use);
  }
  const CodeJudgement fifth = Judge(4, false, issued_);
  EXPECT_EQ(fifth.outcome, CodeOutcome::kLocked);
  EXPECT_EQ(fifth.attempts_left, 0);
}

TEST_F(JudgeCodeAttemptTest, ALockedCodeRefusesEvenTheRightCode) {
  const CodeJudgement judged = Judge(5, true, issued_);
  EXPECT_EQ(judged.outcome, CodeOutcome::kLocked);
  EXPECT_FALSE(judged.use);
  EXPECT_EQ(judged.attempts, 6);  // still counted
}

TEST_F(JudgeCodeAttemptTest, ACodeExpiresAtTheEndOfItsLifetime) {
  EXPECT_EQ(Judge(0, true, expires_).outcome, CodeOutcome::kExpired);
  EXPECT_EQ(Judge(0, false, expires_ + minutes(1)).outcome, CodeOutcome::kExpired);
  EXPECT_FALSE(Judge(0, true, expires_).use);
}

TEST_F(JudgeCodeAttemptTest, AUsedCodeSaysUsedWhateverElseIsTrue) {
  EXPECT_EQ(Judge(1, true, issued_, true).outcome, CodeOutcome::kUsed);
  EXPECT_EQ(Judge(5, true, expires_, true).outcome, CodeOutcome::kUsed);
  EXPECT_EQ(Judge(1, true, issued_, true).attempts_left, 0);
}

TEST(CodeOutcomeTest, NamesAreTheAuditTrailsWords) {
  EXPECT_EQ(Name(CodeOutcome::kAccepted), "accepted");
  EXPECT_EQ(Name(CodeOutcome::kWrong), "wrong");
  EXPECT_EQ(Name(CodeOutcome::kExpired), "expired");
  EXPECT_EQ(Name(CodeOutcome::kLocked), "locked");
  EXPECT_EQ(Name(CodeOutcome::kUsed), "used");
  EXPECT_EQ(Name(CodeOutcome::kNoneIssued), "none_issued");
  EXPECT_EQ(Name(CodeOutcome::kTooManyIssued), "too_many_issued");
}

}  // namespace
}  // namespace rightsdesk
