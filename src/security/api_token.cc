#include "security/api_token.h"

#include <sodium.h>

#include <array>

#include "core/hex.h"
#include "security/sodium_init.h"

namespace rightsdesk::security {

namespace {

std::string NewSecret(Random& random, std::string_view prefix) {
  std::array<std::uint8_t, 32> bytes{};
  random.Fill(bytes);
  std::string token = std::string(prefix) + ToHex(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return token;
}

}  // namespace

std::string NewApiTokenSecret(Random& random) { return NewSecret(random, kApiTokenPrefix); }
std::string NewStatusTokenSecret(Random& random) { return NewSecret(random, kStatusTokenPrefix); }
std::string NewSessionTokenSecret(Random& random) { return NewSecret(random, kSessionTokenPrefix); }
std::string NewBrowserId(Random& random) { return NewSecret(random, kBrowserIdPrefix); }
std::string NewPackageTokenSecret(Random& random) { return NewSecret(random, kPackageTokenPrefix); }
std::string NewAgentTokenSecret(Random& random) { return NewSecret(random, kAgentTokenPrefix); }
std::string NewFeedbackTokenSecret(Random& random) {
  return NewSecret(random, kFeedbackTokenPrefix);
}

bool LooksLikeToken(std::string_view token, std::string_view prefix) {
  if (!token.starts_with(prefix) || token.size() != prefix.size() + 64) return false;
  return FromHex(token.substr(prefix.size())).has_value();
}

bool LooksLikeStatusToken(std::string_view token) {
  return LooksLikeToken(token, kStatusTokenPrefix);
}

Hash HashToken(std::string_view token) {
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
