#include "core/random.h"

#include <array>

#include "core/hex.h"

namespace rightsdesk {

std::string NewUuid(Random& random) {
  std::array<std::uint8_t, 16> b{};
  random.Fill(b);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::string hex = ToHex(b);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

}  // namespace rightsdesk
