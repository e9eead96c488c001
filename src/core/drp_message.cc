#include "core/drp_message.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace rightsdesk {
namespace {

std::string_view Trim(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

Result<std::vector<std::uint8_t>> DecodeBase64(std::string_view text) {
  if (sodium_init() < 0) return Fail(ErrorCode::kInternal, "libsodium failed to start");
  text = Trim(text);
  // libsodium 1.0.18 (Debian 12) reads some bytes above 0x7f as alphabet letters, so one body
  // could be spelled two ways: the alphabet is checked here.
  const bool alphabet = std::ranges::all_of(text, [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/' || c == '=';
  });
  if (!alphabet) return Fail(ErrorCode::kInvalidArgument, "the body is not base64");
  std::vector<std::uint8_t> out(text.size() / 4 * 3 + 3);
  std::size_t length = 0;
  const char* end = nullptr;
  int status = sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length,
                                 &end, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
  // The no-padding variant stops at the first '=': what follows may only be padding.
  std::string_view rest =
      end == nullptr ? text : text.substr(static_cast<std::size_t>(end - text.data()));
  bool only_padding =
      rest.size() <= 2 && std::ranges::all_of(rest, [](char c) { return c == '='; });
  if (status != 0 || !only_padding || (!rest.empty() && (text.size() % 4) != 0)) {
    return Fail(ErrorCode::kInvalidArgument, "the body is not base64");
  }
  out.resize(length);
  return out;
}

// Reads exactly `count` digits at `at`, or nothing.
std::optional<int> DrpDigits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// The offset at the end of `text` ("Z", "+HH:MM", "-HHMM", "+HH") in minutes east of UTC, and how
// many characters it takes; {0, 0} when there is none.
std::optional<std::pair<int, std::size_t>> OffsetSuffix(std::string_view text) {
  if (!text.empty() && (text.back() == 'Z' || text.back() == 'z')) return std::pair{0, 1u};
  for (std::size_t length : {6u, 5u, 3u}) {
    if (text.size() < 19 + length) continue;
    std::size_t at = text.size() - length;
    if (text[at] != '+' && text[at] != '-') continue;
    auto hours = DrpDigits(text, at + 1, 2);
    bool colon = length == 6;
    auto minutes = length == 3 ? std::optional<int>(0) : DrpDigits(text, at + (colon ? 4 : 3), 2);
    if (!hours || !minutes || (colon && text[at + 3] != ':') || *hours > 23 || *minutes > 59) {
      return std::nullopt;
    }
    int sign = text[at] == '-' ? -1 : 1;
    return std::pair{sign * (*hours * 60 + *minutes), length};
  }
  return std::pair{0, 0u};
}

}  // namespace

Result<SignedMessage> DecodeSignedMessage(std::string_view base64_text) {
  auto bytes = DecodeBase64(base64_text);
  if (!bytes) return std::unexpected(bytes.error());
  if (bytes->size() <= crypto_sign_BYTES) {
    return Fail(ErrorCode::kInvalidArgument, "the body is too short to hold a signed message");
  }
  SignedMessage message;
  std::copy_n(bytes->begin(), crypto_sign_BYTES, message.signature.begin());
  message.body.assign(bytes->begin() + crypto_sign_BYTES, bytes->end());
  return message;
}

bool SignatureValid(const SignedMessage& message, const PublicKey& key) {
  if (sodium_init() < 0) return false;
  return crypto_sign_verify_detached(message.signature.data(),
                                     reinterpret_cast<const unsigned char*>(message.body.data()),
                                     message.body.size(), key.data()) == 0;
}

Result<PublicKey> ParseVerifyKey(std::string_view base64_text) {
  auto bytes = DecodeBase64(base64_text);
  if (!bytes || bytes->size() != crypto_sign_PUBLICKEYBYTES) {
    return Fail(ErrorCode::kInvalidArgument,
                "a verify key is the base64 of a 32-byte Ed25519 public key", "/verify_key");
  }
  PublicKey key{};
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

std::string FormatVerifyKey(const PublicKey& key) {
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

std::string Base64Encode(std::string_view bytes) {
  if (sodium_init() < 0) return {};
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

Result<Instant> ParseDrpTime(std::string_view text) {
  auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + std::string(text.substr(0, 64)) + "' is not an ISO 8601 timestamp");
  };
  auto offset = OffsetSuffix(text);
  if (!offset) return bad();
  std::string_view local = text.substr(0, text.size() - offset->second);
  // Fractions beyond microseconds are cut, not rounded: a timestamp never moves later.
  if (auto dot = local.find('.'); dot != std::string_view::npos && local.size() - dot > 7) {
    local = local.substr(0, dot + 7);
  }
  auto at = ParseInstant(std::string(local) + "Z");
  if (!at) return bad();
  return *at - std::chrono::minutes(offset->first);
}

}  // namespace rightsdesk
