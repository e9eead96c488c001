// Signs audit checkpoints with the installation's Ed25519 key. Thread-safe.
#pragma once

#include "core/audit_chain.h"
#include "security/keys.h"

namespace rightsdesk::security {

class Ed25519Signer final : public CheckpointSigner {
 public:
  explicit Ed25519Signer(const InstallationKeys& keys)
      : secret_(keys.signing_key()), public_key_(keys.public_key()) {}
  PublicKey public_key() const override { return public_key_; }
  Signature Sign(std::span<const std::uint8_t> message) const override;

 private:
  SecretBytes<64> secret_;
  PublicKey public_key_;
};

}  // namespace rightsdesk::security
