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

const Instant kNow = FromMicros(1'790'000'000'000'000);
constexpr std::int64_t kNowSeconds = 1'790'000'000;

json Claims() {
  return {{"iss", "https://login.example.com"}, {"sub", "C-1042"},         {"aud", "rightsdesk"},
          {"exp", kNowSeconds + 300},           {"iat", kNowSeconds - 10}, {"jti", "b7f0c2"},
          {"email", "Ana.Nunez@Example.com"}};
}

std::string Token(const json& header, const json& claims, std::string_view signature = "sig") {
  return Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump()) + "." +
         Base64UrlEncode(signature);
}

std::string Token(const json& claims = Claims()) {
  return Token({{"alg", "RS256"}, {"kid", "k1"}, {"typ", "JWT"}}, claims);
}

const JwtExpectations kExpected{.issuer = "https://login.example.com", .audience = "rightsdesk"};

// The token's claims once parsed (the test fails if it does not parse).
JwtClaims Parsed(const json& claims) {
  auto jwt = ParseJwt(Token(claims));
  EXPECT_TRUE(jwt) << jwt.error().message();
  return jwt ? jwt->claims : JwtClaims{};
}

void ExpectRefused(const Result<void>& result, std::string_view reason) {
  ASSERT_FALSE(result);
  EXPECT_EQ(AccountTokenRefusal(result.error()), reason) << result.error().message();
}

template <typename T>
void ExpectMalformed(const Result<T>& result) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kInvalidArgument) << result.error().message();
  EXPECT_EQ(AccountTokenRefusal(result.error()), "malformed");
}

TEST(JwtTest, AWellFormedTokenGivesItsHeaderClaimsAndSigningInput) {
  const std::string token = Token();
  auto jwt = ParseJwt(token);
  ASSERT_TRUE(jwt) << jwt.error().message();
  EXPECT_EQ(jwt->header.alg, JwtAlgorithm::kRs256);
  EXPECT_EQ(jwt->header.kid, "k1");
  EXPECT_EQ(jwt->header.typ, "JWT");
  EXPECT_EQ(jwt->claims.iss, "https://login.example.com");
  EXPECT_EQ(jwt->claims.aud, std::vector<std::string>{"rightsdesk"});
  EXPECT_EQ(jwt->claims.exp, kNow + std::chrono::seconds(300));
  EXPECT_EQ(jwt->claims.jti, "b7f0c2");
  EXPECT_EQ(jwt->signing_input, token.substr(0, token.rfind('.')));
  EXPECT_EQ(std::string(jwt->signature.begin(), jwt->signature.end()), "sig");
}

TEST(JwtTest, TheAudienceMayBeAnArrayAndDatesFractional) {
  json claims = Claims();
  claims["aud"] = {"portal", "rightsdesk"};
  claims["nbf"] = 1'790'000'000.5;
  const JwtClaims parsed = Parsed(claims);
  EXPECT_EQ(parsed.aud, (std::vector<std::string>{"portal", "rightsdesk"}));
  EXPECT_EQ(parsed.nbf, kNow + std::chrono::milliseconds(500));
  EXPECT_TRUE(CheckJwtClaims(parsed, kExpected, kNow));
}

TEST(JwtTest, PaddingAndCharactersOutsideBase64UrlAreMalformed) {
  const std::string token = Token();
  const std::size_t dot = token.find('.');
  ExpectMalformed(ParseJwt(token.substr(0, dot) + "=" + token.substr(dot)));  // padding
  ExpectMalformed(ParseJwt(token + "="));
  ExpectMalformed(ParseJwt("+" + token.substr(1)));  // base64, not base64url
  ExpectMalformed(ParseJwt(token.substr(0, dot) + " " + token.substr(dot)));
  ExpectMalformed(ParseJwt(" " + token));
  ExpectMalformed(Base64UrlDecode("QR"));     // trailing bits that are not zero
  ExpectMalformed(Base64UrlDecode("QUJDR"));  // a length no bytes encode to
  EXPECT_EQ(*Base64UrlDecode("QQ"), std::vector<std::uint8_t>{'A'});
}

// libsodium 1.0.18 decodes some bytes above 0x7f as if they were '_' (found by fuzz_jwt).
TEST(JwtTest, BytesOutsideAsciiAreNotBase64UrlCharacters) {
  for (char high : {'\xfb', '\xa0', '\x80'}) {
    ExpectMalformed(Base64UrlDecode(std::string("AA") + high + "A"));
  }
  ExpectMalformed(ParseJwt(std::string("eyJhbG") + '\xfb' + "cGiOiAiUlMyNTYiLCAia2lkIjog.e30.AA"));
  EXPECT_EQ(*Base64UrlDecode("AA_A"), (std::vector<std::uint8_t>{0x00, 0x0f, 0xc0}));
}

