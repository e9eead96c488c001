// The business side (PIP) of the Data Rights Protocol 1.0 (shared/specs/drp; docs/drp.md): an
// authorized agent's pair-wise key setup, its requests to exercise a right, their status and
// their revocation. Signed messages are checked in the order of section 3.07: base64, the
// Ed25519 signature against the agent's registered key, the agent and business named inside,
// then the time window; and every signed message is accepted once (the replay guard).
//
// Errors, which the handlers turn into the protocol's error shape (http/drp_api.h):
//   kInvalidArgument    malformed body or claims, unsupported action or regime (400)
//   kUnauthenticated    no or unknown bearer token (401)
//   kPermissionDenied   bad signature, another agent or business, another agent's request (403)
//   kNotFound           no such request (404)
//   kAlreadyExists      a replayed message or a reused agent-request-id (409)
//   kFailedPrecondition outside the message's time window (field /issued-at or /expires-at),
//                       or revoking a closed request
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/services.h"
#include "core/error.h"
#include "store/drp_store.h"

namespace rightsdesk::app {

struct DrpPaired {
  std::string agent_id;
  std::string token;  // the bearer token, shown to the agent once; only its hash is kept
};

// POST /v1/agent/{agent-id} (section 2.05): the agent named in the URL, its signed message.
// A new token replaces the agent's previous one.
Result<DrpPaired> PairDrpAgent(const Services& services, store::DrpStore& drp,
                               std::string_view agent_id, std::string_view signed_body);

// The agent holding `bearer_token`, compared in constant time. kUnauthenticated otherwise.
Result<store::DrpAgent> AuthenticateDrpAgent(store::DrpStore& drp, std::string_view bearer_token);

// POST /v1/data-rights-request (section 2.01): stores the request through the common intake
// (channel "agent", the agent as the consumer's authorized agent) and answers its Exercise Status.
Result<nlohmann::json> ExerciseDrpRight(const Services& services, store::DrpStore& drp,
                                        const store::DrpAgent& agent, std::string_view signed_body);

// GET /v1/data-rights-request/{id} (section 2.02): the Exercise Status of one of the agent's
// requests. kPermissionDenied for another agent's request.
Result<nlohmann::json> DrpRequestStatus(const Services& services, store::DrpStore& drp,
                                        const store::DrpAgent& agent, std::string_view request_id);

// DELETE /v1/data-rights-request/{id} (section 2.04): withdraws the request (our "withdrawn", the
// protocol's "revoked") through the lifecycle table, with the agent's signed reason.
Result<nlohmann::json> RevokeDrpRequest(const Services& services, store::DrpStore& drp,
                                        const store::DrpAgent& agent, std::string_view request_id,
                                        std::string_view signed_body);

}  // namespace rightsdesk::app
