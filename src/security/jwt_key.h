// One public key of a login, as read from a PEM or JWKS file, and the signature check of each
// algorithm. Internal to security/ (account_tokens.h is the interface): it names OpenSSL types.
#pragma once

#include <openssl/types.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/jwt.h"

namespace rightsdesk::security {

enum class JwtKeyType { kRsa, kEcP256, kEd25519 };

struct JwtKey {
  JwtKeyType type = JwtKeyType::kRsa;
  std::string kid;                  // "" when the key has none (PEM)
  std::optional<JwtAlgorithm> alg;  // a JWK's own "alg", when it has one
  std::shared_ptr<EVP_PKEY> pkey;   // RSA and EC keys
  std::array<std::uint8_t, 32> ed25519{};
};

// Whether `key` may check a token signed with `alg`.
bool KeyFits(const JwtKey& key, JwtAlgorithm alg);

// Whether `signature` is `key`'s signature of `message` under `alg` (which the key must fit).
// An ES256 signature is the 64 bytes r||s of RFC 7518 §3.4; an EdDSA one the 64 bytes of
// Ed25519. Any other length is simply not a valid signature.
bool JwtSignatureValid(const JwtKey& key, JwtAlgorithm alg, std::string_view message,
                       std::span<const std::uint8_t> signature);

// Keys of a PEM file; kInvalidArgument as AccountTokenKeys::Parse says.
Result<std::vector<JwtKey>> ParsePemKeys(std::string_view text);

// Keys of a JWKS; kInvalidArgument as AccountTokenKeys::Parse says.
Result<std::vector<JwtKey>> ParseJwks(std::string_view text);

// An EVP_PKEY with the deleter OpenSSL wants.
std::shared_ptr<EVP_PKEY> OwnedKey(EVP_PKEY* key);

}  // namespace rightsdesk::security
