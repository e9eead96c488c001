#include "security/keys.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>

#include "core/hex.h"
#include "core/text.h"
#include "platform/files.h"
#include "security/sodium_init.h"

namespace rightsdesk::security {
namespace {

constexpr char kMasterFile[] = "master.key";

void Derive(Key32& out, std::uint64_t id, const char (&context)[9], const Key32& master) {
  crypto_kdf_derive_from_key(out.data(), out.size(), id, context, master.data());
}

}  // namespace

template <std::size_t N>
SecretBytes<N>::~SecretBytes() {
  sodium_memzero(bytes_.data(), bytes_.size());
}
template class SecretBytes<32>;
template class SecretBytes<64>;

Result<Key32> ParseKeyHex(std::string_view text) {
  auto bytes = FromHex(TrimAscii(text));
  if (!bytes || bytes->size() != 32) {
    return Fail(ErrorCode::kInvalidArgument, "the master key must be 64 hexadecimal digits");
  }
  Key32 key;
  std::copy(bytes->begin(), bytes->end(), key.data());
  sodium_memzero(bytes->data(), bytes->size());
  return key;
}

Result<void> InstallationKeys::CreateMasterKeyFile(const std::filesystem::path& keys_dir) {
  EnsureSodium();
  if (auto made = platform::EnsureDirectory(keys_dir, 0700); !made) return made;
  Key32 key;
  randombytes_buf(key.data(), key.size());
  std::string text = ToHex(std::span<const std::uint8_t>(key.data(), key.size())) + "\n";
  auto written = platform::WriteFileAtomic(keys_dir / kMasterFile, text, 0600, false);
  sodium_memzero(text.data(), text.size());
  return written;
}

Result<InstallationKeys> InstallationKeys::Load(const std::filesystem::path& keys_dir) {
  EnsureSodium();
  if (const char* env = std::getenv(kMasterKeyEnv); env && *env) {
    auto key = ParseKeyHex(env);
    if (!key) return std::unexpected(key.error().WithContext(kMasterKeyEnv));
    return FromMaster(*key);
  }
  std::filesystem::path path = keys_dir / kMasterFile;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return Fail(ErrorCode::kNotFound, "no master key: " + path.string() + " is missing and " +
                                          kMasterKeyEnv + " is not set");
  }
  if ((st.st_mode & 077) != 0) {
    return Fail(ErrorCode::kFailedPrecondition,
                path.string() + " is readable by others; run: chmod 600 " + path.string());
  }
  auto text = platform::ReadFile(path);
  if (!text) return std::unexpected(text.error());
  auto key = ParseKeyHex(*text);
  sodium_memzero(text->data(), text->size());
  if (!key) return std::unexpected(key.error().WithContext(path.string()));
  return FromMaster(*key);
}

InstallationKeys InstallationKeys::FromMaster(const Key32& master) {
  EnsureSodium();
  InstallationKeys keys;
  Derive(keys.seal_, 1, "RDseal01", master);
  Derive(keys.index_, 2, "RDindx01", master);
  Key32 seed;
  Derive(seed, 3, "RDsign01", master);
  crypto_sign_seed_keypair(keys.public_key_.data(), keys.signing_.data(), seed.data());
  return keys;
}

}  // namespace rightsdesk::security
