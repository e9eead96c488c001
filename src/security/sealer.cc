#include "security/sealer.h"

#include <sodium.h>

#include "security/sodium_init.h"

namespace rightsdesk::security {
namespace {

constexpr std::uint8_t kVersion = 0x01;
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

Sealer::Sealer(const Key32& key) : key_(key) { EnsureSodium(); }

std::vector<std::uint8_t> Sealer::Seal(std::string_view plaintext, std::string_view context) const {
  std::vector<std::uint8_t> out(1 + kNonce + plaintext.size() + kTag);
  out[0] = kVersion;
  randombytes_buf(out.data() + 1, kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + 1 + kNonce, &written, Bytes(plaintext),
                                             plaintext.size(), Bytes(context), context.size(),
                                             nullptr, out.data() + 1, key_.data());
  out.resize(1 + kNonce + written);
  return out;
}

Result<std::string> Sealer::Open(std::span<const std::uint8_t> sealed,
                                 std::string_view context) const {
  if (sealed.size() < 1 + kNonce + kTag || sealed[0] != kVersion) {
    return Fail(ErrorCode::kDataLoss, "sealed value of " + std::string(context) + " is malformed");
  }
  std::string out(sealed.size() - 1 - kNonce - kTag, '\0');
  unsigned long long written = 0;
  int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(out.data()), &written, nullptr, sealed.data() + 1 + kNonce,
      sealed.size() - 1 - kNonce, Bytes(context), context.size(), sealed.data() + 1, key_.data());
  if (rc != 0) {
    return Fail(ErrorCode::kDataLoss, "sealed value of " + std::string(context) +
                                          " does not open: altered, moved, or another key");
  }
  out.resize(written);
  return out;
}

std::vector<std::uint8_t> BlindIndex::Of(std::string_view normalized) const {
  std::vector<std::uint8_t> out(32);
  crypto_generichash(out.data(), out.size(), Bytes(normalized), normalized.size(), key_.data(),
                     key_.size());
  return out;
}

}  // namespace rightsdesk::security
