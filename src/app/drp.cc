#include "app/drp.h"

#include "app/casework.h"
#include "app/drp_callbacks.h"
#include "app/intake.h"
#include "core/drp.h"
#include "core/drp_message.h"
#include "core/drp_status.h"
#include "security/api_token.h"

namespace rightsdesk::app {
namespace {

using nlohmann::json;

// Base64, then the signature against `key` (section 3.07's first two checks).
Result<SignedMessage> OpenSigned(std::string_view signed_body, const PublicKey& key) {
  auto message = DecodeSignedMessage(signed_body);
  if (!message) return std::unexpected(message.error());
  if (!SignatureValid(*message, key)) {
    return Fail(ErrorCode::kPermissionDenied, "the signature does not verify with the agent's key");
  }
  return message;
}

// Remembers the message so that it is accepted once; kAlreadyExists for a replay.
Result<void> UseOnce(const Services& services, store::DrpStore& drp, const SignedMessage& message,
                     std::string_view agent_id, Instant keep_until) {
  std::string_view signature(reinterpret_cast<const char*>(message.signature.data()),
                             message.signature.size());
  auto used =
      drp.UseSignature(security::HashToken(signature), agent_id, keep_until, services.clock.Now());
  if (!used && used.error().code() == ErrorCode::kAlreadyExists) {
    return Fail(ErrorCode::kAlreadyExists, "this signed message was already used");
  }
  return used;
}

// Where our rules table should look: the CCPA is California's; no regime is the business's default
// (voluntary processing, section 2.01).
Result<std::string> JurisdictionFor(std::string_view regime) {
  if (regime.empty()) return std::string();
  if (regime == "ccpa") return std::string("US-CA");
  return Fail(ErrorCode::kInvalidArgument, "Unsupported regime; only \"ccpa\" is supported.",
              "/regime");
}

// What staff see of the protocol's extras, in the request's (sealed) message.
std::string StaffNote(const DrpExercise& exercise, const store::DrpAgent& agent) {
  std::string note = "Submitted through the Data Rights Protocol by " + agent.name + " (" +
                     agent.id + "), action " + std::string(Name(exercise.action)) + ".";
  std::string verified;
  if (exercise.claims.email_verified) verified += " email";
  if (exercise.claims.phone_number_verified) verified += " phone";
  if (exercise.claims.address_verified) verified += " address";
  if (!verified.empty()) note += " The agent attests it verified:" + verified + ".";
  if (!exercise.relationships.empty()) {
    note += " Relationships:";
    for (const auto& hint : exercise.relationships) note += " " + hint;
    note += ".";
  }
  if (!exercise.claims.power_of_attorney.empty()) {
    note += " Power of attorney: " + exercise.claims.power_of_attorney;
  }
  return note;
}

Result<IntakeForm> FormFor(const DrpExercise& exercise, const store::DrpAgent& agent) {
  auto type = RequestTypeFor(exercise.action);
  if (!type) {
    return Fail(ErrorCode::kInvalidArgument, "Unsupported rights actions submitted.", "/exercise");
  }
  auto jurisdiction = JurisdictionFor(exercise.regime);
  if (!jurisdiction) return std::unexpected(jurisdiction.error());
  return IntakeForm{.type = std::string(Name(*type)),
                    .email = exercise.claims.email,
                    .name = exercise.claims.name,
                    .phone = exercise.claims.phone_number,
                    .address = exercise.claims.address,
                    .jurisdiction = std::move(*jurisdiction),
                    .channel = "agent",
                    .message = StaffNote(exercise, agent),
                    .agent_name = agent.name,
                    .agent_email = agent.email};
}

Result<void> CheckCallback(const DrpExercise& exercise, const store::DrpAgent& agent) {
  if (exercise.status_callback.empty() || agent.callback_base.empty()) return {};
  if (!exercise.status_callback.starts_with(agent.callback_base)) {
    return Fail(ErrorCode::kInvalidArgument,
                "status_callback must start with the agent's registered callback base",
                "/status_callback");
  }
  return {};
}

// The request, if it is `agent`'s: kNotFound / kPermissionDenied otherwise.
Result<store::DrpLink> LinkOf(store::DrpStore& drp, const store::DrpAgent& agent,
                              std::string_view request_id) {
  auto link = drp.FindLink(request_id);
  if (!link) {
    if (link.error().code() == ErrorCode::kNotFound) {
      return Fail(ErrorCode::kNotFound, "no such data rights request");
    }
    return std::unexpected(link.error());
  }
  if (link->agent_id != agent.id) {
    return Fail(ErrorCode::kPermissionDenied, "the request is managed by another agent");
  }
  return link;
}

// Stores the link, then the request under the id chosen for it; drops the link if intake refuses.
Result<Request> Submit(const Services& services, store::DrpStore& drp, const DrpExercise& exercise,
                       IntakeForm form, const store::DrpAgent& agent) {
  form.request_id = NewTimeOrderedUuid(services.clock.Now(), services.random);
  auto linked = drp.LinkRequest({.request_id = form.request_id,
                                 .agent_id = agent.id,
                                 .agent_request_id = exercise.agent_request_id,
                                 .status_callback = exercise.status_callback,
                                 .created_at = services.clock.Now()});
  if (!linked) {
    if (linked.error().code() == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kAlreadyExists, "the agent already used this agent-request-id",
                  "/agent-request-id");
    }
    return std::unexpected(linked.error());
  }
  auto submitted = SubmitRequest(services, form, "agent:" + agent.id);
  if (!submitted) {
    (void)drp.UnlinkRequest(form.request_id);  // best effort: a stray link points at nothing
    return std::unexpected(submitted.error());
  }
  // The request is stored and must be answered as such: without its page kept, the agent is
  // told "in_progress" with words instead of need_user_verification, and nothing is lost.
  (void)drp.SetVerificationPath(form.request_id,
                                StatusPath(form.request_id, submitted->status_token) + "/verify");
  return std::move(submitted->request);
}

}  // namespace

