// The account token's parser and claim checks (core/jwt.h, core/account_token.h): what is
// malformed, what is refused and under which reason, with tokens assembled here (their
// signatures are not checked in the core; tests/adapters/account_tokens_test.cc checks them).
#include "core/jwt.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/account_token.h"

namespace rightsdesk {
namespace {

using nlohmann::json;

const Instant kJwtTestNow = FromMicros(1'790'000'000'000'000);
constexpr std::int64_t kJwtTestNowSeconds = 1'790'000'000;

json JwtTestClaims() {
  return {{"iss", "https://login.example.com"},
          {"sub", "C-1042"},
          {"aud", "rightsdesk"},
          {"exp", kJwtTestNowSeconds + 300},
          {"iat", kJwtTestNowSeconds - 10},
          {"jti", "b7f0c2"},
          {"email", "Ana.Nunez@Example.com"}};
}

std::string JwtTestToken(const json& header, const json& claims,
                         std::string_view signature = "sig") {
  return Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump()) + "." +
         Base64UrlEncode(signature);
}

std::string JwtTestToken(const json& claims = JwtTestClaims()) {
  return JwtTestToken({{"alg", "RS256"}, {"kid", "k1"}, {"typ", "JWT"}}, claims);
}

const JwtExpectations kJwtTestExpected{.issuer = "https://login.example.com",
                                       .audience = "rightsdesk"};

// The token's claims once parsed (the test fails if it does not parse).
JwtClaims ParsedJwtClaims(const json& claims) {
  auto jwt = ParseJwt(JwtTestToken(claims));
  EXPECT_TRUE(jwt) << jwt.error().message();
  return jwt ? jwt->claims : JwtClaims{};
}

void ExpectTokenRefused(const Result<void>& result, std::string_view reason) {
  ASSERT_FALSE(result);
  EXPECT_EQ(AccountTokenRefusal(result.error()), reason) << result.error().message();
}

template <typename T>
void ExpectTokenMalformed(const Result<T>& result) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kInvalidArgument) << result.error().message();
  EXPECT_EQ(AccountTokenRefusal(result.error()), "malformed");
}

TEST(JwtTest, AWellFormedTokenGivesItsHeaderClaimsAndSigningInput) {
  const std::string token = JwtTestToken();
  auto jwt = ParseJwt(token);
  ASSERT_TRUE(jwt) << jwt.error().message();
  EXPECT_EQ(jwt->header.alg, JwtAlgorithm::kRs256);
  EXPECT_EQ(jwt->header.kid, "k1");
  EXPECT_EQ(jwt->header.typ, "JWT");
  EXPECT_EQ(jwt->claims.iss, "https://login.example.com");
  EXPECT_EQ(jwt->claims.aud, std::vector<std::string>{"rightsdesk"});
  EXPECT_EQ(jwt->claims.exp, kJwtTestNow + std::chrono::seconds(300));
  EXPECT_EQ(jwt->claims.jti, "b7f0c2");
  EXPECT_EQ(jwt->signing_input, token.substr(0, token.rfind('.')));
  EXPECT_EQ(std::string(jwt->signature.begin(), jwt->signature.end()), "sig");
}

TEST(JwtTest, TheAudienceMayBeAnArrayAndDatesFractional) {
  json claims = JwtTestClaims();
  claims["aud"] = {"portal", "rightsdesk"};
  claims["nbf"] = 1'790'000'000.5;
  const JwtClaims parsed = ParsedJwtClaims(claims);
  EXPECT_EQ(parsed.aud, (std::vector<std::string>{"portal", "rightsdesk"}));
  EXPECT_EQ(parsed.nbf, kJwtTestNow + std::chrono::milliseconds(500));
  EXPECT_TRUE(CheckJwtClaims(parsed, kJwtTestExpected, kJwtTestNow));
}

TEST(JwtTest, PaddingAndCharactersOutsideBase64UrlAreMalformed) {
  const std::string token = JwtTestToken();
  const std::size_t dot = token.find('.');
  ExpectTokenMalformed(ParseJwt(token.substr(0, dot) + "=" + token.substr(dot)));  // padding
  ExpectTokenMalformed(ParseJwt(token + "="));
  ExpectTokenMalformed(ParseJwt("+" + token.substr(1)));  // base64, not base64url
  ExpectTokenMalformed(ParseJwt(token.substr(0, dot) + " " + token.substr(dot)));
  ExpectTokenMalformed(ParseJwt(" " + token));
  ExpectTokenMalformed(Base64UrlDecode("QR"));     // trailing bits that are not zero
  ExpectTokenMalformed(Base64UrlDecode("QUJDR"));  // a length no bytes encode to
  EXPECT_EQ(*Base64UrlDecode("QQ"), std::vector<std::uint8_t>{'A'});
}

