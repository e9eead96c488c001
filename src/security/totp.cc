#include "security/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <chrono>

#include "security/sodium_init.h"

namespace rightsdesk::security {
namespace {

constexpr std::int64_t kStepSeconds = 30;
constexpr int kDigits = 6;

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::vector<std::uint8_t> NewTotpSecret(Random& random) {
  std::vector<std::uint8_t> secret(20);
  random.Fill(secret);
  return secret;
}

std::string Base32(std::span<const std::uint8_t> bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::uint8_t byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::span<const std::uint8_t> secret) {
  std::string label = PercentEncode(issuer) + ":" + PercentEncode(account);
  return "otpauth://totp/" + label + "?secret=" + Base32(secret) +
         "&issuer=" + PercentEncode(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

std::int64_t TotpStep(Instant at) {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
  return seconds / kStepSeconds;
}

std::string TotpCode(std::span<const std::uint8_t> secret, std::int64_t step) {
  std::array<unsigned char, 8> counter{};
  for (int i = 7; i >= 0; --i) {
    counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(step & 0xff);
    step >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_size = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter.data(), counter.size(),
       mac.data(), &mac_size);
  // RFC 4226 §5.3 dynamic truncation.
  unsigned offset = mac[mac_size - 1] & 0x0f;
  std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                         (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                         (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                         static_cast<std::uint32_t>(mac[offset + 3]);
  std::string code = std::to_string(binary % 1'000'000);
  return std::string(kDigits - code.size(), '0') + code;
}

std::optional<std::int64_t> MatchTotp(std::span<const std::uint8_t> secret, std::string_view code,
                                      Instant now, std::int64_t last_used_step) {
  if (code.size() != kDigits) return std::nullopt;
  EnsureSodium();
  std::int64_t current = TotpStep(now);
  std::optional<std::int64_t> matched;
  // Every candidate is computed and compared, so the time taken does not say which one matched.
  for (std::int64_t step = current - 1; step <= current + 1; ++step) {
    std::string expected = TotpCode(secret, step);
    bool same = sodium_memcmp(expected.data(), code.data(), kDigits) == 0;
    if (same && step > last_used_step && !matched) matched = step;
  }
  return matched;
}

}  // namespace rightsdesk::security
