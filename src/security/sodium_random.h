// Cryptographically secure randomness from libsodium. Thread-safe.
#pragma once

#include "core/random.h"

namespace rightsdesk::security {

class SodiumRandom final : public Random {
 public:
  SodiumRandom();
  void Fill(std::span<std::uint8_t> out) override;
};

}  // namespace rightsdesk::security
