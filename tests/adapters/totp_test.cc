// TOTP and base32 against the RFCs' own test vectors; passwords with argon2id.
#include "security/totp.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "security/password.h"

namespace rightsdesk::security {
namespace {

std::vector<std::uint8_t> Bytes(std::string_view text) { return {text.begin(), text.end()}; }

TEST(Base32, MatchesRfc4648Vectors) {
  EXPECT_EQ(Base32(Bytes("")), "");
  EXPECT_EQ(Base32(Bytes("f")), "MY");
  EXPECT_EQ(Base32(Bytes("fo")), "MZXQ");
  EXPECT_EQ(Base32(Bytes("foo")), "MZXW6");
  EXPECT_EQ(Base32(Bytes("foob")), "MZXW6YQ");
  EXPECT_EQ(Base32(Bytes("fooba")), "MZXW6YTB");
  EXPECT_EQ(Base32(Bytes("foobar")), "MZXW6YTBOI");
}

// RFC 6238 appendix B (SHA-1 key "12345678901234567890"), last six of the eight digits.
TEST(Totp, MatchesRfc6238Vectors) {
  auto key = Bytes("12345678901234567890");
  struct Case {
    std::int64_t unix_seconds;
    const char* code;
  };
  for (Case c :
       {Case{59, "287082"}, Case{1111111109, "081804"}, Case{1111111111, "050471"},
        Case{1234567890, "005924"}, Case{2000000000, "279037"}, Case{20000000000, "353130"}}) {
    Instant at{std::chrono::seconds{c.unix_seconds}};
    EXPECT_EQ(TotpCode(key, TotpStep(at)), c.code) << c.unix_seconds;
  }
}

TEST(Totp, AcceptsNeighbouringStepsOnceAndNothingElse) {
  auto key = Bytes("12345678901234567890");
  Instant now{std::chrono::seconds{1234567890}};
  std::int64_t step = TotpStep(now);
  EXPECT_EQ(MatchTotp(key, TotpCode(key, step), now, 0), step);
  EXPECT_EQ(MatchTotp(key, TotpCode(key, step - 1), now, 0), step - 1);
  EXPECT_EQ(MatchTotp(key, TotpCode(key, step + 1), now, 0), step + 1);
  EXPECT_FALSE(MatchTotp(key, TotpCode(key, step - 2), now, 0));  // too old
  EXPECT_FALSE(MatchTotp(key, TotpCode(key, step), now, step));   // already used
  EXPECT_FALSE(MatchTotp(key, "12345", now, 0));
  EXPECT_FALSE(MatchTotp(key, "abcdef", now, 0));
  EXPECT_FALSE(MatchTotp(key, "", now, 0));
}

TEST(Totp, UriCarriesTheSecretAndEncodesNames) {
  auto key = Bytes("foobar");
  EXPECT_EQ(TotpUri("Acme & Co", "ana", key),
            "otpauth://totp/Acme%20%26%20Co:ana?secret=MZXW6YTBOI&issuer=Acme%20%26%20Co"
            "&algorithm=SHA1&digits=6&period=30");
}

TEST(Password, HashesWithArgon2idAndVerifies) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery "));
  EXPECT_FALSE(VerifyPassword("not a hash", "x"));
  auto again = HashPassword("correct horse battery");
  ASSERT_TRUE(again);
  EXPECT_NE(*hash, *again);  // salted
}

TEST(Password, RefusesShortAndHugePasswords) {
  EXPECT_EQ(HashPassword("short").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(HashPassword(std::string(257, 'x')).error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace rightsdesk::security
