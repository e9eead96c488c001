#include "security/api_token.h"

#include <sodium.h>

#include <array>

#include "core/hex.h"
#include "security/sodium_init.h"

namespace rightsdesk::security {

std::string NewApiTokenSecret(Random& random) {
  std::array<std::uint8_t, 32> bytes{};
  random.Fill(bytes);
  std::string token = std::string(kApiTokenPrefix) + ToHex(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return token;
}

Hash HashApiToken(std::string_view token) {
  EnsureSodium();
  Hash hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return hash;
}

bool SameHash(const Hash& a, const Hash& b) {
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace rightsdesk::security
