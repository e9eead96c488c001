// DrpStore: the authorized agents an admin registered for the Data Rights Protocol, their
// pair-wise bearer tokens (kept as hashes), the signed messages already used (the replay guard)
// and which requests each agent made. Implemented by SqliteStore. Thread-safe; writes durable on
// success.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/audit_chain.h"
#include "core/audit_event.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::store {

struct DrpAgent {
  std::string id;     // the agent-id of the DRP service directory
  std::string name;   // shown to staff and recorded as the request's agent
  std::string email;  // the agent's contact address, recorded with its requests
  PublicKey verify_key{};
  std::string callback_base;  // "" or the only URL prefix its status callbacks may use
  Instant created_at;
  std::optional<Hash> token_hash;  // set by the pair-wise key setup; the token is never stored
  std::optional<Instant> token_issued_at;
};

// A request that came through the protocol: whose it is and where to tell its news.
struct DrpLink {
  std::string request_id;
  std::string agent_id;
  std::string agent_request_id;  // "" when the agent gave none
  std::string status_callback;   // "" when the agent wants no callbacks
  Instant created_at;
  // The request's verification page, relative to the privacy center ("/privacy/status/{id}/
  // {token}/verify"): a secret, sealed at rest. "" when not known (requests taken in before it
  // was kept).
  std::string verification_path;
};

class DrpStore {
 public:
  virtual ~DrpStore() = default;

  // Registers an agent with its audit event. kAlreadyExists if the id is taken (a removed
  // agent's id too: ids are not reused, so old requests keep their meaning).
  [[nodiscard]] virtual Result<void> AddAgent(const DrpAgent& agent,
                                              const AuditEventDraft& added) = 0;
  // Active agents, by id.
  [[nodiscard]] virtual Result<std::vector<DrpAgent>> ListAgents() const = 0;
  // Removes an agent: its token stops working at once; its requests stay. kNotFound if there is
  // no active agent with this id.
  [[nodiscard]] virtual Result<void> RemoveAgent(std::string_view id, Instant at,
                                                 const AuditEventDraft& removed) = 0;
  // kNotFound when there is no active agent with this id.
  [[nodiscard]] virtual Result<DrpAgent> FindAgent(std::string_view id) const = 0;
  // kNotFound when no active agent holds a token with this hash.
  [[nodiscard]] virtual Result<DrpAgent> FindAgentByToken(const Hash& token_hash) const = 0;
  // Replaces the agent's token (a new key setup revokes the old token). kNotFound as FindAgent.
  [[nodiscard]] virtual Result<void> SetAgentToken(std::string_view id, const Hash& token_hash,
                                                   Instant at, const AuditEventDraft& issued) = 0;

  // The replay guard: records that a signed message (by the hash of its signature) was used.
  // kAlreadyExists when it was used before. Kept until `expires_at` has passed (a later use is
  // refused as expired anyway); older entries are dropped by the same call.
  [[nodiscard]] virtual Result<void> UseSignature(const Hash& signature_hash,
                                                  std::string_view agent_id, Instant expires_at,
                                                  Instant now) = 0;

  // Links a new request to its agent (before the request is stored: the request id is chosen
  // first). kAlreadyExists when the agent already used this agent_request_id.
  [[nodiscard]] virtual Result<void> LinkRequest(const DrpLink& link) = 0;
  // Drops the link of a request that was never stored (intake refused it).
  [[nodiscard]] virtual Result<void> UnlinkRequest(std::string_view request_id) = 0;
  // kNotFound when the request did not come through the protocol.
  [[nodiscard]] virtual Result<DrpLink> FindLink(std::string_view request_id) const = 0;
  // Keeps the request's verification page (DrpLink::verification_path), sealed. kNotFound when
  // the request has no link.
  [[nodiscard]] virtual Result<void> SetVerificationPath(std::string_view request_id,
                                                         std::string_view path) = 0;
};

}  // namespace rightsdesk::store
