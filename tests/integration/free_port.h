// A TCP port on 127.0.0.1 that nothing listens on (for a test server to take).
#pragma once

namespace rightsdesk::testing {

unsigned short FreePort();

}  // namespace rightsdesk::testing