// libsodium 1.0.18 decodes some bytes above 0x7f as if they were '_' (found by fuzz_jwt).
TEST(JwtTest, BytesOutsideAsciiAreNotBase64UrlCharacters) {
  for (char high : {'\xfb', '\xa0', '\x80'}) {
    ExpectTokenMalformed(Base64UrlDecode(std::string("AA") + high + "A"));
  }
  ExpectTokenMalformed(
      ParseJwt(std::string("eyJhbG") + '\xfb' + "cGiOiAiUlMyNTYiLCAia2lkIjog.e30.AA"));
  EXPECT_EQ(*Base64UrlDecode("AA_A"), (std::vector<std::uint8_t>{0x00, 0x0f, 0xc0}));
}

TEST(JwtTest, OnlyThreePartsOfJsonObjectsAreAToken) {
  ExpectTokenMalformed(ParseJwt(""));
  ExpectTokenMalformed(ParseJwt("abc"));
  ExpectTokenMalformed(ParseJwt("a.b"));
  ExpectTokenMalformed(ParseJwt(JwtTestToken() + ".x"));
  const std::string sig = "." + Base64UrlEncode(std::string_view("s"));
  ExpectTokenMalformed(ParseJwt(Base64UrlEncode(std::string_view("{\"alg\":")) + "." +
                                Base64UrlEncode(JwtTestClaims().dump()) + sig));
  ExpectTokenMalformed(ParseJwt(Base64UrlEncode(std::string_view("[1]")) + "." +
                                Base64UrlEncode(JwtTestClaims().dump()) + sig));
  ExpectTokenMalformed(ParseJwt(JwtTestToken({{"alg", "RS256"}}, json::array())));
  ExpectTokenMalformed(ParseJwt(JwtTestToken({{"kid", "k1"}}, JwtTestClaims())));  // no alg
}

TEST(JwtTest, ClaimsOfTheWrongTypeAreMalformed) {
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, json>>{{"iss", 7},
                                                 {"sub", json::array()},
                                                 {"aud", {"rightsdesk", 3}},
                                                 {"aud", 1},
                                                 {"exp", "tomorrow"},
                                                 {"exp", true},
                                                 {"exp", -1},
                                                 {"exp", 1e300},
                                                 {"jti", nullptr},
                                                 {"email", {{"a", 1}}}}) {
    json claims = JwtTestClaims();
    claims[key] = value;
    SCOPED_TRACE(key + " = " + value.dump());
    ExpectTokenMalformed(ParseJwt(JwtTestToken(claims)));
  }
  ExpectTokenMalformed(ParseJwt(JwtTestToken({{"alg", "RS256"}, {"kid", 1}}, JwtTestClaims())));
}

TEST(JwtTest, AnOversizedTokenIsRefusedBeforeDecoding) {
  json claims = JwtTestClaims();
  claims["padding"] = std::string(kMaxJwtBytes, 'x');
  auto jwt = ParseJwt(JwtTestToken(claims));
  ExpectTokenMalformed(jwt);
  EXPECT_NE(jwt.error().message().find("longer than 8192 bytes"), std::string::npos);
}

