// A JSON Web Key Set (RFC 7517) of a login's public keys: RSA (`n`, `e`), EC P-256 (`x`, `y`)
// and OKP Ed25519 (`x`) keys (RFC 7518 §6, RFC 8037 §2), made into OpenSSL keys from their
// parameters (EVP_PKEY_fromdata) and checked before use (EVP_PKEY_public_check).
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "security/jwt_key.h"

namespace rightsdesk::security {
namespace {

using nlohmann::json;

constexpr std::size_t kJwkP256Coordinate = 32;
constexpr int kJwkMinRsaBits = 2048;

struct JwkBnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
struct JwkParamBuildFree {
  void operator()(OSSL_PARAM_BLD* build) const { OSSL_PARAM_BLD_free(build); }
};
struct JwkParamFree {
  void operator()(OSSL_PARAM* params) const { OSSL_PARAM_free(params); }
};
struct JwkPkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using JwkBn = std::unique_ptr<BIGNUM, JwkBnFree>;
using JwkParamBuild = std::unique_ptr<OSSL_PARAM_BLD, JwkParamBuildFree>;

std::unexpected<Error> JwkInvalid(std::string message) {
  return Fail(ErrorCode::kInvalidArgument, std::move(message));
}

// A base64url member's bytes; `size` 0 for any non-empty length.
Result<std::vector<std::uint8_t>> JwkBytes(const json& jwk, const char* member, std::size_t size) {
  auto found = jwk.find(member);
  if (found == jwk.end() || !found->is_string()) {
    return JwkInvalid(std::string(member) + " is missing or not a string");
  }
  auto bytes = Base64UrlDecode(found->get<std::string>());
  if (!bytes || bytes->empty() || (size != 0 && bytes->size() != size)) {
    return JwkInvalid(std::string(member) + " is not base64url of the right length");
  }
  return bytes;
}

// The public key `build`'s parameters make, once OpenSSL has checked it.
Result<std::shared_ptr<EVP_PKEY>> JwkFromData(const char* type, OSSL_PARAM_BLD* build) {
  std::unique_ptr<OSSL_PARAM, JwkParamFree> params(OSSL_PARAM_BLD_to_param(build));
  std::unique_ptr<EVP_PKEY_CTX, JwkPkeyCtxFree> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* made = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &made, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ERR_clear_error();
    return JwkInvalid("its parameters do not make a public key");
  }
  std::shared_ptr<EVP_PKEY> key = OwnedKey(made);
  std::unique_ptr<EVP_PKEY_CTX, JwkPkeyCtxFree> check(
      EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  const bool valid = check && EVP_PKEY_public_check(check.get()) == 1;
  ERR_clear_error();
  if (!valid) return JwkInvalid("its parameters are not a valid public key");
  return key;
}

Result<std::shared_ptr<EVP_PKEY>> JwkRsaKey(const json& jwk) {
  auto n = JwkBytes(jwk, "n", 0);
  if (!n) return std::unexpected(n.error());
  auto e = JwkBytes(jwk, "e", 0);
  if (!e) return std::unexpected(e.error());
  JwkBn modulus(BN_bin2bn(n->data(), static_cast<int>(n->size()), nullptr));
  JwkBn exponent(BN_bin2bn(e->data(), static_cast<int>(e->size()), nullptr));
  JwkParamBuild build(OSSL_PARAM_BLD_new());
  if (!modulus || !exponent || !build ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
    return Fail(ErrorCode::kInternal, "OpenSSL could not hold an RSA key's parameters");
  }
  auto key = JwkFromData("RSA", build.get());
  if (key && EVP_PKEY_get_bits(key->get()) < kJwkMinRsaBits) {
    return JwkInvalid("an RSA key shorter than 2048 bits");
  }
  return key;
}

Result<std::shared_ptr<EVP_PKEY>> JwkP256Key(const json& jwk) {
  auto x = JwkBytes(jwk, "x", kJwkP256Coordinate);
  if (!x) return std::unexpected(x.error());
  auto y = JwkBytes(jwk, "y", kJwkP256Coordinate);
  if (!y) return std::unexpected(y.error());
  std::vector<std::uint8_t> point{0x04};  // SEC 1 §2.3.3: an uncompressed point
  point.insert(point.end(), x->begin(), x->end());
  point.insert(point.end(), y->begin(), y->end());
  JwkParamBuild build(OSSL_PARAM_BLD_new());
  if (!build ||
      OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return Fail(ErrorCode::kInternal, "OpenSSL could not hold an EC key's parameters");
  }
  return JwkFromData("EC", build.get());
}

std::string JwkMember(const json& jwk, const char* member) {
  auto found = jwk.find(member);
  return found != jwk.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The key a JWK describes; nullopt for a key RightsDesk does not use (see account_tokens.h).
Result<std::optional<JwtKey>> JwkKeyOf(const json& jwk) {
  if (!jwk.is_object()) return JwkInvalid("not a JSON object");
  if (jwk.contains("d")) return JwkInvalid("a private key: publish the public keys only");
  const std::string kty = JwkMember(jwk, "kty");
  const std::string crv = JwkMember(jwk, "crv");
  const std::string use = JwkMember(jwk, "use");
  JwtKey key{.kid = JwkMember(jwk, "kid")};
  if (jwk.contains("alg")) {
    key.alg = ParseJwtAlgorithm(JwkMember(jwk, "alg"));
    if (!key.alg) return std::optional<JwtKey>();  // for an algorithm we do not accept
  }
  if (!use.empty() && use != "sig") return std::optional<JwtKey>();  // "enc" keys
  if (kty == "RSA") {
    key.type = JwtKeyType::kRsa;
    auto made = JwkRsaKey(jwk);
    if (!made) return std::unexpected(made.error());
    key.pkey = std::move(*made);
  } else if (kty == "EC" && crv == "P-256") {
    key.type = JwtKeyType::kEcP256;
    auto made = JwkP256Key(jwk);
    if (!made) return std::unexpected(made.error());
    key.pkey = std::move(*made);
  } else if (kty == "OKP" && crv == "Ed25519") {
    key.type = JwtKeyType::kEd25519;
    auto x = JwkBytes(jwk, "x", key.ed25519.size());
    if (!x) return std::unexpected(x.error());
    std::copy(x->begin(), x->end(), key.ed25519.begin());
  } else {
    return std::optional<JwtKey>();  // other types and curves, and symmetric (oct) keys
  }
  if (key.alg && !KeyFits(key, *key.alg)) {
    return JwkInvalid("its alg " + std::string(Name(*key.alg)) + " does not fit its kty " + kty);
  }
  return std::optional<JwtKey>(std::move(key));
}

}  // namespace

Result<std::vector<JwtKey>> ParseJwks(std::string_view text) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto found = doc.is_object() ? doc.find("keys") : doc.end();
  if (!doc.is_object() || found == doc.end() || !found->is_array()) {
    return JwkInvalid("is not a JWKS (a JSON object with a \"keys\" array)");
  }
  std::vector<JwtKey> keys;
  std::set<std::string> kids;
  for (std::size_t i = 0; i < found->size(); ++i) {
    const json& jwk = (*found)[i];
    const std::string where = "keys[" + std::to_string(i) + "]";
    auto key = JwkKeyOf(jwk);
    if (!key) return std::unexpected(std::move(key.error()).WithContext(where));
    if (!*key) continue;
    if (!(*key)->kid.empty() && !kids.insert((*key)->kid).second) {
      return JwkInvalid(where + ": kid \"" + (*key)->kid + "\" is used by two keys");
    }
    keys.push_back(std::move(**key));
  }
  if (keys.empty()) {
    return JwkInvalid(
        "has no usable key (RSA of 2048 bits or more, EC P-256 or Ed25519, for "
        "signatures with RS256, ES256 or EdDSA)");
  }
  return keys;
}

}  // namespace rightsdesk::security
