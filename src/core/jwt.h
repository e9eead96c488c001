// JSON Web Tokens as a company's own login issues them (RFC 7519), in the JWS compact form
// `header.payload.signature` (RFC 7515 §7.1): parsing and the checks of their claims. Pure: no
// I/O and no key material; whether the signature is the key's is security/account_tokens.h.
//
// Strict by design, because the text comes from whoever holds it: base64url without padding and
// with canonical trailing bits (RFC 7515 §2), header and payload JSON objects, claims of the
// types RFC 7519 §4.1 gives them, at most kMaxJwtBytes in all. Only the asymmetric algorithms a
// login's public keys can check are accepted (RS256, ES256, EdDSA): `none` and the HMAC family
// are refused at parse time, so no later step can be tricked into treating a public key as an
// HMAC secret. A header naming critical extensions (`crit`) is refused (RFC 7515 §4.1.11: we
// understand none). Keys are never taken from the token (`jwk`, `jku`, `x5u`, `x5c` are ignored).
//
// Errors: kInvalidArgument when the text is not a well-formed token; kUnauthenticated when it is
// one but is refused (algorithm, expiry, issuer, audience). Error::field names the part at fault
// as a JSON pointer ("", "/header", "/header/alg", "/payload/exp", ...), which is how
// AccountTokenRefusal (core/account_token.h) names the reason for the audit trail.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace rightsdesk {

// Bigger tokens are refused before any decoding: a login's tokens are well under 2 KiB.
inline constexpr std::size_t kMaxJwtBytes = 8 * 1024;

enum class JwtAlgorithm {
  kRs256,  // RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3)
  kEs256,  // ECDSA on P-256 with SHA-256, signature r||s (RFC 7518 §3.4)
  kEdDsa,  // Ed25519 (RFC 8037 §3.1)
};
std::string_view Name(JwtAlgorithm alg);  // "RS256", "ES256", "EdDSA"
std::optional<JwtAlgorithm> ParseJwtAlgorithm(std::string_view name);

struct JwtHeader {
  JwtAlgorithm alg = JwtAlgorithm::kRs256;
  std::string kid;  // which key signed it; "" when absent
  std::string typ;  // "" when absent; not checked: logins write "JWT", "at+jwt" or nothing
};

// The registered claims RightsDesk reads, and `email` (OpenID Connect Core §5.1). A string claim
// that is absent reads as "".
struct JwtClaims {
  std::string iss;
  std::string sub;
  std::vector<std::string> aud;  // a single string is read as one audience
  std::optional<Instant> exp;
  std::optional<Instant> nbf;
  std::optional<Instant> iat;
  std::string jti;
  std::string email;
  // OpenID Connect's `email_verified`: absent when the login does not say.
  std::optional<bool> email_verified;
};

struct Jwt {
  JwtHeader header;
  JwtClaims claims;
  std::string signing_input;            // "header.payload" as sent: what the signature covers
  std::vector<std::uint8_t> signature;  // decoded; its length is checked by the verifier
};

// Parses a token in the compact form, with nothing around it (the caller trims a file's
// newline). kInvalidArgument when malformed; kUnauthenticated (field "/header/alg") when its
// algorithm is not one of JwtAlgorithm.
Result<Jwt> ParseJwt(std::string_view token);

// What a token must say to be accepted, beside its signature.
struct JwtExpectations {
  std::string issuer;               // `iss` must equal it
  std::string audience;             // `aud` must hold it
  std::chrono::seconds leeway{60};  // clock skew allowed on exp, nbf and iat
};

// Checks the claims against `expected` at `now`. A token must expire (`exp`) and carry an id
// (`jti`), or it could be used for ever or more than once: kInvalidArgument when either is
// missing. kUnauthenticated, with the claim as field, when expired ("/payload/exp"), not yet
// valid or issued in the future ("/payload/nbf", "/payload/iat"), from another issuer
// ("/payload/iss") or for another audience ("/payload/aud").
Result<void> CheckJwtClaims(const JwtClaims& claims, const JwtExpectations& expected, Instant now);

// Base64url without padding (RFC 7515 §2). Decoding refuses padding, characters outside the
// alphabet and non-zero trailing bits, so each byte string has exactly one spelling.
std::string Base64UrlEncode(std::span<const std::uint8_t> bytes);
std::string Base64UrlEncode(std::string_view bytes);
Result<std::vector<std::uint8_t>> Base64UrlDecode(std::string_view text);

}  // namespace rightsdesk
