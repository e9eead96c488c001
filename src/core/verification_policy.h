// The verification policy: how sure the business must be of who a consumer is before acting on
// their request, and whether the proofs on record are enough. Pure rules over the rules table's
// row (core/rules.h) and the proofs gathered so far; no I/O.
//
// Cal. Code Regs. tit. 11 §7060 (general rules), §7061 (account holders), §7062 (non-account
// holders): a reasonable degree of certainty is at least two data points matched against the
// business's own records (§7062(b)); a reasonably high degree is at least three matched data
// points and a declaration signed under penalty of perjury (§7062(c)); deletion needs one or the
// other by the sensitivity of the data (§7062(d)). Opt-out and limit need none (§7026(d),
// §7027(f)).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/request_type.h"
#include "core/rules.h"

namespace rightsdesk {

// A piece of information the consumer gave that can be matched against the company's records.
enum class DataPoint { kEmail, kPhone, kName, kAddress, kAccountId };
inline constexpr DataPoint kAllDataPoints[] = {DataPoint::kEmail, DataPoint::kPhone,
                                               DataPoint::kName, DataPoint::kAddress,
                                               DataPoint::kAccountId};
std::string_view Name(DataPoint point);  // "email", "phone", "name", "address", "account_id"
std::optional<DataPoint> ParseDataPoint(std::string_view name);

// What is on record for a request. Names only: never the values that matched.
struct VerificationProofs {
  std::set<DataPoint> matched;       // points matched in one record of one system
  std::string matched_system;        // where they matched ("" when none did)
  bool declaration_signed = false;   // a declaration under penalty of perjury is stored
  bool reauthenticated = false;      // an account holder signed in again (§7061); hook for
                                     // the account token (JWT) of issue 4, not yet accepted
  bool sensitive_data_held = false;  // the consumer's records hold sensitive PI (§1798.140(ae))
  // Contact points (email, phone) the consumer proved they control with a one-time code.
  std::set<DataPoint> confirmed;
  // The installation's choice (`[verification] contacts_need_code`): a matched email or phone
  // counts only once confirmed, because anyone who knows a consumer's address can type it, while
  // only the consumer reads what is sent to it. Name, address and account id are unaffected.
  bool contacts_need_code = false;
  // An authorized agent made the request (§7063): the agent's proof of permission, and the
  // consumer's own confirmation that they gave it, are needed besides the consumer's identity —
  // except under a power of attorney (§7063(b)), which stands for both.
  bool by_agent = false;
  bool agent_permission = false;   // the consumer's signed permission is on record
  bool power_of_attorney = false;  // a power of attorney is on record
  bool agent_confirmed = false;    // the consumer confirmed the agent (a code sent to them)
  // Points a reviewer found on an identity document the consumer sent and also in the company's
  // records (§7060(c)(3): information the consumer gives only to be verified). They count like
  // matched points; only name and address (CanBeReviewedOnIdentityDocument) are ever here.
  std::set<DataPoint> reviewed;
};

// Whether a reviewer may vouch for a point from an identity document: a name or a postal address
// is printed on one; an email, a phone or an account id is not.
bool CanBeReviewedOnIdentityDocument(DataPoint point);

// Whether a point is a contact point: one a one-time code can be sent to.
bool IsContactPoint(DataPoint point);

// What a level asks for.
struct VerificationRequirement {
  VerificationLevel level = VerificationLevel::kNone;
  int points = 0;            // matched data points needed
  bool declaration = false;  // signed declaration needed
};
VerificationRequirement RequirementOf(VerificationLevel level);

// The level for a request under `rule`: the row's sensitive level when the data is sensitive and
// the row has one (deletion, §7062(d)), else its level.
VerificationLevel LevelFor(const Rule& rule, bool sensitive_data_held);

// Where a request stands: the level that applies, what is in, what is still missing.
struct VerificationState {
  VerificationRequirement required;
  // Counted towards the level, in kAllDataPoints order: matched in the records (and confirmed
  // where a code is needed) or vouched for by a reviewer from an identity document.
  std::vector<DataPoint> matched;
  // Matched contact points not counted until confirmed by a code (contacts_need_code).
  std::vector<DataPoint> awaiting_code;
  std::vector<DataPoint> confirmed;  // contact points confirmed by a code, matched or not
  std::vector<DataPoint> reviewed;   // counted from an identity document a reviewer accepted
  std::string matched_system;
  bool declaration_signed = false;
  bool by_reauthentication = false;  // satisfied by an account holder's sign-in (§7061)
  bool by_agent = false;
  bool agent_permission = false;  // the permission or a power of attorney is on record
  bool agent_confirmed = false;   // by the consumer, or stood for by a power of attorney
  // "1 more matched data point", "a one-time code to the email", "signed declaration",
  // "the agent's signed permission", "the consumer's confirmation of the agent"
  std::vector<std::string> missing;
  bool verified = false;
};
VerificationState EvaluateVerification(const Rule& rule, const VerificationProofs& proofs);

// What happens when verification fails, by the type of the request.
enum class VerificationFallback {
  kNone,                // nothing to fall back on: staff may close the request unverified
  kAnswerAsCategories,  // access: say so, answer as a categories request (§7024(a))
  kDenyAndOfferOptOut,  // delete: deny, say why, offer the opt-out (§7022(a))
};
std::string_view Name(VerificationFallback fallback);
VerificationFallback FallbackFor(RequestType type);

}  // namespace rightsdesk
