// A CheckpointSigner with a fresh real Ed25519 key, as the installation signs, for tests of what
// is signed (audit checkpoints, erasure certificates).
#pragma once

#include <sodium.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "core/audit_chain.h"

namespace rightsdesk::testing {

class TestSigner final : public CheckpointSigner {
 public:
  TestSigner() {
    if (sodium_init() < 0) std::abort();
    crypto_sign_keypair(public_.data(), secret_.data());
  }
  PublicKey public_key() const override { return public_; }
  Signature Sign(std::span<const std::uint8_t> message) const override {
    Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret_.data());
    return signature;
  }

 private:
  PublicKey public_{};
  std::array<std::uint8_t, 64> secret_{};
};

}  // namespace rightsdesk::testing
