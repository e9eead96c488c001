#include "core/random.h"

#include <algorithm>
#include <array>

#include "core/hex.h"

namespace rightsdesk {

namespace {

std::string UuidText(std::array<std::uint8_t, 16>& b, int version) {
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | (version << 4));
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::string hex = ToHex(b);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

}  // namespace

std::string NewUuid(Random& random) {
  std::array<std::uint8_t, 16> b{};
  random.Fill(b);
  return UuidText(b, 4);
}

std::string UuidFromDigest(std::span<const std::uint8_t> digest) {
  std::array<std::uint8_t, 16> b{};
  std::copy_n(digest.begin(), std::min(digest.size(), b.size()), b.begin());
  return UuidText(b, 8);
}

std::string NewTimeOrderedUuid(Instant at, Random& random) {
  std::array<std::uint8_t, 16> b{};
  random.Fill(b);
  auto millis = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count());
  for (int i = 0; i < 6; ++i) {
    b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(millis >> (8 * (5 - i)));
  }
  return UuidText(b, 7);
}

}  // namespace rightsdesk
