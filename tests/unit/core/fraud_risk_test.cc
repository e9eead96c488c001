// The fraud risk score: each signal's weight, the cap, the levels and the order of the reasons.
#include "core/fraud_risk.h"

#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

using RiskReasons = std::vector<std::string>;

TEST(FraudRiskTest, NoSignalIsLowWithNoReasons) {
  RiskAssessment risk = AssessRisk({.email_requests_day = 1, .email_requests_month = 1});
  EXPECT_EQ(risk.score, 0);
  EXPECT_EQ(risk.level, RiskLevel::kLow);
  EXPECT_TRUE(risk.reasons.empty());
}

TEST(FraudRiskTest, EachSignalAddsItsDocumentedWeight) {
  struct Case {
    RiskSignals signals;
    int score;
    const char* reason;
  };
  const Case cases[] = {
      {{.verification_failed = true}, 35, "verification_failed"},
      {{.data_points_given = 3, .data_points_matched = 2}, 25, "data_points_mismatch"},
      {{.disposable_email = true}, 20, "disposable_email"},
      {{.codes_refused = 1}, 10, "codes_refused"},
      {{.codes_refused = 3}, 20, "codes_refused"},
      {{.email_requests_day = 3}, 15, "email_velocity_day"},
      {{.email_requests_month = 6}, 10, "email_velocity_month"},
      {{.by_agent = true}, 10, "authorized_agent"},
      {{.agent_requests_day = 50}, 10, "agent_velocity_day"},
      {{.agent_requests_month = 500}, 5, "agent_velocity_month"},
  };
  for (const Case& c : cases) {
    RiskAssessment risk = AssessRisk(c.signals);
    EXPECT_EQ(risk.score, c.score) << c.reason;
    EXPECT_EQ(risk.reasons, RiskReasons{c.reason});
  }
}

TEST(FraudRiskTest, VelocityCountsBelowTheirThresholdsAddNothing) {
  RiskAssessment risk = AssessRisk({.email_requests_day = 2,
                                    .email_requests_month = 5,
                                    .agent_requests_day = 49,
                                    .agent_requests_month = 499});
  EXPECT_EQ(risk.score, 0);
}

TEST(FraudRiskTest, AMatchOfEveryPointGivenOrNoMatchYetIsNoMismatch) {
  EXPECT_EQ(AssessRisk({.data_points_given = 3, .data_points_matched = 3}).score, 0);
  EXPECT_EQ(AssessRisk({.data_points_given = 3}).score, 0);
  EXPECT_EQ(AssessRisk({.data_points_given = 1, .data_points_matched = 0}).score, 25);
}

TEST(FraudRiskTest, LevelsChangeAtThirtyAndSixty) {
  // 20 + 10 = 30: a throwaway address used by an agent is worth a look.
  RiskAssessment medium = AssessRisk({.disposable_email = true, .by_agent = true});
  EXPECT_EQ(medium.score, 30);
  EXPECT_EQ(medium.level, RiskLevel::kMedium);
  RiskAssessment low = AssessRisk({.disposable_email = true});
  EXPECT_EQ(low.level, RiskLevel::kLow);
  // 35 + 25 = 60: verification failed on a mismatch.
  RiskAssessment high =
      AssessRisk({.data_points_given = 4, .data_points_matched = 1, .verification_failed = true});
  EXPECT_EQ(high.score, 60);
  EXPECT_EQ(high.level, RiskLevel::kHigh);
}

TEST(FraudRiskTest, OneSignalAloneIsNeverHigh) {
  for (RiskSignals s : {RiskSignals{.verification_failed = true}, RiskSignals{.codes_refused = 9},
                        RiskSignals{.disposable_email = true}}) {
    EXPECT_NE(AssessRisk(s).level, RiskLevel::kHigh);
  }
}

TEST(FraudRiskTest, EverySignalTogetherIsCappedAtOneHundredHeaviestReasonFirst) {
  RiskAssessment risk = AssessRisk({.disposable_email = true,
                                    .email_requests_day = 9,
                                    .email_requests_month = 9,
                                    .by_agent = true,
                                    .agent_requests_day = 80,
                                    .agent_requests_month = 900,
                                    .data_points_given = 5,
                                    .data_points_matched = 1,
                                    .verification_failed = true,
                                    .codes_refused = 4});
  EXPECT_EQ(risk.score, 100);
  EXPECT_EQ(risk.level, RiskLevel::kHigh);
  EXPECT_EQ(risk.reasons,
            (RiskReasons{"verification_failed", "data_points_mismatch", "disposable_email",
                         "codes_refused", "email_velocity_day", "email_velocity_month",
                         "authorized_agent", "agent_velocity_day", "agent_velocity_month"}));
}

TEST(FraudRiskTest, LevelNames) {
  EXPECT_EQ(Name(RiskLevel::kLow), "low");
  EXPECT_EQ(Name(RiskLevel::kMedium), "medium");
  EXPECT_EQ(Name(RiskLevel::kHigh), "high");
}

TEST(FraudRiskTest, DataPointsGivenCountsTheNonEmptyIdentifiers) {
  EXPECT_EQ(DataPointsGiven({.email = "a@example.com"}), 1);
  EXPECT_EQ(DataPointsGiven({.email = "a@example.com", .name = "Ana", .account_id = "7"}), 3);
  EXPECT_EQ(DataPointsGiven({}), 0);
}

}  // namespace
}  // namespace rightsdesk
