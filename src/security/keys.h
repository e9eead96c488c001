// The installation's secrets. One 32-byte master key, from the environment variable
// RIGHTSDESK_MASTER_KEY (64 hex digits) or from <data>/keys/master.key (created by `init`, mode
// 0600), from which libsodium's KDF derives a key per purpose: sealing personal data, the blind
// index used to find a consumer by email, and the Ed25519 key that signs audit checkpoints.
// Keys are wiped from memory when destroyed and never logged or printed.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/audit_chain.h"
#include "core/error.h"

namespace rightsdesk::security {

inline constexpr const char* kMasterKeyEnv = "RIGHTSDESK_MASTER_KEY";

// A fixed-size secret that is zeroed on destruction.
template <std::size_t N>
class SecretBytes {
 public:
  SecretBytes() = default;
  SecretBytes(const SecretBytes&) = default;
  SecretBytes& operator=(const SecretBytes&) = default;
  ~SecretBytes();
  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  static constexpr std::size_t size() { return N; }

 private:
  std::array<std::uint8_t, N> bytes_{};
};

using Key32 = SecretBytes<32>;

class InstallationKeys {
 public:
  // Creates <keys_dir>/master.key (0600) with a fresh random key. kAlreadyExists if present.
  static Result<void> CreateMasterKeyFile(const std::filesystem::path& keys_dir);

  // The environment variable wins over the file. kNotFound when neither exists;
  // kInvalidArgument when the key text is malformed; kFailedPrecondition when the file can be
  // read by others than its owner.
  static Result<InstallationKeys> Load(const std::filesystem::path& keys_dir);

  static InstallationKeys FromMaster(const Key32& master);

  const Key32& seal_key() const { return seal_; }
  const Key32& index_key() const { return index_; }
  const SecretBytes<64>& signing_key() const { return signing_; }
  const PublicKey& public_key() const { return public_key_; }

 private:
  Key32 seal_;
  Key32 index_;
  SecretBytes<64> signing_;
  PublicKey public_key_{};
};

// Parses 64 hex digits (surrounding whitespace ignored).
Result<Key32> ParseKeyHex(std::string_view text);

}  // namespace rightsdesk::security
