// The erasure certificate verifies as issued, and fails when any one byte of its file changes or
// when another key signed it.
#include "core/erasure_certificate.h"

#include <gtest/gtest.h>

#include "support/test_signer.h"

namespace rightsdesk {
namespace {

using testing::TestSigner;

CertificateDraft Draft() {
  SystemErasurePlan plan{.system = "chinook", .tables = {}};
  TableErasurePlan customer{.table = "Customer", .key_column = "CustomerId"};
  customer.updates.push_back({.key = 3, .set = {{"Email", "hashed-value-xyz"}}});
  plan.tables.push_back(customer);
  SystemProof proof{.system = "chinook", .rows_found_again = 0, .tables = {}};
  proof.tables.push_back({.table = "Customer", .rows_updated = 1});
  CertificateDraft draft{.certificate_id = "c-1", .reference = "RD-2026-00042", .issued_at = {}};
  draft.systems.push_back({.plan = plan, .proof = proof, .executed_at = {}});
  return draft;
}

TEST(ErasureCertificateTest, VerifiesAsIssuedAndNamesItsSigner) {
  TestSigner signer;
  const std::string text = CertificateText(SignCertificate(Draft(), signer));
  const PublicKey key = signer.public_key();
  auto check = VerifyCertificateText(text, &key);
  ASSERT_TRUE(check) << check.error().message();
  EXPECT_EQ(check->signer, key);
  EXPECT_TRUE(check->all_verified);
  EXPECT_EQ(text.find("hashed-value-xyz"), std::string::npos);  // the plan's values are not in it
}

TEST(ErasureCertificateTest, EveryChangedByteFails) {
  TestSigner signer;
  const std::string text = CertificateText(SignCertificate(Draft(), signer));
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string altered = text;
    altered[i] = static_cast<char>(altered[i] ^ 0x01);
    EXPECT_FALSE(VerifyCertificateText(altered, nullptr)) << "byte " << i << " of " << text;
  }
  EXPECT_FALSE(VerifyCertificateText(text + " ", nullptr));
}

TEST(ErasureCertificateTest, AnotherKeyOrNoCertificateIsRefused) {
  TestSigner signer;
  TestSigner other;
  const std::string text = CertificateText(SignCertificate(Draft(), signer));
  const PublicKey other_key = other.public_key();
  auto wrong = VerifyCertificateText(text, &other_key);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), ErrorCode::kDataLoss);
  // Re-signed by someone else after a change: valid signature, wrong key.
  auto forged = SignCertificate(Draft(), other);
  auto forged_check = VerifyCertificateText(CertificateText(forged), &other_key);
  EXPECT_TRUE(forged_check);
  const PublicKey key = signer.public_key();
  EXPECT_FALSE(VerifyCertificateText(CertificateText(forged), &key));
  EXPECT_EQ(VerifyCertificateText("{}", nullptr).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(VerifyCertificateText("not json", nullptr).error().code(), ErrorCode::kInvalidArgument);
}

TEST(ErasureCertificateTest, AFailedProofOrAManualSystemIsNotAllVerified) {
  TestSigner signer;
  auto draft = Draft();
  draft.systems[0].proof.rows_found_again = 1;
  EXPECT_FALSE(VerifyCertificateText(CertificateText(SignCertificate(draft, signer)), nullptr)
                   ->all_verified);
  auto manual = Draft();
  manual.manual_systems.push_back({.system = "crm", .done = false});
  EXPECT_FALSE(VerifyCertificateText(CertificateText(SignCertificate(manual, signer)), nullptr)
                   ->all_verified);
  manual.manual_systems[0].done = true;
  EXPECT_TRUE(VerifyCertificateText(CertificateText(SignCertificate(manual, signer)), nullptr)
                  ->all_verified);
}

}  // namespace
}  // namespace rightsdesk
