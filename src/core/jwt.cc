#include "core/jwt.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

using nlohmann::json;

constexpr std::array<EnumName<JwtAlgorithm>, 3> kJwtAlgorithmNames{{
    {JwtAlgorithm::kRs256, "RS256"},
    {JwtAlgorithm::kEs256, "ES256"},
    {JwtAlgorithm::kEdDsa, "EdDSA"},
}};

// NumericDate (RFC 7519 §2) bounds: from the epoch to the end of year 9999, so that the
// microseconds of an Instant never overflow.
constexpr double kJwtLatestSeconds = 253402300799.0;

std::unexpected<Error> JwtMalformed(std::string message, std::string field) {
  return Fail(ErrorCode::kInvalidArgument, "malformed account token: " + std::move(message),
              std::move(field));
}

std::unexpected<Error> JwtRefused(std::string message, std::string field) {
  return Fail(ErrorCode::kUnauthenticated, "account token refused: " + std::move(message),
              std::move(field));
}

// The JSON object a base64url part spells.
Result<json> JwtObjectPart(std::string_view part, const std::string& field) {
  auto bytes = Base64UrlDecode(part);
  if (!bytes) return JwtMalformed("the " + field.substr(1) + " is not base64url", field);
  json parsed = json::parse(bytes->begin(), bytes->end(), nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) {
    return JwtMalformed("the " + field.substr(1) + " is not a JSON object", field);
  }
  return parsed;
}

// A string member, "" when absent; kInvalidArgument when present with another type.
Result<std::string> JwtString(const json& object, const char* key, const std::string& part) {
  auto found = object.find(key);
  if (found == object.end()) return std::string();
  if (!found->is_string()) return JwtMalformed(std::string(key) + " must be a string", part);
  return found->get<std::string>();
}

Result<std::optional<Instant>> JwtNumericDate(const json& object, const char* key) {
  auto found = object.find(key);
  if (found == object.end()) return std::optional<Instant>();
  if (!found->is_number()) {
    return JwtMalformed(std::string(key) + " must be a number of seconds", "/payload");
  }
  const double seconds = found->get<double>();
  if (!std::isfinite(seconds) || seconds < 0 || seconds > kJwtLatestSeconds) {
    return JwtMalformed(std::string(key) + " is out of range", "/payload");
  }
  return std::optional<Instant>(FromMicros(static_cast<std::int64_t>(std::floor(seconds * 1e6))));
}

Result<std::vector<std::string>> JwtAudience(const json& payload) {
  auto found = payload.find("aud");
  if (found == payload.end()) return std::vector<std::string>();
  if (found->is_string()) return std::vector<std::string>{found->get<std::string>()};
  std::vector<std::string> out;
  if (found->is_array()) {
    for (const json& item : *found) {
      if (!item.is_string()) break;
      out.push_back(item.get<std::string>());
    }
    if (out.size() == found->size()) return out;
  }
  return JwtMalformed("aud must be a string or an array of strings", "/payload");
}

Result<JwtHeader> JwtHeaderOf(const json& header) {
  auto alg = JwtString(header, "alg", "/header");
  if (!alg) return std::unexpected(alg.error());
  if (alg->empty()) return JwtMalformed("the header has no alg", "/header/alg");
  if (*alg == "none") return JwtRefused("alg none: the token is not signed", "/header/alg");
  if (alg->starts_with("HS")) {
    return JwtRefused(*alg + " is a shared-secret algorithm; only public-key ones are accepted",
                      "/header/alg");
  }
  auto known = ParseJwtAlgorithm(*alg);
  if (!known)
    return JwtRefused("alg " + *alg + " is not accepted (" + NamesIn(kJwtAlgorithmNames) + ")",
                      "/header/alg");
  if (header.contains("crit")) {
    return JwtMalformed("the header names critical extensions, none of which are understood",
                        "/header");
  }
  auto kid = JwtString(header, "kid", "/header");
  if (!kid) return std::unexpected(kid.error());
  auto typ = JwtString(header, "typ", "/header");
  if (!typ) return std::unexpected(typ.error());
  return JwtHeader{.alg = *known, .kid = std::move(*kid), .typ = std::move(*typ)};
}

