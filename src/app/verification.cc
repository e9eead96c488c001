#include "app/verification.h"

#include <algorithm>

#include "app/casework.h"
#include "app/task_attachments.h"
#include "core/data_point_match.h"
#include "core/hex.h"
#include "core/random.h"
#include "core/request_actions.h"
#include "core/text.h"

namespace rightsdesk::app {
namespace {

using nlohmann::json;

constexpr std::string_view kMatched = "verification.matched";
constexpr std::string_view kFailed = "verification.failed";
// Written by account re-authentication (§7061; app/account_reauthentication.cc).
constexpr std::string_view kReauthenticated = kReauthenticatedEvent;

bool AwaitsVerification(Status status) {
  return status == Status::kReceived || status == Status::kPendingVerification;
}

json Names(const std::vector<DataPoint>& points) {
  json names = json::array();
  for (DataPoint point : points) names.push_back(Name(point));
  return names;
}

AuditEventDraft Event(std::string_view action, std::string_view actor, json details) {
  return {
      .actor = std::string(actor), .action = std::string(action), .details = std::move(details)};
}

// What the trail says: the latest match, a re-authentication, the fallback applied.
struct TrailProofs {
  std::optional<MatchOutcome> match;
  bool reauthenticated = false;
  bool agent_confirmed = false;
  std::set<DataPoint> confirmed;
  std::set<DataPoint> reviewed;  // vouched for by a reviewer from identity documents
  std::optional<std::string> fallback;
};

void ReadIdentityReview(const AuditEvent& event, std::set<DataPoint>& reviewed) {
  const json details = json::parse(event.details, nullptr, false);
  if (!details.is_object() || details.value("decision", "") != "accepted") return;
  const json points = details.value("points", json::array());
  for (const json& point : points) {
    if (!point.is_string()) continue;
    if (auto parsed = ParseDataPoint(point.get<std::string>())) reviewed.insert(*parsed);
  }
}

constexpr std::string_view kCodePurposePrefix = "verification:";

// The purpose of an accepted code ("" for any other event).
std::string AcceptedPurpose(const AuditEvent& event) {
  if (event.action != "code.accepted") return "";
  const json details = json::parse(event.details, nullptr, false);
  return details.is_object() ? details.value("purpose", "") : "";
}

// A contact point confirmed by an accepted code of its verification purpose.
std::optional<DataPoint> ConfirmedContact(std::string_view purpose) {
  if (!purpose.starts_with(kCodePurposePrefix)) return std::nullopt;
  return ParseDataPoint(purpose.substr(kCodePurposePrefix.size()));
}

TrailProofs ReadTrail(const std::vector<AuditEvent>& events) {
  TrailProofs proofs;
  for (const AuditEvent& event : events) {
    if (event.action == kReauthenticated) proofs.reauthenticated = true;
    const std::string purpose = AcceptedPurpose(event);
    if (auto contact = ConfirmedContact(purpose)) proofs.confirmed.insert(*contact);
    if (purpose == kAgentConsentPurpose) proofs.agent_confirmed = true;
    if (event.action == kIdentityReviewedEvent) ReadIdentityReview(event, proofs.reviewed);
    if (event.action != kMatched && event.action != kFailed) continue;
    const json details = json::parse(event.details, nullptr, false);
    if (event.action == kMatched) {
      proofs.match = MatchOutcome::FromDetails(details);
    } else if (details.is_object() && details.contains("fallback")) {
      proofs.fallback = details.value("fallback", "");
    }
  }
  return proofs;
}

NoticeDraft FailureNotice(const Request& request, VerificationFallback fallback) {
  return {.request_id = request.id,
          .kind = "verification_failed",
          .params = {{"fallback_" + std::string(Name(fallback)), true}}};
}

// One identity document at a time awaits a reviewer: another upload waits for the decision, so
// that a request cannot be used to store file after file.
Result<void> IdentityDocumentAwaitingReview(const store::VerificationStore& store,
                                            const Request& request) {
  auto documents = store.DocumentsOf(request.id);
  if (!documents) return std::unexpected(documents.error());
  for (const store::ProofDocument& d : *documents) {
    if (d.kind == kIdentityDocument && !d.erased) {
      return Fail(ErrorCode::kFailedPrecondition,
                  request.reference + " has an identity document awaiting a reviewer");
    }
  }
  return {};
}

Result<void> MadeByAgent(const Request& request) {
  if (request.agent.present()) return {};
  return Fail(ErrorCode::kFailedPrecondition,
              request.reference + " was not made by an authorized agent");
}

}  // namespace

std::string VerificationCodePurpose(DataPoint contact) {
  return std::string(kCodePurposePrefix) + std::string(Name(contact));
}

Result<VerificationView> Verification::ViewOf(const Request& request) const {
  auto rule =
      services_.ruleset.table().Find(request.jurisdiction, request.type, request.received_on);
  if (!rule) return std::unexpected(rule.error().WithContext("verifying " + request.reference));
  auto events = services_.requests.EventsOf(request.id);
  if (!events) return std::unexpected(events.error());
  auto declarations = store_.DeclarationsOf(request.id);
  if (!declarations) return std::unexpected(declarations.error());
  auto documents = store_.DocumentsOf(request.id);
  if (!documents) return std::unexpected(documents.error());
  const TrailProofs trail = ReadTrail(*events);
  auto has = [&](std::string_view kind) {
    return std::any_of(documents->begin(), documents->end(),
                       [kind](const store::ProofDocument& d) { return d.kind == kind; });
  };
  VerificationProofs proofs{
      .declaration_signed = !declarations->empty(),
      .reauthenticated = trail.reauthenticated,
      .confirmed = trail.confirmed,
      .contacts_need_code = options_.contacts_need_code,
      .by_agent = request.agent.present(),
      // An agent of the Data Rights Protocol signs every request under its
      // registration, which attests the consumer's permission (docs/drp.md).
      .agent_permission = has(kAgentPermission) || request.channel == Channel::kAgent,
      .power_of_attorney = has(kPowerOfAttorney),
      .agent_confirmed = trail.agent_confirmed,
      .reviewed = trail.reviewed};
  if (trail.match) {
    proofs.matched = trail.match->best.points;
    proofs.matched_system = trail.match->best.system;
    proofs.sensitive_data_held = trail.match->sensitive;
  }
  return VerificationView{
      .request = request,
      .state = EvaluateVerification(**rule, proofs),
      .matched_on_record = trail.match.has_value(),
      .systems_failed = trail.match ? trail.match->failed : std::vector<std::string>{},
      .declarations = std::move(*declarations),
      .documents = std::move(*documents),
      .fallback = trail.fallback};
}

Result<Request> Verification::Awaiting(std::string_view reference) const {
  auto request = FindRequest(services_, reference);
  if (!request) return request;
  if (!AwaitsVerification(request->status)) {
    return Fail(ErrorCode::kFailedPrecondition,
                request->reference + " is " + std::string(Name(request->status)) +
                    ": identity is verified while a request is received or pending verification");
  }
  return request;
}

Result<VerificationView> Verification::PassIfSatisfied(const Request& request,
                                                       std::string_view actor) {
  auto view = ViewOf(request);
  if (!view || !view->state.verified || !AwaitsVerification(request.status)) return view;
  const VerificationState& state = view->state;
  json details = {{"level", Name(state.required.level)},
                  {"points", Names(state.matched)},
                  {"system", state.matched_system},
                  {"declaration", state.declaration_signed},
                  {"by_reauthentication", state.by_reauthentication}};
  auto recorded = RecordOnRequest(services_, request.id,
                                  Event("verification.passed", actor, std::move(details)));
  if (!recorded) return std::unexpected(recorded.error());
  // Cal. Code Regs. tit. 11 §7062: the proofs meet the level the request's type needs.
  auto moved = TransitionTo(services_, request.id, "verified",
                            "identity verified to a " + std::string(Name(state.required.level)) +
                                " degree (Cal. Code Regs. tit. 11 §7062)",
                            actor);
  if (!moved) return std::unexpected(moved.error());
  return ViewOf(*moved);
}

Result<VerificationView> Verification::Match(std::string_view reference, std::string_view actor) {
  auto request = Awaiting(reference);
  if (!request) return std::unexpected(request.error());
  if (map_ == nullptr) {
    return Fail(ErrorCode::kFailedPrecondition,
                "no data map: data points cannot be matched against the company's records");
  }
  MatchOutcome outcome = MatchDataPoints(*map_, request->subject, open_, retry_);
  auto recorded =
      RecordOnRequest(services_, request->id, Event(kMatched, actor, outcome.Details()));
  if (!recorded) return std::unexpected(recorded.error());
  return PassIfSatisfied(*recorded, actor);
}

Result<VerificationView> Verification::Declare(std::string_view reference,
                                               const DeclarationInput& input,
                                               std::string_view actor) {
  auto name = CleanText(input.full_name, {.max_bytes = 200}, "/full_name");
  if (!name) return std::unexpected(name.error());
  if (name->empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the signer's full name is required", "/full_name");
  }
  auto ip = CleanText(input.ip, {.max_bytes = 64}, "/ip");
  if (!ip) return std::unexpected(ip.error());
  auto request = Awaiting(reference);
  if (!request) return std::unexpected(request.error());
  const Instant now = services_.clock.Now();
  store::SignedDeclaration declaration{.id = NewTimeOrderedUuid(now, services_.random),
                                       .request_id = request->id,
                                       .statement_version = std::string(kDeclarationVersion),
                                       .signed_at = now,
                                       .full_name = *name,
                                       .ip = *ip};
  AuditEventDraft event = Event(
      "verification.declaration", actor,
      {{"declaration", declaration.id}, {"statement_version", declaration.statement_version}});
  event.request_id = request->id;
  event.at = now;
  if (auto stored = store_.RecordDeclaration(declaration, event); !stored) {
    return std::unexpected(stored.error().WithContext("recording a declaration"));
  }
  return PassIfSatisfied(*request, actor);
}

Result<IssuedCode> Verification::SendCode(std::string_view reference, DataPoint contact,
                                          store::CodeStore& codes, std::string_view actor) {
  if (!IsContactPoint(contact)) {
    return Fail(ErrorCode::kInvalidArgument,
                "a code goes to an email or a phone, not to a " + std::string(Name(contact)),
                "/contact");
  }
  auto request = Awaiting(reference);
  if (!request) return std::unexpected(request.error());
  CodeMessage message{.use = "verification"};
  if (contact == DataPoint::kPhone) {
    if (options_.sms_country_code.empty()) {
      return Fail(ErrorCode::kFailedPrecondition, "no SMS gateway is set up: codes go by email");
    }
    if (request->subject.phone.empty()) {
      return Fail(ErrorCode::kFailedPrecondition, request->reference + " has no phone number");
    }
    auto e164 = ToE164(request->subject.phone, options_.sms_country_code);
    if (!e164) {
      return Fail(ErrorCode::kFailedPrecondition,
                  request->reference + "'s phone number cannot take a text message");
    }
    message.sms_to = *e164;
  }
  return IssueCode(services_, codes, *request, VerificationCodePurpose(contact), actor, message);
}

Result<CodeConfirmation> Verification::ConfirmCode(std::string_view reference, DataPoint contact,
                                                   std::string_view typed, store::CodeStore& codes,
                                                   std::string_view actor) {
  if (!IsContactPoint(contact)) {
    return Fail(ErrorCode::kInvalidArgument, "codes confirm an email or a phone", "/contact");
  }
  auto request = Awaiting(reference);
  if (!request) return std::unexpected(request.error());
  return CheckThenPass(*request, VerificationCodePurpose(contact), typed, codes, actor);
}

Result<CodeConfirmation> Verification::CheckThenPass(const Request& request,
                                                     std::string_view purpose,
                                                     std::string_view typed,
                                                     store::CodeStore& codes,
                                                     std::string_view actor) {
  auto verdict = CheckCode(services_, codes, request, purpose, typed, actor);
  if (!verdict) return std::unexpected(verdict.error());
  Result<VerificationView> view = verdict->outcome == CodeOutcome::kAccepted
                                      ? MatchOnceThenPass(request, actor)
                                      : ViewOf(request);
  if (!view) return std::unexpected(view.error());
  return CodeConfirmation{.verdict = std::move(*verdict), .view = std::move(*view)};
}

Result<VerificationView> Verification::AddDocument(std::string_view reference,
                                                   const DocumentInput& input,
                                                   std::string_view actor) {
  if (input.kind != kAgentPermission && input.kind != kPowerOfAttorney &&
      input.kind != kIdentityDocument) {
    return Fail(ErrorCode::kInvalidArgument,
                "a proof document is an agent_permission, a power_of_attorney or an "
                "identity_document",
                "/kind");
  }
  if (input.bytes.empty() || input.bytes.size() > kMaxProofDocumentBytes) {
    return Fail(ErrorCode::kInvalidArgument, "the document must hold 1 byte to 10 MB", "/file");
  }
  auto name = CleanUploadedFilename(input.filename);
  if (!name) return std::unexpected(name.error());
  auto request = Awaiting(reference);
  if (!request) return std::unexpected(request.error());
  if (input.kind != kIdentityDocument) {
    if (auto agent = MadeByAgent(*request); !agent) return std::unexpected(agent.error());
  } else if (auto held = IdentityDocumentAwaitingReview(store_, *request); !held) {
    return std::unexpected(held.error());
  }
  const Instant now = services_.clock.Now();
  store::ProofDocument document{.id = NewTimeOrderedUuid(now, services_.random),
                                .request_id = request->id,
                                .kind = input.kind,
                                .filename = std::move(*name),
                                .content_type = CleanUploadedContentType(input.content_type),
                                .size = static_cast<std::int64_t>(input.bytes.size()),
                                .sha256 = Sha256Hex(input.bytes),
                                .added_at = now,
                                .added_by = std::string(actor)};
  AuditEventDraft event = Event("verification.document", actor,
                                {{"document", document.id},
                                 {"kind", document.kind},
                                 {"size", document.size},
                                 {"sha256", document.sha256}});
  event.request_id = request->id;
  event.at = now;
  const auto* data = reinterpret_cast<const std::uint8_t*>(input.bytes.data());
  if (auto stored = store_.AddDocument(document, {data, input.bytes.size()}, event); !stored) {
    return std::unexpected(stored.error().WithContext("storing a proof document"));
  }
  return PassIfSatisfied(*request, actor);
}

Result<std::pair<store::ProofDocument, std::vector<std::uint8_t>>> Verification::OpenDocument(
    std::string_view request_id, std::string_view document_id, std::string_view actor) {
  auto opened = store_.ReadDocument(
      document_id, Event("verification.document_opened", actor, {{"document", document_id}}));
  if (opened && opened->first.request_id != request_id) {
    return Fail(ErrorCode::kNotFound, "no document " + std::string(document_id));
  }
  return opened;
}

namespace {

Result<std::vector<std::string>> ReviewedPointNames(const IdentityReview& review) {
  std::vector<std::string> names;
  for (DataPoint point : review.points) {
    if (!CanBeReviewedOnIdentityDocument(point)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "an identity document vouches for a name or an address, not for a " +
                      std::string(Name(point)),
                  "/points");
    }
    names.emplace_back(Name(point));
  }
  if (review.accepted && names.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "an accepted document names the points it shows that match the records", "/points");
  }
  if (!review.accepted && !names.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a rejected document vouches for nothing", "/points");
  }
  return names;
}

}  // namespace

