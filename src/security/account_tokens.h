// The public keys of the company's own login, and the check that an account token (core/jwt.h)
// was signed by one of them (issue 4; docs/verification.md, "Account tokens").
//
// Why OpenSSL beside libsodium: logins sign with RS256 (RSA) or ES256 (ECDSA on P-256) far more
// often than with Ed25519, and libsodium has neither RSA nor P-256. So RS256 and ES256 are
// checked with OpenSSL 3's EVP interface (libcrypto, already linked for TOTP's HMAC-SHA1), and
// EdDSA with libsodium's Ed25519 like the rest of the project's signatures. OpenSSL also reads
// the PEM files and builds keys from a JWKS's members (EVP_PKEY_fromdata).
//
// Which key checks a token: the one whose `kid` is the token's; keys without a kid (every key
// of a PEM file) may check any token. The key's type must fit the token's `alg` (RSA: RS256,
// EC P-256: ES256, Ed25519: EdDSA) and a JWK's own `alg`, if it has one, must be the token's:
// a token cannot choose how a key is used (algorithm confusion).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/jwt.h"

namespace rightsdesk::security {

struct JwtKey;  // security/jwt_key.h

// An immutable set of public keys; thread-safe to share, cheap to copy.
class AccountTokenKeys {
 public:
  // From a file's text, `source` naming it in errors. A JWKS (RFC 7517 §5: a JSON object with a
  // "keys" array) when the text starts with '{', else PEM public keys ("BEGIN PUBLIC KEY", as
  // `openssl pkey -pubout` writes). Accepted: RSA of at least 2048 bits, EC on P-256, Ed25519.
  // A JWKS's keys of other types or curves, for encryption (`use` "enc"), or for other
  // algorithms are skipped; symmetric (`oct`) keys are skipped too. kInvalidArgument when no key
  // is usable, a usable key is malformed, two keys share a kid, or the text holds a private key.
  static Result<AccountTokenKeys> Parse(std::string_view text, std::string_view source);

  // Reads and parses the file. kNotFound when missing; as Parse otherwise.
  static Result<AccountTokenKeys> Load(const std::filesystem::path& path);

  // Whether one of the keys signed `token` (see above for the choice). Returns the kid of the
  // key that did ("" for a key without one). kUnauthenticated when refused: field "/header/kid"
  // when no key has the token's kid, "/header/alg" when no key may check the token's alg,
  // "/signature" when no chosen key's signature matches.
  Result<std::string> Verify(const Jwt& token) const;

  std::size_t size() const { return keys_.size(); }

 private:
  std::vector<std::shared_ptr<const JwtKey>> keys_;
};

// The id under which a token's single use is stored: BLAKE2b-256 of its issuer and jti, in hex,
// so that the store holds neither.
std::string AccountTokenUseId(std::string_view issuer, std::string_view jti);

}  // namespace rightsdesk::security
