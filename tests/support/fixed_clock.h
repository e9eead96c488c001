// A clock the test sets by hand.
#pragma once

#include <atomic>

#include "core/time.h"

namespace rightsdesk::testing {

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant now) : micros_(ToMicros(now)) {}
  Instant Now() const override { return FromMicros(micros_.load()); }
  void Set(Instant now) { micros_.store(ToMicros(now)); }

 private:
  std::atomic<std::int64_t> micros_;
};

}  // namespace rightsdesk::testing