Result<DrpPaired> PairDrpAgent(const Services& services, store::DrpStore& drp,
                               std::string_view agent_id, std::string_view signed_body) {
  auto agent = drp.FindAgent(agent_id);
  if (!agent) {
    if (agent.error().code() != ErrorCode::kNotFound) return std::unexpected(agent.error());
    return Fail(ErrorCode::kPermissionDenied, "unknown agent");
  }
  auto message = OpenSigned(signed_body, agent->verify_key);
  if (!message) return std::unexpected(message.error());
  auto envelope = ParseDrpPairing(message->body);
  if (!envelope) return std::unexpected(envelope.error());
  const Instant now = services.clock.Now();
  auto valid = CheckDrpEnvelope(*envelope, agent->id, services.ruleset.business().drp_id, now);
  if (!valid) return std::unexpected(valid.error());
  if (auto once = UseOnce(services, drp, *message, agent->id, envelope->expires_at); !once) {
    return std::unexpected(once.error());
  }
  DrpPaired paired{.agent_id = agent->id, .token = security::NewAgentTokenSecret(services.random)};
  auto stored = drp.SetAgentToken(agent->id, security::HashToken(paired.token), now,
                                  {.actor = "agent:" + agent->id,
                                   .action = "drp.agent_paired",
                                   .at = now,
                                   .details = {{"agent", agent->id}}});
  if (!stored) return std::unexpected(stored.error());
  return paired;
}

Result<store::DrpAgent> AuthenticateDrpAgent(store::DrpStore& drp, std::string_view bearer_token) {
  auto unknown = [] { return Fail(ErrorCode::kUnauthenticated, "unknown bearer token"); };
  if (!security::LooksLikeToken(bearer_token, security::kAgentTokenPrefix)) return unknown();
  const Hash hash = security::HashToken(bearer_token);
  auto agent = drp.FindAgentByToken(hash);
  if (!agent) {
    if (agent.error().code() == ErrorCode::kNotFound) return unknown();
    return std::unexpected(agent.error());
  }
  if (!agent->token_hash || !security::SameHash(*agent->token_hash, hash)) return unknown();
  return agent;
}

Result<json> ExerciseDrpRight(const Services& services, store::DrpStore& drp,
                              const store::DrpAgent& agent, std::string_view signed_body) {
  auto message = OpenSigned(signed_body, agent.verify_key);
  if (!message) return std::unexpected(message.error());
  auto exercise = ParseDrpExercise(message->body);
  if (!exercise) return std::unexpected(exercise.error());
  auto valid = CheckDrpEnvelope(exercise->envelope, agent.id, services.ruleset.business().drp_id,
                                services.clock.Now());
  if (!valid) return std::unexpected(valid.error());
  auto form = FormFor(*exercise, agent);
  if (!form) return std::unexpected(form.error());
  if (auto callback = CheckCallback(*exercise, agent); !callback) {
    return std::unexpected(callback.error());
  }
  if (auto once = UseOnce(services, drp, *message, agent.id, exercise->envelope.expires_at);
      !once) {
    return std::unexpected(once.error());
  }
  auto request = Submit(services, drp, *exercise, std::move(*form), agent);
  if (!request) return std::unexpected(request.error());
  auto link = drp.FindLink(request->id);
  return DrpExerciseStatus(*request, exercise->agent_request_id,
                           link ? DrpVerificationUrl(services, *link) : "");
}

Result<json> DrpRequestStatus(const Services& services, store::DrpStore& drp,
                              const store::DrpAgent& agent, std::string_view request_id) {
  auto link = LinkOf(drp, agent, request_id);
  if (!link) return std::unexpected(link.error());
  auto request = services.requests.FindById(link->request_id);
  if (!request) return std::unexpected(request.error());
  return DrpExerciseStatus(*request, link->agent_request_id, DrpVerificationUrl(services, *link));
}

Result<json> RevokeDrpRequest(const Services& services, store::DrpStore& drp,
                              const store::DrpAgent& agent, std::string_view request_id,
                              std::string_view signed_body) {
  auto link = LinkOf(drp, agent, request_id);
  if (!link) return std::unexpected(link.error());
  auto message = OpenSigned(signed_body, agent.verify_key);
  if (!message) return std::unexpected(message.error());
  auto reason = ParseDrpRevoke(message->body);
  if (!reason) return std::unexpected(reason.error());
  // The revoke body carries no time window: its signature is remembered for the longest
  // window an exercise may have.
  const Instant keep_until = services.clock.Now() + kDrpMaxValidity;
  if (auto once = UseOnce(services, drp, *message, agent.id, keep_until); !once) {
    return std::unexpected(once.error());
  }
  std::string why = "Revoked by the authorized agent " + agent.name + " (DRP)";
  if (!reason->empty()) why += ": " + *reason;
  auto withdrawn = TransitionTo(services, link->request_id, "withdrawn", why, "agent:" + agent.id);
  if (!withdrawn) return std::unexpected(withdrawn.error());
  return DrpExerciseStatus(*withdrawn, link->agent_request_id, DrpVerificationUrl(services, *link));
}

}  // namespace rightsdesk::app
