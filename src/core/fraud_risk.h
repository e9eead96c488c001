// The fraud risk of a request, for staff: a score from 0 to 100, a level and the reasons that
// raised it, from signals gathered from the request, its audit events and the store (see
// app/risk_assessment.h). It informs the person who verifies; it decides nothing by itself: a
// request is never refused for its score (the CCPA names the grounds for denial, and "looked
// risky" is not one). Doubt is resolved by verification (Cal. Code Regs. tit. 11 §7060 onwards):
// the proof the request's type needs, asked for and checked.
//
// Weights (points, summed and capped at 100), and why:
//   verification_failed   35  staff concluded the consumer could not prove who they are: the
//                             strongest evidence there is.
//   data_points_mismatch  25  the identifiers given do not all belong to one record of ours: the
//                             mark of someone who knows a victim's email but not the rest.
//   codes_refused         10  a one-time code was refused once or twice (a typo happens);
//                         20  three times or more (looks like guessing).
//   disposable_email      20  a throwaway inbox proves nothing about who reads it and vanishes
//                             after; impostors like them, but so do privacy-minded consumers, so
//                             alone it stays low.
//   email_velocity_day    15  at least 3 requests naming the address in the 24 hours up to this
//                             one's receipt (this one included): scripted or harassing use.
//   email_velocity_month  10  at least 6 in the 30 days up to it (the free-request limit is 2
//                             per 12 months for access; 6 in a month is far beyond habit).
//   authorized_agent      10  someone else acts for the consumer: Cal. Code Regs. tit. 11 §7063
//                             lets the business ask for the signed permission and the consumer's
//                             own confirmation, because that is where unauthorised access tends
//                             to come from.
//   agent_velocity_day    10  the agent's address made at least 50 requests in 24 hours;
//   agent_velocity_month   5  at least 500 in 30 days. Agents work in bulk by trade, so only
//                             volumes far above one consumer's count, and lightly.
// Levels: low below 30, medium from 30, high from 60. One signal alone is at most medium; high
// needs evidence from verification itself or several signals together.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/subject.h"

namespace rightsdesk {

// Velocity thresholds (requests counted with the one assessed), documented above.
inline constexpr int kEmailRequestsPerDayRisk = 3;
inline constexpr int kEmailRequestsPerMonthRisk = 6;
inline constexpr int kAgentRequestsPerDayRisk = 50;
inline constexpr int kAgentRequestsPerMonthRisk = 500;
inline constexpr int kMediumRiskFrom = 30;
inline constexpr int kHighRiskFrom = 60;

// What is known of one request. Counts and flags only: no personal values.
struct RiskSignals {
  bool disposable_email = false;
  // Requests naming the consumer's email received in the 24 hours (30 days) up to this one's
  // receipt, this one included; 0 when unknown.
  int email_requests_day = 0;
  int email_requests_month = 0;
  bool by_agent = false;
  // The same, for the agent's email; 0 when no agent acts or its address is not known.
  int agent_requests_day = 0;
  int agent_requests_month = 0;
  int data_points_given = 0;               // identifiers the consumer gave (see DataPointsGiven)
  std::optional<int> data_points_matched;  // by the latest match on our records, if one ran
  bool verification_failed = false;        // a `verification.failed` event
  int codes_refused = 0;                   // `code.refused` events
};

enum class RiskLevel { kLow, kMedium, kHigh };
std::string_view Name(RiskLevel level);

struct RiskAssessment {
  int score = 0;  // 0..100
  RiskLevel level = RiskLevel::kLow;
  // The signals that added points, heaviest first, by name ("disposable_email", ...).
  std::vector<std::string> reasons;
};

RiskAssessment AssessRisk(const RiskSignals& signals);

// How many identifiers a consumer gave (email, name, phone, address, account id: the non-empty
// ones), the number a match on our records is held against.
int DataPointsGiven(const SubjectIdentifiers& subject);

}  // namespace rightsdesk
