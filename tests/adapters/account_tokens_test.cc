// The login's keys and the signature check of account tokens (security/account_tokens.h), with
// keys made in the test by OpenSSL and tokens signed with them: each algorithm from a PEM file
// and from a JWKS, and every way a token or a key file can be wrong.
#include "security/account_tokens.h"

#include <gtest/gtest.h>

#include "core/account_token.h"
#include "support/login_keys.h"

namespace rightsdesk::security {
namespace {

using nlohmann::json;
using testing::Jwks;
using testing::LoginKey;

class AccountTokensTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_ = new LoginKey(LoginKey::Rsa());
    ec_ = new LoginKey(LoginKey::Ec());
    ed_ = new LoginKey(LoginKey::Ed25519());
    other_rsa_ = new LoginKey(LoginKey::Rsa());
  }
  static void TearDownTestSuite() {
    for (LoginKey* key : {rsa_, ec_, ed_, other_rsa_}) delete key;
  }

  static json Claims() {
    return {{"iss", "https://login.example.com"},
            {"aud", "rightsdesk"},
            {"exp", 2'000'000'000},
            {"jti", "1"},
            {"email", "ana@example.com"}};
  }
  static std::string Signed(const LoginKey& key, const std::string& kid = "") {
    json header = {{"alg", key.alg()}, {"typ", "JWT"}};
    if (!kid.empty()) header["kid"] = kid;
    return key.Token(header, Claims());
  }
  static AccountTokenKeys Keys(const std::string& text) {
    auto keys = AccountTokenKeys::Parse(text, "login-keys");
    EXPECT_TRUE(keys) << keys.error().message();
    return keys ? *keys : AccountTokenKeys();
  }
  static Result<std::string> Verify(const AccountTokenKeys& keys, const std::string& token) {
    auto jwt = ParseJwt(token);
    if (!jwt) return std::unexpected(jwt.error());
    return keys.Verify(*jwt);
  }
  static void ExpectRefused(const Result<std::string>& verified, std::string_view reason) {
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.error().code(), ErrorCode::kUnauthenticated) << verified.error().message();
    EXPECT_EQ(AccountTokenRefusal(verified.error()), reason) << verified.error().message();
  }
  static void ExpectBadKeys(const std::string& text, std::string_view part) {
    auto keys = AccountTokenKeys::Parse(text, "login-keys");
    ASSERT_FALSE(keys) << text;
    EXPECT_EQ(keys.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(keys.error().message().find(part), std::string::npos) << keys.error().message();
    EXPECT_EQ(keys.error().message().rfind("login-keys: ", 0), 0u) << keys.error().message();
  }

  static inline LoginKey* rsa_ = nullptr;
  static inline LoginKey* ec_ = nullptr;
  static inline LoginKey* ed_ = nullptr;
  static inline LoginKey* other_rsa_ = nullptr;
};

TEST_F(AccountTokensTest, EachAlgorithmVerifiesWithItsKeyFromAPemFile) {
  const AccountTokenKeys keys = Keys(rsa_->PublicPem() + ec_->PublicPem() + ed_->PublicPem());
  EXPECT_EQ(keys.size(), 3u);
  for (const LoginKey* key : {rsa_, ec_, ed_}) {
    auto verified = Verify(keys, Signed(*key, "any-kid"));
    EXPECT_TRUE(verified) << key->alg() << ": " << verified.error().message();
    EXPECT_EQ(verified.value_or("?"), "");  // PEM keys have no kid
  }
}

TEST_F(AccountTokensTest, EachAlgorithmVerifiesWithItsKeyFromAJwksChosenByKid) {
  const AccountTokenKeys keys = Keys(Jwks({rsa_, ec_, ed_}));
  for (auto [key, kid] :
       {std::pair{rsa_, "key-0"}, std::pair{ec_, "key-1"}, std::pair{ed_, "key-2"}}) {
    auto verified = Verify(keys, Signed(*key, kid));
    ASSERT_TRUE(verified) << key->alg() << ": " << verified.error().message();
    EXPECT_EQ(*verified, kid);
    // Without a kid the key is found by trying those that fit the algorithm.
    EXPECT_EQ(Verify(keys, Signed(*key)).value_or("?"), kid);
  }
}

TEST_F(AccountTokensTest, ASignatureByAnotherKeyDoesNotVerify) {
  const AccountTokenKeys keys = Keys(Jwks({rsa_}));
  ExpectRefused(Verify(keys, Signed(*other_rsa_, "key-0")), "bad_signature");
  ExpectRefused(Verify(Keys(ec_->PublicPem()), Signed(LoginKey::Ec())), "bad_signature");
  ExpectRefused(Verify(Keys(ed_->PublicPem()), Signed(LoginKey::Ed25519())), "bad_signature");
}

TEST_F(AccountTokensTest, ATamperedPayloadDoesNotVerify) {
  const AccountTokenKeys keys = Keys(Jwks({rsa_, ec_, ed_}));
  json claims = Claims();
  claims["email"] = "mallory@example.com";
  const std::string forged_payload = Base64UrlEncode(claims.dump());
  for (const LoginKey* key : {rsa_, ec_, ed_}) {
    std::string token = Signed(*key);
    const std::size_t first = token.find('.');
    const std::size_t second = token.find('.', first + 1);
    token.replace(first + 1, second - first - 1, forged_payload);
    ExpectRefused(Verify(keys, token), "bad_signature");
  }
}

TEST_F(AccountTokensTest, AnAlgorithmThatDoesNotFitTheKeyIsRefused) {
  const AccountTokenKeys keys = Keys(Jwks({rsa_, ec_}));
  // An EC-signed token that names the RSA key's kid.
  ExpectRefused(Verify(keys, ec_->Token({{"alg", "ES256"}, {"kid", "key-0"}}, Claims())),
                "algorithm_refused");
  // No key at all for EdDSA.
  ExpectRefused(Verify(keys, Signed(*ed_)), "algorithm_refused");
  // A JWK's own alg binds it.
  json set = json::parse(Jwks({ec_}));
  set["keys"][0]["alg"] = "ES256";
  set["keys"][0]["kid"] = "bound";
  EXPECT_TRUE(Verify(Keys(set.dump()), Signed(*ec_, "bound")));
}

TEST_F(AccountTokensTest, NoneAndHs256AreRefusedEvenWithThePublicKeyAsSecret) {
  const AccountTokenKeys keys = Keys(rsa_->PublicPem());
  // The classic confusion: HMAC over the token keyed with the RSA public key's PEM text.
  const std::string input =
      Base64UrlEncode(json({{"alg", "HS256"}}).dump()) + "." + Base64UrlEncode(Claims().dump());
  ExpectRefused(Verify(keys, input + "." + Base64UrlEncode(rsa_->PublicPem())),
                "algorithm_refused");
  const std::string none = Base64UrlEncode(json({{"alg", "none"}}).dump()) + "." +
                           Base64UrlEncode(Claims().dump()) + ".";
  ExpectRefused(Verify(keys, none), "algorithm_refused");
}

TEST_F(AccountTokensTest, AnUnknownKidIsRefused) {
  ExpectRefused(Verify(Keys(Jwks({rsa_})), Signed(*rsa_, "rotated-away")), "unknown_key");
}

TEST_F(AccountTokensTest, AnEs256SignatureInDerOrOfTheWrongLengthIsNotValid) {
  const AccountTokenKeys keys = Keys(ec_->PublicPem());
  std::string token = Signed(*ec_);
  auto raw = Base64UrlDecode(token.substr(token.rfind('.') + 1));
  ASSERT_TRUE(raw);
  raw->push_back(0);
  ExpectRefused(Verify(keys, token.substr(0, token.rfind('.') + 1) + Base64UrlEncode(*raw)),
                "bad_signature");
  ExpectRefused(Verify(keys, token.substr(0, token.rfind('.') + 1)), "bad_signature");
}

TEST_F(AccountTokensTest, KeysOfOtherKindsInAJwksAreSkipped) {
  json set = json::parse(Jwks({rsa_, ec_}));
  set["keys"][1]["use"] = "enc";
  set["keys"].push_back({{"kty", "oct"}, {"k", "c2VjcmV0"}, {"kid", "hmac"}});
  set["keys"].push_back({{"kty", "EC"}, {"crv", "P-384"}, {"x", "AA"}, {"y", "AA"}});
  set["keys"].push_back({{"kty", "RSA"}, {"alg", "RS512"}, {"n", "AQAB"}, {"e", "AQAB"}});
  const AccountTokenKeys keys = Keys(set.dump());
  EXPECT_EQ(keys.size(), 1u);
  ExpectRefused(Verify(keys, Signed(*ec_, "key-1")), "unknown_key");
}

TEST_F(AccountTokensTest, BadKeyFilesAreRefusedWithWhatIsWrong) {
  ExpectBadKeys("", "holds no public key");
  ExpectBadKeys("{\"keys\": 3}", "is not a JWKS");
  ExpectBadKeys("{\"keys\": []}", "has no usable key");
  ExpectBadKeys("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "private key");
  ExpectBadKeys("-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n",
                "PEM block #1: not a readable public key");
  ExpectBadKeys(rsa_->PublicPem() + "-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n",
                "PEM block #2");
  json set = json::parse(Jwks({rsa_, ec_}));
  set["keys"][1]["kid"] = "key-0";
  ExpectBadKeys(set.dump(), "kid \"key-0\" is used by two keys");
  set = json::parse(Jwks({ec_}));
  set["keys"][0]["y"] = set["keys"][0]["x"];  // not a point on the curve
  ExpectBadKeys(set.dump(), "keys[0]: its parameters");
  set = json::parse(Jwks({rsa_}));
  set["keys"][0]["n"] = "AQAB=";
  ExpectBadKeys(set.dump(), "keys[0]: n is not base64url");
  const LoginKey weak = LoginKey::Rsa(1024);
  ExpectBadKeys(Jwks({&weak}), "shorter than 2048 bits");
  ExpectBadKeys(weak.PublicPem(), "shorter than 2048 bits");
  set = json::parse(Jwks({ed_}));
  set["keys"][0]["d"] = set["keys"][0]["x"];
  ExpectBadKeys(set.dump(), "a private key");
  set = json::parse(Jwks({ed_}));
  set["keys"][0]["alg"] = "RS256";
  ExpectBadKeys(set.dump(), "does not fit its kty OKP");
}

TEST_F(AccountTokensTest, AMissingKeyFileIsNotFound) {
  auto keys = AccountTokenKeys::Load("/nonexistent/login.jwks");
  ASSERT_FALSE(keys);
  EXPECT_EQ(keys.error().code(), ErrorCode::kNotFound);
}

TEST(AccountTokenUseIdTest, IsAStableHashThatKeepsIssuerAndJtiApart) {
  EXPECT_EQ(AccountTokenUseId("iss", "1"), AccountTokenUseId("iss", "1"));
  EXPECT_EQ(AccountTokenUseId("iss", "1").size(), 64u);
  EXPECT_NE(AccountTokenUseId("ab", "c"), AccountTokenUseId("a", "bc"));
  EXPECT_NE(AccountTokenUseId("iss", "1"), AccountTokenUseId("iss", "2"));
}

}  // namespace
}  // namespace rightsdesk::security