TEST(JwtTest, OnlyThreePartsOfJsonObjectsAreAToken) {
  ExpectMalformed(ParseJwt(""));
  ExpectMalformed(ParseJwt("abc"));
  ExpectMalformed(ParseJwt("a.b"));
  ExpectMalformed(ParseJwt(Token() + ".x"));
  const std::string sig = "." + Base64UrlEncode(std::string_view("s"));
  ExpectMalformed(ParseJwt(Base64UrlEncode(std::string_view("{\"alg\":")) + "." +
                           Base64UrlEncode(Claims().dump()) + sig));
  ExpectMalformed(ParseJwt(Base64UrlEncode(std::string_view("[1]")) + "." +
                           Base64UrlEncode(Claims().dump()) + sig));
  ExpectMalformed(ParseJwt(Token({{"alg", "RS256"}}, json::array())));
  ExpectMalformed(ParseJwt(Token({{"kid", "k1"}}, Claims())));  // no alg
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
    json claims = Claims();
    claims[key] = value;
    SCOPED_TRACE(key + " = " + value.dump());
    ExpectMalformed(ParseJwt(Token(claims)));
  }
  ExpectMalformed(ParseJwt(Token({{"alg", "RS256"}, {"kid", 1}}, Claims())));
}

TEST(JwtTest, AnOversizedTokenIsRefusedBeforeDecoding) {
  json claims = Claims();
  claims["padding"] = std::string(kMaxJwtBytes, 'x');
  auto jwt = ParseJwt(Token(claims));
  ExpectMalformed(jwt);
  EXPECT_NE(jwt.error().message().find("longer than 8192 bytes"), std::string::npos);
}

TEST(JwtTest, AlgNoneAndSharedSecretAlgorithmsAreRefused) {
  for (const char* alg : {"none", "HS256", "HS512", "RS512", "PS256", "ES384"}) {
    auto jwt = ParseJwt(Token({{"alg", alg}}, Claims()));
    ASSERT_FALSE(jwt) << alg;
    EXPECT_EQ(jwt.error().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(AccountTokenRefusal(jwt.error()), "algorithm_refused");
  }
  EXPECT_TRUE(ParseJwt(Token({{"alg", "ES256"}}, Claims())));
  EXPECT_TRUE(ParseJwt(Token({{"alg", "EdDSA"}}, Claims())));
}

TEST(JwtTest, CriticalExtensionsAreNotUnderstood) {
  ExpectMalformed(ParseJwt(Token({{"alg", "RS256"}, {"crit", {"b64"}}, {"b64", false}}, Claims())));
}

TEST(JwtTest, ExpiryAndNotBeforeAllowTheLeewayAndNoMore) {
  json claims = Claims();
  claims["exp"] = kNowSeconds - 59;
  EXPECT_TRUE(CheckJwtClaims(Parsed(claims), kExpected, kNow));
  claims["exp"] = kNowSeconds - 60;
  ExpectRefused(CheckJwtClaims(Parsed(claims), kExpected, kNow), "expired");
  claims = Claims();
  claims["nbf"] = kNowSeconds + 60;
  EXPECT_TRUE(CheckJwtClaims(Parsed(claims), kExpected, kNow));
  claims["nbf"] = kNowSeconds + 61;
  ExpectRefused(CheckJwtClaims(Parsed(claims), kExpected, kNow), "not_yet_valid");
  claims = Claims();
  claims["iat"] = kNowSeconds + 3600;
  ExpectRefused(CheckJwtClaims(Parsed(claims), kExpected, kNow), "not_yet_valid");
}

TEST(JwtTest, AnotherIssuerOrAudienceIsRefused) {
  json claims = Claims();
  claims["iss"] = "https://login.example.com.evil.test";
  ExpectRefused(CheckJwtClaims(Parsed(claims), kExpected, kNow), "wrong_issuer");
  claims = Claims();
  claims["aud"] = {"portal", "billing"};
  ExpectRefused(CheckJwtClaims(Parsed(claims), kExpected, kNow), "wrong_audience");
  claims.erase("aud");
  ExpectRefused(CheckJwtClaims(Parsed(claims), kExpected, kNow), "wrong_audience");
}

TEST(JwtTest, ATokenMustExpireAndCarryAnId) {
  json claims = Claims();
  claims.erase("exp");
  ExpectMalformed(CheckJwtClaims(Parsed(claims), kExpected, kNow));
  claims = Claims();
  claims.erase("jti");
  ExpectMalformed(CheckJwtClaims(Parsed(claims), kExpected, kNow));
}

TEST(AccountTokenTest, TheEmailClaimNamesTheConsumerWithoutRegardToCase) {
  const SubjectIdentifiers ana{.email = "ana.nunez@example.com", .account_id = "C-1042"};
  const JwtClaims claims = Parsed(Claims());
  EXPECT_TRUE(CheckTokenIdentifies(claims, AccountTokenIdentity::kEmail, ana));
  const SubjectIdentifiers other{.email = "someone@example.com", .account_id = "C-1042"};
  ExpectRefused(CheckTokenIdentifies(claims, AccountTokenIdentity::kEmail, other),
                "wrong_consumer");
  json no_email = Claims();
  no_email.erase("email");
  ExpectRefused(CheckTokenIdentifies(Parsed(no_email), AccountTokenIdentity::kEmail, ana),
                "wrong_consumer");
}

TEST(AccountTokenTest, TheSubClaimMustBeTheRequestsAccountId) {
  const JwtClaims claims = Parsed(Claims());
  EXPECT_TRUE(CheckTokenIdentifies(claims, AccountTokenIdentity::kSubject,
                                   {.email = "x@example.com", .account_id = "C-1042"}));
  ExpectRefused(CheckTokenIdentifies(claims, AccountTokenIdentity::kSubject,
                                     {.email = "x@example.com", .account_id = "c-1042"}),
                "wrong_consumer");
  ExpectRefused(
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
