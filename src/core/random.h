// The source of randomness for identifiers and secrets. Implementations are thread-safe and
// cryptographically secure (security/sodium_random.h); tests may inject a seeded one.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/time.h"

namespace rightsdesk {

class Random {
 public:
  virtual ~Random() = default;
  virtual void Fill(std::span<std::uint8_t> out) = 0;
};

// A random (version 4) UUID in its 36-character text form.
std::string NewUuid(Random& random);

// A time-ordered (version 7, RFC 9562) UUID: the Unix time in milliseconds, then 74 random bits.
// Ids made later sort later, so rows keyed by them are appended to the end of a B-tree index
// instead of dirtying a random page each (bench/README.md), while staying unguessable enough
// for an internal id (never use one as a secret).
std::string NewTimeOrderedUuid(Instant at, Random& random);

// A UUID (version 8) made from the first 16 bytes of `digest` (at least 16): the same name gives
// the same id, for intakes that must be idempotent (an email's Message-ID).
std::string UuidFromDigest(std::span<const std::uint8_t> digest);

}  // namespace rightsdesk
