#include "security/ed25519_signer.h"

#include <sodium.h>

namespace rightsdesk::security {

Signature Ed25519Signer::Sign(std::span<const std::uint8_t> message) const {
  Signature signature{};
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret_.data());
  return signature;
}

}  // namespace rightsdesk::security