Result<VerificationView> Verification::ReviewIdentityDocument(std::string_view reference,
                                                              std::string_view document_id,
                                                              const IdentityReview& review,
                                                              std::string_view actor) {
  auto points = ReviewedPointNames(review);
  if (!points) return std::unexpected(points.error());
  auto reason = CleanText(review.reason, {.max_bytes = 500}, "/reason");
  if (!reason) return std::unexpected(reason.error());
  if (!review.accepted && reason->empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a rejection says why", "/reason");
  }
  auto request = Awaiting(reference);
  if (!request) return std::unexpected(request.error());
  auto documents = store_.DocumentsOf(request->id);
  if (!documents) return std::unexpected(documents.error());
  auto document = std::find_if(documents->begin(), documents->end(),
                               [&](const store::ProofDocument& d) { return d.id == document_id; });
  if (document == documents->end()) {
    return Fail(ErrorCode::kNotFound,
                request->reference + " has no document " + std::string(document_id));
  }
  if (document->kind != kIdentityDocument) {
    return Fail(ErrorCode::kFailedPrecondition,
                "document " + document->id + " is not an identity document: nothing to decide");
  }
  AuditEventDraft decided = Event(kIdentityReviewedEvent, actor,
                                  {{"document", document->id},
                                   {"decision", review.accepted ? "accepted" : "rejected"},
                                   {"points", *points},
                                   {"reason", *reason}});
  decided.request_id = request->id;
  decided.at = services_.clock.Now();
  if (auto erased = store_.EraseDocument(document->id, decided); !erased) {
    return std::unexpected(erased.error().WithContext("deciding on an identity document"));
  }
  return PassIfSatisfied(*request, actor);
}

