#include "security/rate_limiter.h"

#include <gtest/gtest.h>

#include "support/fixed_clock.h"

namespace rightsdesk::security {
namespace {

TEST(RateLimiterTest, AllowsTheBurstThenRefillsAtTheRate) {
  testing::FixedClock clock(*ParseInstant("2026-11-24T18:00:00.000000Z"));
  RateLimiter limiter({.per_minute = 6, .burst = 3}, clock);  // one token every 10 s
  int retry = 0;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("1.2.3.4", retry)) << i;
  EXPECT_FALSE(limiter.Allow("1.2.3.4", retry));
  EXPECT_EQ(retry, 10);
  EXPECT_TRUE(limiter.Allow("5.6.7.8", retry));  // keys are independent
  clock.Set(clock.Now() + std::chrono::seconds(5));
  EXPECT_FALSE(limiter.Allow("1.2.3.4", retry));
  EXPECT_EQ(retry, 5);
  clock.Set(clock.Now() + std::chrono::seconds(5));
  EXPECT_TRUE(limiter.Allow("1.2.3.4", retry));
  EXPECT_FALSE(limiter.Allow("1.2.3.4", retry));
  clock.Set(clock.Now() + std::chrono::hours(1));  // never more than the burst
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("1.2.3.4", retry)) << i;
  EXPECT_FALSE(limiter.Allow("1.2.3.4", retry));
}

TEST(RateLimiterTest, ForgettingKeysKeepsMemoryBoundedAndNeverPunishes) {
  testing::FixedClock clock(*ParseInstant("2026-11-24T18:00:00.000000Z"));
  RateLimiter limiter({.per_minute = 1, .burst = 1}, clock, /*max_keys=*/100);
  int retry = 0;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(limiter.Allow("key" + std::to_string(i), retry)) << i;  // each new key: full
  }
}

}  // namespace
}  // namespace rightsdesk::security
