#pragma once

namespace rightsdesk::security {

// Initialises libsodium once; safe to call from any thread, any number of times. Aborts if the
// library cannot initialise (no secure randomness: nothing else is safe to do).
void EnsureSodium();

}  // namespace rightsdesk::security