Result<int> EraseIdentityDocumentsLeftUndecided(const Services& services, std::string_view actor) {
  if (services.verification == nullptr) return 0;
  auto held = services.verification->DocumentsHeldPastVerification(kIdentityDocument);
  if (!held) return std::unexpected(held.error().WithContext("finding identity documents"));
  int erased = 0;
  for (const store::ProofDocument& document : *held) {
    AuditEventDraft event =
        Event(kIdentityErasedEvent, actor,
              {{"document", document.id}, {"reason", "the request left verification undecided"}});
    event.request_id = document.request_id;
    event.at = services.clock.Now();
    auto done = services.verification->EraseDocument(document.id, event);
    // Erased meanwhile by a reviewer's decision: nothing left to do.
    if (!done && done.error().code() == ErrorCode::kFailedPrecondition) continue;
    if (!done) return std::unexpected(done.error());
    ++erased;
  }
  return erased;
}

Result<IssuedCode> Verification::SendAgentConsentCode(std::string_view reference,
                                                      store::CodeStore& codes,
                                                      std::string_view actor) {
  auto request = Awaiting(reference);
  if (!request) return std::unexpected(request.error());
  if (auto agent = MadeByAgent(*request); !agent) return std::unexpected(agent.error());
  return IssueCode(services_, codes, *request, kAgentConsentPurpose, actor,
                   {.use = "agent_consent"});
}