Result<JwtClaims> JwtClaimsOf(const json& payload) {
  JwtClaims claims;
  for (auto [key, into] : {std::pair{"iss", &claims.iss}, std::pair{"sub", &claims.sub},
                           std::pair{"jti", &claims.jti}, std::pair{"email", &claims.email}}) {
    auto value = JwtString(payload, key, "/payload");
    if (!value) return std::unexpected(value.error());
    *into = std::move(*value);
  }
  for (auto [key, into] : {std::pair{"exp", &claims.exp}, std::pair{"nbf", &claims.nbf},
                           std::pair{"iat", &claims.iat}}) {
    auto value = JwtNumericDate(payload, key);
    if (!value) return std::unexpected(value.error());
    *into = *value;
  }
  if (auto verified = payload.find("email_verified"); verified != payload.end()) {
    if (!verified->is_boolean())
      return JwtMalformed("email_verified must be true or false", "/payload");
    claims.email_verified = verified->get<bool>();
  }
  auto aud = JwtAudience(payload);
  if (!aud) return std::unexpected(aud.error());
  claims.aud = std::move(*aud);
  return claims;
}

}  // namespace

std::string_view Name(JwtAlgorithm alg) { return NameIn(kJwtAlgorithmNames, alg); }
std::optional<JwtAlgorithm> ParseJwtAlgorithm(std::string_view name) {
  return ParseIn(kJwtAlgorithmNames, name);
}

Result<Jwt> ParseJwt(std::string_view token) {
  if (token.size() > kMaxJwtBytes) {
    return JwtMalformed("longer than " + std::to_string(kMaxJwtBytes) + " bytes", "");
  }
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return JwtMalformed("not three parts separated by dots (header.payload.signature)", "");
  }
  auto header = JwtObjectPart(token.substr(0, first), "/header");
  if (!header) return std::unexpected(header.error());
  auto parsed_header = JwtHeaderOf(*header);
  if (!parsed_header) return std::unexpected(parsed_header.error());
  auto payload = JwtObjectPart(token.substr(first + 1, second - first - 1), "/payload");
  if (!payload) return std::unexpected(payload.error());
  auto claims = JwtClaimsOf(*payload);
  if (!claims) return std::unexpected(claims.error());
  auto signature = Base64UrlDecode(token.substr(second + 1));
  if (!signature) return JwtMalformed("the signature is not base64url", "/signature");
  return Jwt{.header = std::move(*parsed_header),
             .claims = std::move(*claims),
             .signing_input = std::string(token.substr(0, second)),
             .signature = std::move(*signature)};
}

Result<void> CheckJwtClaims(const JwtClaims& claims, const JwtExpectations& expected, Instant now) {
  if (!claims.exp)
    return JwtMalformed("no exp: a token that never expires is not accepted", "/payload/exp");
  if (claims.jti.empty())
    return JwtMalformed("no jti: a token must be usable once only", "/payload/jti");
  if (claims.iss != expected.issuer) {
    return JwtRefused("issued by another issuer than the configured one", "/payload/iss");
  }
  bool for_us = false;
  for (const std::string& audience : claims.aud) for_us = for_us || audience == expected.audience;
  if (!for_us) return JwtRefused("meant for another audience", "/payload/aud");
  if (now >= *claims.exp + expected.leeway) {
    return JwtRefused("expired at " + FormatInstant(*claims.exp), "/payload/exp");
  }
  if (claims.nbf && now + expected.leeway < *claims.nbf) {
    return JwtRefused("not valid before " + FormatInstant(*claims.nbf), "/payload/nbf");
  }
  if (claims.iat && now + expected.leeway < *claims.iat) {
    return JwtRefused("issued in the future (" + FormatInstant(*claims.iat) + ")", "/payload/iat");
  }
  return {};
}

std::string Base64UrlEncode(std::span<const std::uint8_t> bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string Base64UrlEncode(std::string_view bytes) {
  return Base64UrlEncode(
      std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

Result<std::vector<std::uint8_t>> Base64UrlDecode(std::string_view text) {
  // The alphabet is checked here because libsodium 1.0.18 (Debian 12) reads some bytes above
  // 0x7f as alphabet characters (0xfb as '_'): found by fuzz/fuzz_jwt, whose corpus keeps it.
  const auto in_alphabet = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  };
  if (!std::ranges::all_of(text, in_alphabet)) {
    return Fail(ErrorCode::kInvalidArgument, "not base64url: a character outside its alphabet");
  }
  // libsodium's codec is pure computation (it needs no sodium_init). Without an end pointer or
  // characters to ignore it also fails on a length or trailing bits that no byte string
  // encodes to.
  std::vector<std::uint8_t> out(text.size() / 4 * 3 + 2);
  std::size_t length = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return Fail(ErrorCode::kInvalidArgument, "not base64url without padding");
  }
  out.resize(length);
  return out;
}

}  // namespace rightsdesk
