// Identity verification of a request (issue 4, DESIGN.md section 2 step 4): data points matched
// against the company's own records, a declaration signed under penalty of perjury, the policy
// that says whether they are enough (core/verification_policy.h), and the lawful fallbacks when
// they are not.
//
// Every step is an audit event on the request, with names only: `verification.matched` (points,
// system), `verification.declaration` (statement version), `verification.reauthenticated`
// (issuer, kid, alg of an account token) or `verification.reauthentication_refused` (a reason
// code), `verification.passed` or `verification.failed` (level, what was missing, the fallback). A
// request whose proofs satisfy the policy moves to `verified` through the one transition use case
// (app/casework.h).
//
// Fallbacks (DESIGN.md section 4):
//   access → the consumer is told, and the request is answered as a categories request: its type
//            becomes `categories` (Cal. Code Regs. tit. 11 §7024(a)); its deadline is unchanged;
//   delete → denied with the reason, and the opt-out of sale/sharing offered (§7022(a));
//   others → nothing to fall back on: `verification.failed` is recorded and the request stays
//            for staff (who may close it unverified).
// The consumer is told by a `verification_failed` message (web/mail/verification_failed.*).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/data_point_matching.h"
#include "app/fulfilment.h"
#include "app/one_time_codes.h"
#include "app/services.h"
#include "config/installation_config.h"
#include "core/request.h"
#include "core/verification_policy.h"
#include "security/account_tokens.h"
#include "store/code_store.h"
#include "store/verification_store.h"

namespace rightsdesk::app {

// The statement a consumer signs, and its version (stored with each declaration so that a
// change of wording never rewrites what was signed).
inline constexpr std::string_view kDeclarationVersion = "2026-11-ca-1";
inline constexpr std::string_view kDeclarationText =
    "I declare under penalty of perjury under the laws of the State of California that I am the "
    "consumer whose personal information is the subject of this request.";

// The event of an account holder's re-authentication with an account token (§7061), which the
// policy accepts as meeting any level (core/verification_policy.h).
inline constexpr std::string_view kReauthenticatedEvent = "verification.reauthenticated";

// Where a request stands, for staff (CLI, API, console). No personal values.
struct VerificationView {
  Request request;
  VerificationState state;
  bool matched_on_record = false;  // a `verification.matched` event exists
  std::vector<std::string> systems_failed;
  std::vector<store::SignedDeclaration> declarations;  // full name and IP included: staff only
  std::vector<store::ProofDocument> documents;         // names opened: staff only
  // The fallback recorded when verification failed ("answer_as_categories",
  // "deny_offer_opt_out", "none"), if it did.
  std::optional<std::string> fallback;
};

// The installation's verification settings (`[verification]`, `[sms]`; docs/verification.md).
struct VerificationOptions {
  // A matched email or phone counts once the consumer confirmed it with a one-time code.
  bool contacts_need_code = true;
  // The country code for phone numbers given without one; empty: no SMS gateway is set up, so
  // codes go by email only.
  std::string sms_country_code;
};

// The kinds of document given as proof with a request.
inline constexpr std::string_view kAgentPermission = "agent_permission";   // §7063(a)
inline constexpr std::string_view kPowerOfAttorney = "power_of_attorney";  // §7063(b)
// A copy of an identity document, for a reviewer's eyes only, kept until they decide (§7060).
inline constexpr std::string_view kIdentityDocument = "identity_document";
inline constexpr std::size_t kMaxProofDocumentBytes = 10u << 20;

// A reviewer's decision on an identity document.
struct IdentityReview {
  bool accepted = false;
  // When accepted: the points the document shows that the company's records hold too (name,
  // address: CanBeReviewedOnIdentityDocument); at least one.
  std::vector<DataPoint> points;
  // Why; required when rejected ("expired", "name differs from our records"). No personal data.
  std::string reason;
};

// The actions on the trail of a reviewer's decision and of the sweep below.
inline constexpr std::string_view kIdentityReviewedEvent = "verification.identity_reviewed";
inline constexpr std::string_view kIdentityErasedEvent = "verification.identity_document_erased";

// The purpose of the code that asks the consumer to confirm the agent who made their request.
inline constexpr std::string_view kAgentConsentPurpose = "agent:consent";

// A document as given: its kind (above), name as uploaded, declared type and bytes.
struct DocumentInput {
  std::string kind;
  std::string filename;
  std::string content_type;
  std::string bytes;
};

// The code's purpose for a contact point ("verification:email", "verification:phone"): each has
// its own codes and limits (core/one_time_code.h).
std::string VerificationCodePurpose(DataPoint contact);

// A code typed for verification: the verdict, and where the request stands after it.
struct CodeConfirmation {
  store::CodeVerdict verdict;
  VerificationView view;
};

struct DeclarationInput {
  std::string full_name;  // as typed by the consumer; must be non-empty
  std::string ip;         // where it was signed from; "" when unknown (e.g. on paper)
};

// Serves one call at a time (make one per thread or per HTTP call); the stores it writes to are
// thread-safe, and each change is applied atomically with its events.
class Verification {
 public:
  // `map` may be null (no data map: matching is refused with kFailedPrecondition). All references
  // must outlive the object.
  Verification(const Services& services, store::VerificationStore& store, const DataMap* map,
               SourceOpener open, RetryPolicy retry, VerificationOptions options = {})
      : services_(services),
        store_(store),
        map_(map),
        open_(std::move(open)),
        retry_(std::move(retry)),
        options_(std::move(options)) {}