Result<CodeConfirmation> Verification::ConfirmAgent(std::string_view reference,
                                                    std::string_view typed, store::CodeStore& codes,
                                                    std::string_view actor) {
  auto request = Awaiting(reference);
  if (!request) return std::unexpected(request.error());
  if (auto agent = MadeByAgent(*request); !agent) return std::unexpected(agent.error());
  return CheckThenPass(*request, kAgentConsentPurpose, typed, codes, actor);
}

// The consumer cannot ask for a match themselves: their confirmation starts one when none is on
// record and there is a data map; then the request passes if the policy is satisfied.
Result<VerificationView> Verification::MatchOnceThenPass(const Request& request,
                                                         std::string_view actor) {
  auto view = ViewOf(request);
  if (!view) return view;
  if (view->matched_on_record || map_ == nullptr) return PassIfSatisfied(request, actor);
  return Match(request.id, actor);
}

Result<VerificationView> Verification::RepudiateAgent(std::string_view reference,
                                                      std::string_view actor) {
  auto request = Awaiting(reference);
  if (!request) return std::unexpected(request.error());
  auto view = ViewOf(*request);
  if (!view) return view;
  if (auto agent = MadeByAgent(*request); !agent) return std::unexpected(agent.error());
  if (std::any_of(view->documents.begin(), view->documents.end(),
                  [](const store::ProofDocument& d) { return d.kind == kPowerOfAttorney; })) {
    return Fail(ErrorCode::kFailedPrecondition,
                request->reference + " rests on a power of attorney: staff decide");
  }
  auto denied = ChangeRequestIfNeeded(
      services_, request->id, [&](const Request& now) -> Result<std::optional<RequestChange>> {
        const Instant at = services_.clock.Now();
        // Neither the consumer nor an agent they authorized made it (§7102(a)(1)(C)(ii)).
        auto change = TransitionRequest(now, Status::kDenied,
                                        "the consumer says they gave the agent no permission "
                                        "(Cal. Code Regs. tit. 11 §7063(a))",
                                        actor, at, DenialBasis::kNotAConsumer);
        if (!change) return std::unexpected(change.error());
        AuditEventDraft repudiated = Event("verification.agent_repudiated", actor, json::object());
        repudiated.request_id = now.id;
        repudiated.at = at;
        change->events.insert(change->events.begin(), std::move(repudiated));
        return std::optional<RequestChange>(std::move(*change));
      });
  if (!denied) return std::unexpected(denied.error());
  return ViewOf(*denied);
}

