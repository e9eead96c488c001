#include "platform/system_clock.h"

namespace rightsdesk::platform {

Instant SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

}  // namespace rightsdesk::platform
