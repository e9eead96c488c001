#include "security/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace rightsdesk::security {

RateLimiter::RateLimiter(RateLimit limit, const Clock& clock, std::size_t max_keys)
    : limit_(limit), clock_(clock), max_keys_(std::max<std::size_t>(max_keys, 1)) {}

bool RateLimiter::Allow(std::string_view key, int& retry_after_s) {
  const double per_second = limit_.per_minute / 60.0;
  Instant now = clock_.Now();
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) Forget();
    it = buckets_.emplace(std::string(key), Bucket{limit_.burst, now}).first;
  }
  Bucket& bucket = it->second;
  double elapsed = std::chrono::duration<double>(now - bucket.at).count();
  bucket.tokens = std::min(limit_.burst, bucket.tokens + std::max(0.0, elapsed) * per_second);
  bucket.at = now;
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return true;
  }
  retry_after_s = static_cast<int>(std::ceil((1.0 - bucket.tokens) / per_second));
  return false;
}

void RateLimiter::Forget() {
  // Drop the half of the buckets with the most tokens: those keys are closest to full anyway.
  std::vector<std::pair<double, std::string>> by_tokens;
  by_tokens.reserve(buckets_.size());
  for (const auto& [key, bucket] : buckets_) by_tokens.emplace_back(bucket.tokens, key);
  auto half = by_tokens.begin() + static_cast<std::ptrdiff_t>(by_tokens.size() / 2);
  std::nth_element(by_tokens.begin(), half, by_tokens.end(), std::greater<>());
  for (auto it = by_tokens.begin(); it != half + 1 && it != by_tokens.end(); ++it) {
    buckets_.erase(it->second);
  }
}

}  // namespace rightsdesk::security