Result<VerificationView> Verification::RecordFailure(std::string_view reference,
                                                     std::string_view reason,
                                                     std::string_view actor) {
  auto clean = CleanReason(reason);
  if (!clean) return std::unexpected(clean.error());
  auto request = Awaiting(reference);
  if (!request) return std::unexpected(request.error());
  auto view = ViewOf(*request);
  if (!view) return view;
  if (view->state.verified) {
    return Fail(ErrorCode::kFailedPrecondition,
                request->reference + " meets its verification level: nothing failed");
  }
  const VerificationFallback fallback = FallbackFor(request->type);
  AuditEventDraft failed = Event(kFailed, actor,
                                 {{"level", Name(view->state.required.level)},
                                  {"missing", view->state.missing},
                                  {"fallback", Name(fallback)},
                                  {"reason", *clean}});
  Result<Request> after = *request;
  switch (fallback) {
    case VerificationFallback::kAnswerAsCategories:
      after = AnswerAsCategories(*request, failed, actor);
      break;
    case VerificationFallback::kDenyAndOfferOptOut:
      after = DenyDeletion(*request, failed, actor);
      break;
    case VerificationFallback::kNone:
      after = RecordOnRequest(services_, request->id, std::move(failed));
      break;
  }
  if (!after) return std::unexpected(after.error());
  return fallback == VerificationFallback::kAnswerAsCategories ? PassIfSatisfied(*after, actor)
                                                               : ViewOf(*after);
}

