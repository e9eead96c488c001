#include "security/sodium_random.h"

#include <sodium.h>

#include "security/sodium_init.h"

namespace rightsdesk::security {

SodiumRandom::SodiumRandom() { EnsureSodium(); }

void SodiumRandom::Fill(std::span<std::uint8_t> out) { randombytes_buf(out.data(), out.size()); }

}  // namespace rightsdesk::security
