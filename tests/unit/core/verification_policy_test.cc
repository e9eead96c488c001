// The verification policy over the shipped California rules (rules/jurisdictions.toml): the level
// per type and sensitivity, what is missing, and the fallbacks when verification fails.
#include "core/verification_policy.h"

#include <gtest/gtest.h>

#include "config/rules_loader.h"

namespace rightsdesk {
namespace {

class VerificationPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = config::DefaultRuleset();
    ASSERT_TRUE(loaded) << loaded.error().message();
    rules_ = std::move(*loaded);
  }

  const Rule& Row(RequestType type, std::string_view jurisdiction = "US-CA") {
    auto rule = rules_.table().Find(jurisdiction, type, *ParseDate("2026-03-02"));
    EXPECT_TRUE(rule) << rule.error().message();
    return **rule;
  }

  VerificationState Evaluate(RequestType type, VerificationProofs proofs) {
    return EvaluateVerification(Row(type), proofs);
  }

  Ruleset rules_;
};

VerificationProofs Points(std::set<DataPoint> points, bool declaration = false) {
  return {
      .matched = std::move(points), .matched_system = "chinook", .declaration_signed = declaration};
}

TEST_F(VerificationPolicyTest, OptOutAndLimitNeedNoProof) {
  for (RequestType type : {RequestType::kOptOut, RequestType::kLimit}) {
    auto state = Evaluate(type, {});
    EXPECT_EQ(state.required.level, VerificationLevel::kNone);
    EXPECT_TRUE(state.missing.empty());
    EXPECT_TRUE(state.verified);
  }
}

TEST_F(VerificationPolicyTest, TwoPointsAreAReasonableDegreeForCategoriesCorrectAndDelete) {
  for (RequestType type : {RequestType::kCategories, RequestType::kCorrect, RequestType::kDelete}) {
    auto state = Evaluate(type, Points({DataPoint::kEmail, DataPoint::kName}));
    EXPECT_EQ(state.required.level, VerificationLevel::kReasonable) << Name(type);
    EXPECT_EQ(state.required.points, 2);
    EXPECT_FALSE(state.required.declaration);
    EXPECT_TRUE(state.verified) << Name(type);
  }
}

TEST_F(VerificationPolicyTest, OnePointLeavesOneMissing) {
  auto state = Evaluate(RequestType::kCategories, Points({DataPoint::kEmail}));
  EXPECT_FALSE(state.verified);
  EXPECT_EQ(state.missing, std::vector<std::string>{"1 more matched data point"});
}

TEST_F(VerificationPolicyTest, AccessNeedsThreePointsAndASignedDeclaration) {
  auto two = Evaluate(RequestType::kAccess, Points({DataPoint::kEmail, DataPoint::kPhone}));
  EXPECT_EQ(two.required.level, VerificationLevel::kReasonablyHigh);
  EXPECT_FALSE(two.verified);
  EXPECT_EQ(two.missing,
            (std::vector<std::string>{"1 more matched data point", "signed declaration"}));

  auto three = Evaluate(RequestType::kAccess,
                        Points({DataPoint::kEmail, DataPoint::kPhone, DataPoint::kName}));
  EXPECT_FALSE(three.verified);
  EXPECT_EQ(three.missing, std::vector<std::string>{"signed declaration"});

  auto signed_three = Evaluate(
      RequestType::kAccess, Points({DataPoint::kEmail, DataPoint::kPhone, DataPoint::kName}, true));
  EXPECT_TRUE(signed_three.verified);
  EXPECT_TRUE(signed_three.missing.empty());
}

TEST_F(VerificationPolicyTest, ADeclarationNeverStandsInForAMissingPoint) {
  auto state = Evaluate(RequestType::kAccess, Points({DataPoint::kEmail, DataPoint::kName}, true));
  EXPECT_FALSE(state.verified);
  EXPECT_EQ(state.missing, std::vector<std::string>{"1 more matched data point"});
}

