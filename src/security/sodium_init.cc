#include "security/sodium_init.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace rightsdesk::security {

void EnsureSodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) {
      std::fputs("rightsdesk: libsodium failed to initialise\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)ready;
}

}  // namespace rightsdesk::security
