#include "security/sealer.h"

#include <gtest/gtest.h>

#include <set>

#include "security/keys.h"

namespace rightsdesk::security {
namespace {

Key32 KeyOf(std::uint8_t fill) {
  Key32 key;
  std::fill(key.data(), key.data() + key.size(), fill);
  return key;
}

TEST(SealerTest, OpensWhatItSealedInTheSameContext) {
  Sealer sealer(KeyOf(1));
  auto sealed = sealer.Seal("Ana Núñez <ana@example.com>", "requests/r1/subject");
  auto opened = sealer.Open(sealed, "requests/r1/subject");
  ASSERT_TRUE(opened) << opened.error().message();
  EXPECT_EQ(*opened, "Ana Núñez <ana@example.com>");
}

TEST(SealerTest, CiphertextHidesThePlaintextAndIsFreshEachTime) {
  Sealer sealer(KeyOf(1));
  auto a = sealer.Seal("ana@example.com", "ctx");
  auto b = sealer.Seal("ana@example.com", "ctx");
  EXPECT_NE(a, b);  // random nonce
  std::string bytes(a.begin(), a.end());
  EXPECT_EQ(bytes.find("ana@example.com"), std::string::npos);
}

TEST(SealerTest, RefusesAnotherContextAnotherKeyAndAnyAlteredByte) {
  Sealer sealer(KeyOf(1));
  auto sealed = sealer.Seal("secret", "requests/r1/subject");
  EXPECT_EQ(sealer.Open(sealed, "requests/r2/subject").error().code(), ErrorCode::kDataLoss);
  EXPECT_EQ(Sealer(KeyOf(2)).Open(sealed, "requests/r1/subject").error().code(),
            ErrorCode::kDataLoss);
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    auto altered = sealed;
    altered[i] ^= 0x01;
    EXPECT_FALSE(sealer.Open(altered, "requests/r1/subject")) << "byte " << i;
  }
  EXPECT_FALSE(sealer.Open(std::vector<std::uint8_t>(5, 1), "requests/r1/subject"));
}

TEST(BlindIndexTest, IsDeterministicPerKeyAndDistinctPerInput) {
  BlindIndex index(KeyOf(3));
  EXPECT_EQ(index.Of("ana@example.com"), index.Of("ana@example.com"));
  EXPECT_NE(index.Of("ana@example.com"), index.Of("ana@example.org"));
  EXPECT_NE(index.Of("ana@example.com"), BlindIndex(KeyOf(4)).Of("ana@example.com"));
}

}  // namespace
}  // namespace rightsdesk::security
