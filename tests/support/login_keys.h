// A company login's signing key made in the test with OpenSSL (RSA 2048, EC P-256, Ed25519),
// its public half as PEM and as a JWK, and account tokens (JWTs) signed with it, so that the
// tests of account tokens never rely on a key or token pasted from elsewhere. Signing goes
// through OpenSSL for all three algorithms: RightsDesk verifies Ed25519 with libsodium, so the
// two libraries check each other.
#pragma once

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/jwt.h"

namespace rightsdesk::testing {

class LoginKey {
 public:
  static LoginKey Rsa(std::size_t bits = 2048) {
    return LoginKey("RS256", EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", bits));
  }
  static LoginKey Ec() {
    return LoginKey("ES256", EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  }
  static LoginKey Ed25519() {
    return LoginKey("EdDSA", EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  }

  // The algorithm the key signs with: "RS256", "ES256" or "EdDSA".
  const std::string& alg() const { return alg_; }

  // "-----BEGIN PUBLIC KEY-----..." (SubjectPublicKeyInfo).
  std::string PublicPem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1) throw std::runtime_error("PEM");
    std::string pem(BIO_ctrl_pending(bio.get()), '\0');
    if (BIO_read(bio.get(), pem.data(), static_cast<int>(pem.size())) !=
        static_cast<int>(pem.size())) {
      throw std::runtime_error("PEM read");
    }
    return pem;
  }

  // The public JWK (RFC 7517), with `kid` when not empty.
  nlohmann::json PublicJwk(const std::string& kid) const {
    nlohmann::json jwk;
    if (alg_ == "RS256") {
      jwk = {{"kty", "RSA"},
             {"n", Base64UrlEncode(BnParam(OSSL_PKEY_PARAM_RSA_N, 0))},
             {"e", Base64UrlEncode(BnParam(OSSL_PKEY_PARAM_RSA_E, 0))}};
    } else if (alg_ == "ES256") {
      jwk = {{"kty", "EC"},
             {"crv", "P-256"},
             {"x", Base64UrlEncode(BnParam(OSSL_PKEY_PARAM_EC_PUB_X, 32))},
             {"y", Base64UrlEncode(BnParam(OSSL_PKEY_PARAM_EC_PUB_Y, 32))}};
    } else {
      std::vector<std::uint8_t> raw(32);
      std::size_t length = raw.size();
      EVP_PKEY_get_raw_public_key(key_.get(), raw.data(), &length);
      jwk = {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", Base64UrlEncode(raw)}};
    }
    if (!kid.empty()) jwk["kid"] = kid;
    return jwk;
  }

  // The JWS signature of `message` as a token carries it (ES256: r||s, not DER).
  std::vector<std::uint8_t> Sign(std::string_view message) const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const EVP_MD* md = alg_ == "EdDSA" ? nullptr : EVP_sha256();
    std::size_t length = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(message.data());
    if (EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key_.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, bytes, message.size()) != 1) {
      throw std::runtime_error("sign");
    }
    std::vector<std::uint8_t> signature(length);
    if (EVP_DigestSign(ctx.get(), signature.data(), &length, bytes, message.size()) != 1) {
      throw std::runtime_error("sign");
    }
    signature.resize(length);
    return alg_ == "ES256" ? RawEcdsa(signature) : signature;
  }

  // header.payload.signature, signed with this key.
  std::string Token(const nlohmann::json& header, const nlohmann::json& claims) const {
    const std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump());
    return input + "." + Base64UrlEncode(Sign(input));
  }

 private:
  LoginKey(std::string alg, EVP_PKEY* key) : alg_(std::move(alg)), key_(key, &EVP_PKEY_free) {
    if (key == nullptr) throw std::runtime_error("keygen " + alg_);
  }

  std::vector<std::uint8_t> BnParam(const char* name, int pad) const {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key_.get(), name, &bn) != 1) throw std::runtime_error(name);
    std::vector<std::uint8_t> out(pad > 0 ? static_cast<std::size_t>(pad)
                                          : static_cast<std::size_t>(BN_num_bytes(bn)));
    BN_bn2binpad(bn, out.data(), static_cast<int>(out.size()));
    BN_free(bn);
    return out;
  }

  static std::vector<std::uint8_t> RawEcdsa(const std::vector<std::uint8_t>& der) {
    const unsigned char* in = der.data();
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(
        d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())), &ECDSA_SIG_free);
    if (!sig) throw std::runtime_error("DER");
    std::vector<std::uint8_t> raw(64);
    BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), raw.data(), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), raw.data() + 32, 32);
    return raw;
  }

  std::string alg_;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key_;
};

// A JWKS of `keys`, the i-th with kid "key-<i>" when `with_kids`.
inline std::string Jwks(const std::vector<const LoginKey*>& keys, bool with_kids = true) {
  nlohmann::json set = {{"keys", nlohmann::json::array()}};
  for (std::size_t i = 0; i < keys.size(); ++i) {
    set["keys"].push_back(keys[i]->PublicJwk(with_kids ? "key-" + std::to_string(i) : ""));
  }
  return set.dump(2);
}

}  // namespace rightsdesk::testing
