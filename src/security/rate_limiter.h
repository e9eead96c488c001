// Token-bucket rate limits per key (an IP address, an email, an agent): `burst` requests at once,
// then `per_minute` on average. In memory, per process; at most `max_keys` buckets are kept (the
// fullest are forgotten first, which only ever forgives). Thread-safe.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/time.h"

namespace rightsdesk::security {

struct RateLimit {
  double per_minute = 10;
  double burst = 20;
};

class RateLimiter {
 public:
  RateLimiter(RateLimit limit, const Clock& clock, std::size_t max_keys = 100'000);

  // Takes one token for `key` if it has one. Otherwise returns false and sets `retry_after_s`
  // to the whole seconds until one is available.
  bool Allow(std::string_view key, int& retry_after_s);

 private:
  struct Bucket {
    double tokens = 0;
    Instant at;
  };
  void Forget();

  RateLimit limit_;
  const Clock& clock_;
  std::size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace rightsdesk::security
