#include "core/drp_status.h"

namespace rightsdesk {
namespace {

// The protocol's reason for a denial of each §7102 basis: a request the consumer never made
// (an agent they did not authorize) is suspected fraud; an exempt one is a claim not covered.
std::string DrpDenialReason(DenialBasis basis) {
  switch (basis) {
    case DenialBasis::kUnverifiable:
      return "insuf_verification";
    case DenialBasis::kNotAConsumer:
      return "suspected_fraud";
    case DenialBasis::kExempt:
      return "claim_not_covered";
    case DenialBasis::kOther:
      return "other";
  }
  return "other";
}

}  // namespace

DrpState DrpStateOf(const Request& request, bool can_verify_online) {
  DrpState state;
  switch (request.status) {
    case Status::kReceived:
    case Status::kVerified:
    case Status::kInProgress:
    case Status::kAwaitingReview:
      state.status = "in_progress";
      break;
    case Status::kPendingVerification:
      state.status = "in_progress";
      if (can_verify_online) {
        state.reason = "need_user_verification";
        state.processing_details =
            "The business needs the consumer to confirm their identity at user_verification_url.";
      } else {
        state.processing_details = "The business is verifying the consumer's identity.";
      }
      break;
    case Status::kCompleted:
      state.status = "fulfilled";
      break;
    case Status::kWithdrawn:
      state.status = "revoked";
      break;
    case Status::kDenied:
      state.status = "denied";
      state.reason = DrpDenialReason(request.denial_basis.value_or(DenialBasis::kOther));
      break;
    case Status::kClosedUnverified:
      state.status = "denied";
      state.reason = "insuf_verification";
      break;
    case Status::kClosedDuplicate:
      // The protocol has no "duplicate" state; this final state with words is the nearest. The
      // open request is not named: it may not be this agent's (core/duplicates.h).
      state.status = "denied";
      state.reason = "other";
      state.processing_details =
          "This request repeats one the consumer already has open with the business, which "
          "answers both; the consumer was told its reference.";
      break;
  }
  if (request.extended && !IsTerminal(request.status)) {
    state.processing_details =
        "The response period was extended; the business has sent the consumer its reasons.";
  }
  return state;
}

nlohmann::json DrpExerciseStatus(const Request& request, std::string_view agent_request_id,
                                 std::string_view user_verification_url) {
  DrpState state = DrpStateOf(request, !user_verification_url.empty());
  nlohmann::json status = {{"request_id", request.id},
                           {"received_at", FormatInstant(request.received_at)},
                           {"expected_by", FormatInstant(request.due_at)},
                           {"status", state.status}};
  if (!agent_request_id.empty()) status["agent_request_id"] = agent_request_id;
  if (!state.reason.empty()) status["reason"] = state.reason;
  if (!state.processing_details.empty()) status["processing_details"] = state.processing_details;
  if (state.reason == "need_user_verification") {
    status["user_verification_url"] = user_verification_url;
  }
  return status;
}

bool DrpNewsworthy(const Request& before, const Request& after) {
  return before.status != after.status || before.extended != after.extended;
}

}  // namespace rightsdesk
