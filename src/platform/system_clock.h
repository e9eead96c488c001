// The real clock. Thread-safe.
#pragma once

#include "core/time.h"

namespace rightsdesk::platform {

class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

}  // namespace rightsdesk::platform