  // Matches the request's identifiers in every system; records `verification.matched` (a later
  // match replaces an earlier one), then passes the request if the policy is satisfied.
  // kFailedPrecondition when the request is not received or pending verification, or there is no
  // data map.
  Result<VerificationView> Match(std::string_view reference, std::string_view actor);

  // Stores a signed declaration (statement kDeclarationVersion, now); records
  // `verification.declaration`, then passes the request if the policy is satisfied.
  // kInvalidArgument for an empty or overlong name or IP.
  Result<VerificationView> Declare(std::string_view reference, const DeclarationInput& input,
                                   std::string_view actor);

  // Sends a one-time code to the request's email (by mail) or phone (by SMS, in E.164), for
  // `purpose` VerificationCodePurpose(contact). kInvalidArgument for another point;
  // kFailedPrecondition when the request is past verification, has no such contact, or (phone)
  // no SMS gateway is set up or the number is not one; kResourceExhausted when the contact had
  // every code it may have.
  Result<IssuedCode> SendCode(std::string_view reference, DataPoint contact,
                              store::CodeStore& codes, std::string_view actor);

  // Checks a typed code. An accepted one confirms the contact point: its `code.accepted` event is
  // the record (no value in it). Then, when no match is on record and there is a data map, the
  // consumer's points are matched; then the request passes if the policy is satisfied. A refusal
  // is a verdict; kInvalidArgument when `typed` is not six digits (not counted as an attempt).
  Result<CodeConfirmation> ConfirmCode(std::string_view reference, DataPoint contact,
                                       std::string_view typed, store::CodeStore& codes,
                                       std::string_view actor);

  // Stores a document given as proof (sealed; `verification.document` names its id, kind, size
  // and SHA-256), then passes the request if the policy is satisfied. kInvalidArgument for an
  // unknown kind, an empty or oversized file (kMaxProofDocumentBytes) or a bad name;
  // kFailedPrecondition when the request is past verification, no agent made it and the document
  // is an agent's (an identity document may come with any request), or an identity document
  // already awaits a reviewer.
  Result<VerificationView> AddDocument(std::string_view reference, const DocumentInput& document,
                                       std::string_view actor);

  // A reviewer decides on an identity document: `verification.identity_reviewed` (document,
  // decision, points, reason) is recorded and the document's name and bytes erased in one
  // transaction (§7060: kept no longer than verification needs), then the request passes if the
  // policy is satisfied. kInvalidArgument for a point a document cannot vouch for, an accepted
  // review without points or a rejected one without a reason; kNotFound for an unknown document
  // or another request's; kFailedPrecondition when it is not an identity document, it was
  // decided already, or the request is past verification.
  Result<VerificationView> ReviewIdentityDocument(std::string_view reference,
                                                  std::string_view document_id,
                                                  const IdentityReview& review,
                                                  std::string_view actor);

  // The document's bytes for staff, recording `verification.document_opened`.
  Result<std::pair<store::ProofDocument, std::vector<std::uint8_t>>> OpenDocument(
      std::string_view request_id, std::string_view document_id, std::string_view actor);