// §7024(a): an access request that cannot be verified discloses no specific pieces; the consumer
// is told and the request is evaluated as one for categories. The type changes in the same
// atomic change as the events and the message; the deadline stays the one of receipt.
Result<Request> Verification::AnswerAsCategories(const Request& request, AuditEventDraft failed,
                                                 std::string_view actor) {
  return ChangeRequestIfNeeded(
      services_, request.id, [&](const Request& now) -> Result<std::optional<RequestChange>> {
        if (now.type != RequestType::kAccess) {
          return Fail(ErrorCode::kFailedPrecondition,
                      now.reference + " is no longer an access request");
        }
        const Instant at = services_.clock.Now();
        RequestChange change{.after = now, .expected_version = now.version};
        change.after.type = RequestType::kCategories;
        change.after.updated_at = at;
        AuditEventDraft recorded = failed;
        recorded.request_id = now.id;
        recorded.at = at;
        change.events.push_back(std::move(recorded));
        change.events.push_back({.request_id = now.id,
                                 .actor = std::string(actor),
                                 .action = "request.type_changed",
                                 .at = at,
                                 .details = {{"from", "access"},
                                             {"to", "categories"},
                                             {"basis", "Cal. Code Regs. tit. 11 §7024(a)"}}});
        change.notices.push_back(FailureNotice(now, VerificationFallback::kAnswerAsCategories));
        return std::optional<RequestChange>(std::move(change));
      });
}

// §7022(a): a deletion that cannot be verified may be denied; the consumer is told why, and
// offered the opt-out of sale and sharing, which needs no verification (§7026(d)). The denial,
// its events and the message are one atomic change, so the consumer is never told of a denial
// that did not happen. The lifecycle table still decides the move (core/request_actions.h).
Result<Request> Verification::DenyDeletion(const Request& request, AuditEventDraft failed,
                                           std::string_view actor) {
  return ChangeRequestIfNeeded(
      services_, request.id, [&](const Request& now) -> Result<std::optional<RequestChange>> {
        const Instant at = services_.clock.Now();
        auto change = TransitionRequest(now, Status::kDenied,
                                        "identity not verified to the degree deletion needs "
                                        "(Cal. Code Regs. tit. 11 §7022(a)); the opt-out of sale "
                                        "and sharing was offered",
                                        actor, at, DenialBasis::kUnverifiable);
        if (!change) return std::unexpected(change.error());
        AuditEventDraft recorded = failed;
        recorded.request_id = now.id;
        recorded.at = at;
        change->events.insert(change->events.begin(), std::move(recorded));
        change->notices.push_back(FailureNotice(now, VerificationFallback::kDenyAndOfferOptOut));
        return std::optional<RequestChange>(std::move(*change));
      });
}

Result<VerificationView> Verification::Show(std::string_view reference) const {
  auto request = FindRequest(services_, reference);
  if (!request) return std::unexpected(request.error());
  return ViewOf(*request);
}

}  // namespace rightsdesk::app
