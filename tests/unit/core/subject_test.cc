// Subject identifiers and consumer-typed text.
#include "core/subject.h"

#include <gtest/gtest.h>

#include "core/random.h"
#include "core/text.h"

namespace rightsdesk {
namespace {

TEST(NormalizeEmailTest, AcceptsOrdinaryAndInternationalAddressesLowerCased) {
  EXPECT_EQ(NormalizeEmail("Ana.Nunez+privacy@Example.COM"), "ana.nunez+privacy@example.com");
  EXPECT_EQ(NormalizeEmail("  ana@example.co.uk "), "ana@example.co.uk");
  EXPECT_TRUE(NormalizeEmail("josé@exámple.com"));
  EXPECT_TRUE(NormalizeEmail("o'brien@example.ie"));
}

TEST(NormalizeEmailTest, RefusesMalformedAddressesNamingTheField) {
  for (std::string bad :
       {std::string(""), std::string("ana"), std::string("@example.com"), std::string("ana@"),
        std::string("ana@example"), std::string("a b@example.com"), std::string("ana@@example.com"),
        std::string("ana@exa mple.com"), std::string(".ana@example.com"),
        std::string("ana..b@example.com"), std::string("ana@-example.com"),
        std::string("ana\n@example.com"), std::string("ana@example.com\r\nBcc: x@y.z"),
        std::string("\xff@example.com"), std::string(65, 'a') + "@example.com",
        "a@" + std::string(250, 'b') + ".com"}) {
    auto email = NormalizeEmail(bad);
    ASSERT_FALSE(email) << "'" << bad << "'";
    EXPECT_EQ(email.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(email.error().field(), "/subject/email");
  }
}

TEST(ValidateSubjectTest, RequiresAnEmailAndNormalisesIt) {
  auto subject = ValidateSubject({.email = "Ana@Example.com", .name = "Ana Núñez"});
  ASSERT_TRUE(subject);
  EXPECT_EQ(subject->email, "ana@example.com");
  EXPECT_EQ(subject->name, "Ana Núñez");
  EXPECT_FALSE(ValidateSubject({.name = "No Email"}));
}

TEST(CleanTextTest, RefusesInvalidUtf8ControlCharactersAndOverlongText) {
  EXPECT_EQ(CleanText("Plain text", {}, "/x"), "Plain text");
  EXPECT_FALSE(CleanText("\xc3\x28", {}, "/x"));    // invalid UTF-8
  EXPECT_FALSE(CleanText("a\x01b", {}, "/x"));      // control character
  EXPECT_FALSE(CleanText("two\nlines", {}, "/x"));  // newlines not allowed here...
  EXPECT_TRUE(CleanText("two\nlines", {.allow_newlines = true}, "/x"));  // ...but here
  EXPECT_FALSE(CleanText(std::string(201, 'x'), {.max_bytes = 200}, "/x"));
  auto bad = CleanText("\xff", {}, "/subject/name");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field(), "/subject/name");
}

// A counter as the random source, so that the bits are known.
class CountingRandom final : public Random {
 public:
  void Fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) b = next_++;
  }

 private:
  std::uint8_t next_ = 0;
};

TEST(UuidTest, Version4AndTimeOrderedVersion7) {
  CountingRandom random;
  std::string v4 = NewUuid(random);
  ASSERT_EQ(v4.size(), 36U);
  EXPECT_EQ(v4[14], '4');
  EXPECT_TRUE(std::string("89ab").find(v4[19]) != std::string::npos);
  Instant t1 = *ParseInstant("2026-11-24T18:00:00.000000Z");
  std::string a = NewTimeOrderedUuid(t1, random);
  std::string b = NewTimeOrderedUuid(t1 + std::chrono::milliseconds(1), random);
  EXPECT_EQ(a[14], '7');
  EXPECT_LT(a, b);  // later ids sort later
  // The first 48 bits are the Unix time in milliseconds: 1795543200000 = 0x01a20eb6f100.
  EXPECT_EQ(a.substr(0, 13), "01a20eb6-f100");
}

}  // namespace
}  // namespace rightsdesk