TEST_F(VerificationPolicyTest, DeletingSensitiveDataNeedsTheHighLevel) {
  VerificationProofs proofs = Points({DataPoint::kEmail, DataPoint::kName});
  proofs.sensitive_data_held = true;
  auto state = Evaluate(RequestType::kDelete, proofs);
  EXPECT_EQ(state.required.level, VerificationLevel::kReasonablyHigh);
  EXPECT_FALSE(state.verified);
}

TEST_F(VerificationPolicyTest, SensitiveDataDoesNotRaiseARowWithoutASensitiveLevel) {
  VerificationProofs proofs = Points({DataPoint::kEmail, DataPoint::kName});
  proofs.sensitive_data_held = true;
  EXPECT_TRUE(Evaluate(RequestType::kCategories, proofs).verified);
}

TEST_F(VerificationPolicyTest, AnAccountHolderMayReauthenticateInstead) {
  VerificationProofs proofs;
  proofs.reauthenticated = true;
  auto state = Evaluate(RequestType::kAccess, proofs);
  EXPECT_TRUE(state.verified);
  EXPECT_TRUE(state.by_reauthentication);
  EXPECT_FALSE(state.missing.empty());  // staff still see what the other route would need
}

TEST_F(VerificationPolicyTest, MatchedPointsAreListedInAFixedOrder) {
  auto state = Evaluate(RequestType::kCategories, Points({DataPoint::kName, DataPoint::kEmail}));
  EXPECT_EQ(state.matched, (std::vector<DataPoint>{DataPoint::kEmail, DataPoint::kName}));
  EXPECT_EQ(state.matched_system, "chinook");
}

TEST_F(VerificationPolicyTest, AnUnconfirmedContactPointDoesNotCountWhenCodesAreRequired) {
  VerificationProofs proofs = Points({DataPoint::kEmail, DataPoint::kPhone, DataPoint::kName});
  proofs.contacts_need_code = true;
  auto state = Evaluate(RequestType::kCategories, proofs);
  EXPECT_EQ(state.matched, std::vector<DataPoint>{DataPoint::kName});
  EXPECT_EQ(state.awaiting_code, (std::vector<DataPoint>{DataPoint::kEmail, DataPoint::kPhone}));
  EXPECT_EQ(state.missing,
            (std::vector<std::string>{"1 more matched data point", "a one-time code to the email",
                                      "a one-time code to the phone"}));
  EXPECT_FALSE(state.verified);

  proofs.confirmed = {DataPoint::kPhone};
  state = Evaluate(RequestType::kCategories, proofs);
  EXPECT_EQ(state.matched, (std::vector<DataPoint>{DataPoint::kPhone, DataPoint::kName}));
  EXPECT_EQ(state.awaiting_code, std::vector<DataPoint>{DataPoint::kEmail});
  EXPECT_TRUE(state.verified);
  EXPECT_TRUE(state.missing.empty());
}

TEST_F(VerificationPolicyTest, AConfirmedContactThatDidNotMatchTheRecordsDoesNotCount) {
  VerificationProofs proofs = Points({DataPoint::kName});
  proofs.contacts_need_code = true;
  proofs.confirmed = {DataPoint::kEmail};
  auto state = Evaluate(RequestType::kCategories, proofs);
  EXPECT_EQ(state.confirmed, std::vector<DataPoint>{DataPoint::kEmail});
  EXPECT_EQ(state.matched, std::vector<DataPoint>{DataPoint::kName});
  EXPECT_FALSE(state.verified);
}

TEST_F(VerificationPolicyTest, WithoutTheCodeRequirementMatchedContactsCountAsBefore) {
  auto state = Evaluate(RequestType::kCategories, Points({DataPoint::kEmail, DataPoint::kName}));
  EXPECT_TRUE(state.awaiting_code.empty());
  EXPECT_TRUE(state.verified);
}

