#include "security/jwt_key.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sodium.h>

namespace rightsdesk::security {
namespace {

constexpr std::size_t kJwtEs256Half = 32;  // bytes of r and of s on P-256
constexpr int kJwtMinRsaBits = 2048;       // NIST SP 800-131A: shorter RSA keys are not accepted

struct JwtMdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct JwtEcdsaSigFree {
  void operator()(ECDSA_SIG* sig) const { ECDSA_SIG_free(sig); }
};
struct JwtBioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};

// EVP_DigestVerify with SHA-256 (RS256, and ES256 once its signature is DER).
bool JwtEvpVerify(EVP_PKEY* key, std::string_view message,
                  std::span<const std::uint8_t> signature) {
  std::unique_ptr<EVP_MD_CTX, JwtMdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1) {
    ERR_clear_error();
    return false;
  }
  const bool valid =
      EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  ERR_clear_error();  // a failed check leaves errors behind; they must not leak into the next
  return valid;
}

// JWS carries ECDSA signatures as r||s (RFC 7518 §3.4); EVP wants the DER of ECDSA-Sig-Value.
std::optional<std::vector<std::uint8_t>> JwtEs256Der(std::span<const std::uint8_t> raw) {
  if (raw.size() != 2 * kJwtEs256Half) return std::nullopt;
  std::unique_ptr<ECDSA_SIG, JwtEcdsaSigFree> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(raw.data(), kJwtEs256Half, nullptr);
  BIGNUM* s = BN_bin2bn(raw.data() + kJwtEs256Half, kJwtEs256Half, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (length <= 0) return std::nullopt;
  std::vector<std::uint8_t> der(static_cast<std::size_t>(length));
  unsigned char* out = der.data();
  if (i2d_ECDSA_SIG(sig.get(), &out) != length) return std::nullopt;
  return der;
}

// The JwtKey a PEM SubjectPublicKeyInfo decoded to, if its type is one we accept.
Result<JwtKey> JwtKeyOfPem(std::shared_ptr<EVP_PKEY> pkey) {
  JwtKey key;
  switch (EVP_PKEY_get_base_id(pkey.get())) {
    case EVP_PKEY_RSA:
      if (EVP_PKEY_get_bits(pkey.get()) < kJwtMinRsaBits) {
        return Fail(ErrorCode::kInvalidArgument, "an RSA key shorter than 2048 bits");
      }
      key.type = JwtKeyType::kRsa;
      key.pkey = std::move(pkey);
      return key;
    case EVP_PKEY_EC: {
      char group[64] = {};
      std::size_t length = 0;
      if (EVP_PKEY_get_group_name(pkey.get(), group, sizeof group, &length) != 1 ||
          std::string_view(group, length) != "prime256v1") {
        return Fail(ErrorCode::kInvalidArgument, "an EC key on another curve than P-256");
      }
      key.type = JwtKeyType::kEcP256;
      key.pkey = std::move(pkey);
      return key;
    }
    case EVP_PKEY_ED25519: {
      std::size_t length = key.ed25519.size();
      if (EVP_PKEY_get_raw_public_key(pkey.get(), key.ed25519.data(), &length) != 1 ||
          length != key.ed25519.size()) {
        return Fail(ErrorCode::kInvalidArgument, "an unreadable Ed25519 key");
      }
      key.type = JwtKeyType::kEd25519;
      return key;
    }
    default:
      return Fail(ErrorCode::kInvalidArgument,
                  "a key of an unsupported type (RSA, EC P-256 and Ed25519 are)");
  }
}

Result<JwtKey> JwtKeyOfPemBlock(std::string_view block) {
  std::unique_ptr<BIO, JwtBioFree> bio(
      BIO_new_mem_buf(block.data(), static_cast<int>(block.size())));
  if (!bio) return Fail(ErrorCode::kInternal, "OpenSSL could not read memory");
  EVP_PKEY* read = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  ERR_clear_error();
  if (read == nullptr) return Fail(ErrorCode::kInvalidArgument, "not a readable public key");
  return JwtKeyOfPem(OwnedKey(read));
}

}  // namespace

std::shared_ptr<EVP_PKEY> OwnedKey(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, [](EVP_PKEY* owned) { EVP_PKEY_free(owned); });
}

bool KeyFits(const JwtKey& key, JwtAlgorithm alg) {
  if (key.alg && *key.alg != alg) return false;
  switch (alg) {
    case JwtAlgorithm::kRs256:
      return key.type == JwtKeyType::kRsa;
    case JwtAlgorithm::kEs256:
      return key.type == JwtKeyType::kEcP256;
    case JwtAlgorithm::kEdDsa:
      return key.type == JwtKeyType::kEd25519;
  }
  return false;
}

bool JwtSignatureValid(const JwtKey& key, JwtAlgorithm alg, std::string_view message,
                       std::span<const std::uint8_t> signature) {
  if (!KeyFits(key, alg)) return false;
  switch (alg) {
    case JwtAlgorithm::kRs256:
      return JwtEvpVerify(key.pkey.get(), message, signature);
    case JwtAlgorithm::kEs256: {
      auto der = JwtEs256Der(signature);
      return der && JwtEvpVerify(key.pkey.get(), message, *der);
    }
    case JwtAlgorithm::kEdDsa:
      return signature.size() == crypto_sign_BYTES &&
             crypto_sign_verify_detached(signature.data(),
                                         reinterpret_cast<const unsigned char*>(message.data()),
                                         message.size(), key.ed25519.data()) == 0;
  }
  return false;
}

Result<std::vector<JwtKey>> ParsePemKeys(std::string_view text) {
  if (text.find("PRIVATE KEY-----") != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                "holds a private key: give the login's public keys only (openssl pkey -pubout)");
  }
  // Block by block, so that a bad block is named rather than skipped.
  constexpr std::string_view kBegin = "-----BEGIN ";
  constexpr std::string_view kPublicBegin = "-----BEGIN PUBLIC KEY-----";
  constexpr std::string_view kPublicEnd = "-----END PUBLIC KEY-----";
  std::vector<JwtKey> keys;
  for (std::size_t at = text.find(kBegin); at != std::string_view::npos;
       at = text.find(kBegin, at)) {
    const std::string where = "PEM block #" + std::to_string(keys.size() + 1);
    const std::size_t end = text.find(kPublicEnd, at);
    if (text.substr(at, kPublicBegin.size()) != kPublicBegin || end == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument,
                  where +
                      " is not a complete PUBLIC KEY block (SubjectPublicKeyInfo, as "
                      "openssl pkey -pubout writes)");
    }
    const std::string_view block = text.substr(at, end + kPublicEnd.size() - at);
    auto key = JwtKeyOfPemBlock(block);
    if (!key) return std::unexpected(std::move(key.error()).WithContext(where));
    keys.push_back(std::move(*key));
    at += block.size();
  }
  if (keys.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "holds no public key (-----BEGIN PUBLIC KEY-----) and is not a JWKS");
  }
  return keys;
}

}  // namespace rightsdesk::security