TEST(JwtTest, AlgNoneAndSharedSecretAlgorithmsAreRefused) {
  for (const char* alg : {"none", "HS256", "HS512", "RS512", "PS256", "ES384"}) {
    auto jwt = ParseJwt(JwtTestToken({{"alg", alg}}, JwtTestClaims()));
    ASSERT_FALSE(jwt) << alg;
    EXPECT_EQ(jwt.error().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(AccountTokenRefusal(jwt.error()), "algorithm_refused");
  }
  EXPECT_TRUE(ParseJwt(JwtTestToken({{"alg", "ES256"}}, JwtTestClaims())));
  EXPECT_TRUE(ParseJwt(JwtTestToken({{"alg", "EdDSA"}}, JwtTestClaims())));
}

TEST(JwtTest, CriticalExtensionsAreNotUnderstood) {
  ExpectTokenMalformed(ParseJwt(
      JwtTestToken({{"alg", "RS256"}, {"crit", {"b64"}}, {"b64", false}}, JwtTestClaims())));
}

TEST(JwtTest, ExpiryAndNotBeforeAllowTheLeewayAndNoMore) {
  json claims = JwtTestClaims();
  claims["exp"] = kJwtTestNowSeconds - 59;
  EXPECT_TRUE(CheckJwtClaims(ParsedJwtClaims(claims), kJwtTestExpected, kJwtTestNow));
  claims["exp"] = kJwtTestNowSeconds - 60;
  ExpectTokenRefused(CheckJwtClaims(ParsedJwtClaims(claims), kJwtTestExpected, kJwtTestNow),
                     "expired");
  claims = JwtTestClaims();
  claims["nbf"] = kJwtTestNowSeconds + 60;
  EXPECT_TRUE(CheckJwtClaims(ParsedJwtClaims(claims), kJwtTestExpected, kJwtTestNow));
  claims["nbf"] = kJwtTestNowSeconds + 61;
  ExpectTokenRefused(CheckJwtClaims(ParsedJwtClaims(claims), kJwtTestExpected, kJwtTestNow),
                     "not_yet_valid");
  claims = JwtTestClaims();
  claims["iat"] = kJwtTestNowSeconds + 3600;
  ExpectTokenRefused(CheckJwtClaims(ParsedJwtClaims(claims), kJwtTestExpected, kJwtTestNow),
                     "not_yet_valid");
}

TEST(JwtTest, AnotherIssuerOrAudienceIsRefused) {
  json claims = JwtTestClaims();
  claims["iss"] = "https://login.example.com.evil.test";
  ExpectTokenRefused(CheckJwtClaims(ParsedJwtClaims(claims), kJwtTestExpected, kJwtTestNow),
                     "wrong_issuer");
  claims = JwtTestClaims();
  claims["aud"] = {"portal", "billing"};
  ExpectTokenRefused(CheckJwtClaims(ParsedJwtClaims(claims), kJwtTestExpected, kJwtTestNow),
                     "wrong_audience");
  claims.erase("aud");
  ExpectTokenRefused(CheckJwtClaims(ParsedJwtClaims(claims), kJwtTestExpected, kJwtTestNow),
                     "wrong_audience");
}

TEST(JwtTest, ATokenMustExpireAndCarryAnId) {
  json claims = JwtTestClaims();
  claims.erase("exp");
  ExpectTokenMalformed(CheckJwtClaims(ParsedJwtClaims(claims), kJwtTestExpected, kJwtTestNow));
  claims = JwtTestClaims();
  claims.erase("jti");
  ExpectTokenMalformed(CheckJwtClaims(ParsedJwtClaims(claims), kJwtTestExpected, kJwtTestNow));
}

TEST(AccountTokenTest, TheEmailClaimNamesTheConsumerWithoutRegardToCase) {
  const SubjectIdentifiers ana{.email = "ana.nunez@example.com", .account_id = "C-1042"};
  const JwtClaims claims = ParsedJwtClaims(JwtTestClaims());
  EXPECT_TRUE(CheckTokenIdentifies(claims, AccountTokenIdentity::kEmail, ana));
  const SubjectIdentifiers other{.email = "someone@example.com", .account_id = "C-1042"};
  ExpectTokenRefused(CheckTokenIdentifies(claims, AccountTokenIdentity::kEmail, other),
                     "wrong_consumer");
  json no_email = JwtTestClaims();
  no_email.erase("email");
  ExpectTokenRefused(
      CheckTokenIdentifies(ParsedJwtClaims(no_email), AccountTokenIdentity::kEmail, ana),
      "wrong_consumer");
}

TEST(AccountTokenTest, AnEmailTheLoginSaysItNeverVerifiedNamesNoOne) {
  const SubjectIdentifiers ana{.email = "ana.nunez@example.com"};
  json claims = JwtTestClaims();
  claims["email_verified"] = false;
  ExpectTokenRefused(
      CheckTokenIdentifies(ParsedJwtClaims(claims), AccountTokenIdentity::kEmail, ana),
      "email_unverified");
  claims["email_verified"] = true;
  EXPECT_TRUE(CheckTokenIdentifies(ParsedJwtClaims(claims), AccountTokenIdentity::kEmail, ana));
  // The sub does not rest on the address: an unverified email does not matter then.
  claims["email_verified"] = false;
  EXPECT_TRUE(CheckTokenIdentifies(ParsedJwtClaims(claims), AccountTokenIdentity::kSubject,
                                   {.email = "x@example.com", .account_id = "C-1042"}));
  claims["email_verified"] = "yes";
  ExpectTokenMalformed(ParseJwt(JwtTestToken(claims)));
}

TEST(AccountTokenTest, TheSubClaimMustBeTheRequestsAccountId) {
  const JwtClaims claims = ParsedJwtClaims(JwtTestClaims());
  EXPECT_TRUE(CheckTokenIdentifies(claims, AccountTokenIdentity::kSubject,
                                   {.email = "x@example.com", .account_id = "C-1042"}));
  ExpectTokenRefused(CheckTokenIdentifies(claims, AccountTokenIdentity::kSubject,
                                          {.email = "x@example.com", .account_id = "c-1042"}),
                     "wrong_consumer");
  ExpectTokenRefused(
      CheckTokenIdentifies(claims, AccountTokenIdentity::kSubject, {.email = "x@example.com"}),
      "wrong_consumer");
}

TEST(AccountTokenTest, RefusalReasonsFollowThePartAtFault) {
  EXPECT_EQ(AccountTokenRefusal(Error(ErrorCode::kUnauthenticated, "", "/signature")),
            "bad_signature");
  EXPECT_EQ(AccountTokenRefusal(Error(ErrorCode::kUnauthenticated, "", "/header/kid")),
            "unknown_key");
  EXPECT_EQ(AccountTokenRefusal(Error(ErrorCode::kUnauthenticated, "", "/payload/jti")),
            "replayed");
  EXPECT_EQ(AccountTokenRefusal(Error(ErrorCode::kInvalidArgument, "", "/payload/jti")),
            "malformed");
  EXPECT_EQ(AccountTokenRefusal(Error(ErrorCode::kInternal, "")), "refused");
  EXPECT_EQ(ParseAccountTokenIdentity("sub"), AccountTokenIdentity::kSubject);
  EXPECT_EQ(Name(AccountTokenIdentity::kEmail), "email");
}

}  // namespace
}  // namespace rightsdesk
