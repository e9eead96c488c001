// The source of randomness for identifiers and secrets. Implementations are thread-safe and
// cryptographically secure (security/sodium_random.h); tests may inject a seeded one.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace rightsdesk {

class Random {
 public:
  virtual ~Random() = default;
  virtual void Fill(std::span<std::uint8_t> out) = 0;
};

// A random (version 4) UUID in its 36-character text form.
std::string NewUuid(Random& random);

}  // namespace rightsdesk