TEST_F(VerificationPolicyTest, AnAgentsRequestNeedsThePermissionAndTheConsumersConfirmation) {
  VerificationProofs proofs = Points({DataPoint::kName, DataPoint::kAddress});
  proofs.by_agent = true;
  auto state = Evaluate(RequestType::kCategories, proofs);
  EXPECT_EQ(state.missing, (std::vector<std::string>{"the agent's signed permission",
                                                     "the consumer's confirmation of the agent"}));
  EXPECT_FALSE(state.verified);
  proofs.agent_permission = true;
  proofs.agent_confirmed = true;
  EXPECT_TRUE(Evaluate(RequestType::kCategories, proofs).verified);
  // A re-authenticated account holder still confirms the agent.
  VerificationProofs account{.reauthenticated = true, .by_agent = true, .agent_permission = true};
  EXPECT_FALSE(Evaluate(RequestType::kCategories, account).verified);
}

TEST_F(VerificationPolicyTest, APowerOfAttorneyStandsForThePermissionAndTheConfirmation) {
  VerificationProofs proofs = Points({DataPoint::kName, DataPoint::kAddress});
  proofs.by_agent = true;
  proofs.power_of_attorney = true;
  auto state = Evaluate(RequestType::kCategories, proofs);
  EXPECT_TRUE(state.agent_permission);
  EXPECT_TRUE(state.agent_confirmed);
  EXPECT_TRUE(state.verified);
}

TEST_F(VerificationPolicyTest, AnAgentsOptOutIsHonouredWithoutProofs) {
  VerificationProofs proofs{.by_agent = true};
  auto state = Evaluate(RequestType::kOptOut, proofs);
  EXPECT_TRUE(state.missing.empty());
  EXPECT_TRUE(state.verified);
}

TEST_F(VerificationPolicyTest, PointsAReviewerFoundOnAnIdentityDocumentCount) {
  // The email matched in the records; the reviewer vouched for the name and the address.
  VerificationProofs proofs = Points({DataPoint::kEmail}, /*declaration=*/true);
  proofs.reviewed = {DataPoint::kName, DataPoint::kAddress};
  auto state = Evaluate(RequestType::kAccess, proofs);
  EXPECT_TRUE(state.verified);
  EXPECT_EQ(state.matched, (std::vector{DataPoint::kEmail, DataPoint::kName, DataPoint::kAddress}));
  EXPECT_EQ(state.reviewed, (std::vector{DataPoint::kName, DataPoint::kAddress}));
}

TEST_F(VerificationPolicyTest, AReviewerCannotVouchForAContactOrAnAccountFromADocument) {
  VerificationProofs proofs;
  proofs.reviewed = {DataPoint::kEmail, DataPoint::kPhone, DataPoint::kAccountId};
  auto state = Evaluate(RequestType::kCategories, proofs);
  EXPECT_FALSE(state.verified);
  EXPECT_TRUE(state.reviewed.empty());
  EXPECT_TRUE(state.matched.empty());
  EXPECT_TRUE(CanBeReviewedOnIdentityDocument(DataPoint::kName));
  EXPECT_FALSE(CanBeReviewedOnIdentityDocument(DataPoint::kEmail));
}

TEST_F(VerificationPolicyTest, AReviewedPointIsCountedOnceWhenItAlsoMatched) {
  VerificationProofs proofs = Points({DataPoint::kName});
  proofs.reviewed = {DataPoint::kName};
  auto state = Evaluate(RequestType::kCategories, proofs);
  EXPECT_EQ(state.matched, std::vector{DataPoint::kName});
  EXPECT_FALSE(state.verified);
}

TEST(VerificationFallbackTest, AccessFallsBackToCategoriesAndDeleteToADenial) {
  EXPECT_EQ(FallbackFor(RequestType::kAccess), VerificationFallback::kAnswerAsCategories);
  EXPECT_EQ(FallbackFor(RequestType::kDelete), VerificationFallback::kDenyAndOfferOptOut);
  EXPECT_EQ(FallbackFor(RequestType::kCategories), VerificationFallback::kNone);
  EXPECT_EQ(FallbackFor(RequestType::kCorrect), VerificationFallback::kNone);
}

TEST(DataPointNamesTest, EveryPointRoundTrips) {
  for (DataPoint point : kAllDataPoints) EXPECT_EQ(ParseDataPoint(Name(point)), point);
  EXPECT_FALSE(ParseDataPoint("ssn"));
}

}  // namespace
}  // namespace rightsdesk
