// Seals personal data at rest with XChaCha20-Poly1305 (libsodium AEAD). A sealed value is
// bound to its place by associated data (e.g. "requests/<id>/subject"), so a ciphertext copied
// into another row or field fails to open. Thread-safe (no mutable state).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "security/keys.h"

namespace rightsdesk::security {

class Sealer {
 public:
  explicit Sealer(const Key32& key);

  // Layout: version byte 0x01, 24-byte random nonce, ciphertext with 16-byte tag.
  std::vector<std::uint8_t> Seal(std::string_view plaintext, std::string_view context) const;

  // kDataLoss if the value was altered, moved to another context, or sealed with another key.
  Result<std::string> Open(std::span<const std::uint8_t> sealed, std::string_view context) const;

 private:
  Key32 key_;
};

// A keyed hash (BLAKE2b, 32 bytes) of a normalised identifier, stored beside the sealed value so
// that a consumer can be found by email without storing the email in clear.
class BlindIndex {
 public:
  explicit BlindIndex(const Key32& key) : key_(key) {}
  std::vector<std::uint8_t> Of(std::string_view normalized) const;

 private:
  Key32 key_;
};

}  // namespace rightsdesk::security
