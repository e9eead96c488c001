// `rightsdesk request verify` and `request verification` as staff use them, on the demo data map
// (the Chinook customers): match, declare, and the fallback when proofs do not come.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "integration/test_dirs.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;

class VerificationCliTest : public ::testing::Test, protected CliInstallation {
 protected:
  void SetUp() override { ASSERT_TRUE(InitWithDemoMap()); }
};

TEST_F(VerificationCliTest, MatchThenDeclareVerifiesAnAccessRequest) {
  ASSERT_EQ(Cli({"request", "submit", "--type", "access", "--email", "ftremblay@gmail.com",
                 "--name", "Francois Tremblay", "--phone", "(514) 721-4711", "--address",
                 "1498 rue Bélanger, Montréal", "--account-id", "3"})
                .exit_code,
            0);
  auto matched = Cli({"request", "verify", "RD-2026-00001", "--match"});
  ASSERT_EQ(matched.exit_code, 0) << matched.err;
  // The email and phone matched too, but count once confirmed by a code (contacts_need_code).
  EXPECT_THAT(matched.out, HasSubstr("matched:      name, address, account_id (chinook)"));
  EXPECT_THAT(matched.out, HasSubstr("needs a code: email, phone"));
  EXPECT_THAT(matched.out, HasSubstr("missing:      signed declaration"));
  EXPECT_THAT(matched.out, HasSubstr("verified:     no"));

  auto declared = Cli({"request", "verify", "RD-2026-00001", "--declare", "François Tremblay",
                       "--ip", "203.0.113.7"});
  ASSERT_EQ(declared.exit_code, 0) << declared.err;
  EXPECT_THAT(declared.out, HasSubstr("verified:     yes"));

  auto shown = Cli({"request", "verification", "RD-2026-00001", "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  auto json = nlohmann::json::parse(shown.out);
  EXPECT_EQ(json.at("status"), "verified");
  EXPECT_EQ(json.at("matched_points"), nlohmann::json({"name", "address", "account_id"}));
  EXPECT_EQ(json.at("awaiting_code"), nlohmann::json({"email", "phone"}));
}

TEST_F(VerificationCliTest, StaffSendACodeAndTypeWhatTheConsumerReadsBack) {
  ASSERT_EQ(Cli({"request", "submit", "--type", "categories", "--email", "ftremblay@gmail.com",
                 "--name", "Francois Tremblay"})
                .exit_code,
            0);
  auto early = Cli({"request", "verify", "RD-2026-00001", "--code", "123456"});
  EXPECT_EQ(early.exit_code, 2);
  EXPECT_THAT(early.err, HasSubstr("the code was refused (none_issued"));
  auto sent = Cli({"request", "verify", "RD-2026-00001", "--send-code", "email"});
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_THAT(sent.out, HasSubstr("code sent to the email"));
  EXPECT_THAT(sent.out, HasSubstr("confirmed:    nothing"));
  auto sms = Cli({"request", "verify", "RD-2026-00001", "--send-code", "phone"});
  EXPECT_EQ(sms.exit_code, 2);
  EXPECT_THAT(sms.err, HasSubstr("no SMS gateway is set up"));
  auto malformed = Cli({"request", "verify", "RD-2026-00001", "--code", "12"});
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_THAT(malformed.err, HasSubstr("six digits"));
  EXPECT_EQ(Cli({"request", "verify", "RD-2026-00001", "--send-code", "name"}).exit_code, 2);
}

TEST_F(VerificationCliTest, FailingWithoutAReasonIsAUsageErrorAndWithOneAppliesTheFallback) {
  ASSERT_EQ(
      Cli({"request", "submit", "--type", "delete", "--email", "nobody@example.com"}).exit_code, 0);
  EXPECT_EQ(Cli({"request", "verify", "RD-2026-00001", "--fail"}).exit_code, 2);
  auto failed =
      Cli({"request", "verify", "RD-2026-00001", "--fail", "--reason", "no record of them"});
  ASSERT_EQ(failed.exit_code, 0) << failed.err;
  EXPECT_THAT(failed.out, HasSubstr("RD-2026-00001  delete  denied"));
  EXPECT_THAT(failed.out, HasSubstr("fallback:     deny_offer_opt_out"));
}

TEST_F(VerificationCliTest, AVerifiedRequestIsNotVerifiedAgain) {
  ASSERT_EQ(Cli({"request", "submit", "--type", "opt_out", "--email", "a@example.com"}).exit_code,
            0);
  ASSERT_EQ(Cli({"request", "transition", "RD-2026-00001", "--to", "verified", "--reason", "ok"})
                .exit_code,
            0);
  auto again = Cli({"request", "verify", "RD-2026-00001", "--match"});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_THAT(again.err, HasSubstr("is verified"));
}

}  // namespace
}  // namespace rightsdesk::testing