  // Sends the consumer (at the request's email, never the agent's) a code with which they confirm
  // that they gave the agent permission (the `one_time_code` message, use `agent_consent`).
  // kFailedPrecondition when no agent made the request or it is past verification.
  Result<IssuedCode> SendAgentConsentCode(std::string_view reference, store::CodeStore& codes,
                                          std::string_view actor);
  // Checks the consumer's code: accepted, the agent is confirmed (`code.accepted` with purpose
  // kAgentConsentPurpose is the record); then, as for ConfirmCode, the consumer's points are
  // matched when no match is on record, and the request passes if the policy is satisfied.
  Result<CodeConfirmation> ConfirmAgent(std::string_view reference, std::string_view typed,
                                        store::CodeStore& codes, std::string_view actor);
  // The consumer says they gave no permission: `verification.agent_repudiated`, and the request
  // is denied (§7063(a)) in the same change. kFailedPrecondition when no agent made it, it is
  // past verification, or a power of attorney is on record.
  Result<VerificationView> RepudiateAgent(std::string_view reference, std::string_view actor);

  // Staff decide the proofs will not come: records `verification.failed` and applies the
  // fallback. kFailedPrecondition when the policy is already satisfied or the request is past
  // verification.
  Result<VerificationView> RecordFailure(std::string_view reference, std::string_view reason,
                                         std::string_view actor);

  // The level, the proofs in and what is missing. Any status.
  Result<VerificationView> Show(std::string_view reference) const;

  // Accepts account tokens signed by `keys` and saying what `settings` ask (issuer, audience,
  // the claim that names the consumer). Until called, Reauthenticate refuses with
  // kFailedPrecondition. `keys` must outlive the object.
  void AcceptAccountTokens(const security::AccountTokenKeys& keys,
                           const config::AccountTokenConfig& settings) {
    token_keys_ = &keys;
    token_settings_ = settings;
  }

  // An account holder re-authenticated through the company's own login (§7061): `token` is the
  // JWT it gave them (surrounding whitespace ignored). The token must be signed by one of the
  // keys, unexpired, from the issuer, for the audience, name the request's consumer by the
  // configured claim, and never have been used before. Then its use and
  // `verification.reauthenticated` (issuer, kid, alg) are recorded in one transaction and the
  // request passes as after Match or Declare. A refused token is recorded as
  // `verification.reauthentication_refused` with a reason code (core/account_token.h;
  // "replayed" for a second use) and returned as kInvalidArgument (malformed) or
  // kUnauthenticated. kFailedPrecondition when tokens are not accepted or the request is not
  // received or pending verification (nothing recorded then).
  Result<VerificationView> Reauthenticate(std::string_view reference, std::string_view token,
                                          std::string_view actor);

 private:
  Result<VerificationView> ViewOf(const Request& request) const;
  Result<Request> Awaiting(std::string_view reference) const;
  Result<VerificationView> PassIfSatisfied(const Request& request, std::string_view actor);
  Result<VerificationView> MatchOnceThenPass(const Request& request, std::string_view actor);
  Result<CodeConfirmation> CheckThenPass(const Request& request, std::string_view purpose,
                                         std::string_view typed, store::CodeStore& codes,
                                         std::string_view actor);
  Result<Request> AnswerAsCategories(const Request& request, AuditEventDraft failed,
                                     std::string_view actor);
  Result<Request> DenyDeletion(const Request& request, AuditEventDraft failed,
                               std::string_view actor);

  // Account tokens (app/account_reauthentication.cc).
  Result<Jwt> AcceptedToken(const Request& request, std::string_view token) const;
  Error RefuseToken(const Request& request, Error refusal, std::string_view actor);

  const Services& services_;
  store::VerificationStore& store_;
  const DataMap* map_;
  SourceOpener open_;
  RetryPolicy retry_;
  VerificationOptions options_;
  const security::AccountTokenKeys* token_keys_ = nullptr;  // null: tokens not accepted
  config::AccountTokenConfig token_settings_;
};

// The daily sweep: identity documents whose request left verification before a reviewer decided
// (verified by other proofs, closed, expired) are erased, each with kIdentityErasedEvent. The
// number erased; 0 when `services.verification` is null.
Result<int> EraseIdentityDocumentsLeftUndecided(const Services& services, std::string_view actor);

}  // namespace rightsdesk::app
