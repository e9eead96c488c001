// An audit event: who did what to which request, when, with details. Events are appended to a
// hash chain (audit_chain.h) and never changed. Details must never hold personal data: the
// record outlives the personal data it describes (retention purge keeps the chain verifiable).
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/time.h"

namespace rightsdesk {

using Hash = std::array<std::uint8_t, 32>;

// What a use case asks to record; the store gives it its place in the chain.
struct AuditEventDraft {
  std::string request_id;  // internal id; empty for installation-wide events
  std::string actor;       // "cli:alice", "staff:4f1c", "consumer", "system"
  std::string action;      // "request.submitted", "request.transitioned", ...
  Instant at;
  nlohmann::json details = nlohmann::json::object();
};

// A chained event as stored. `details` is the canonical JSON text (sorted keys, no spaces) and is
// hashed exactly as stored.
struct AuditEvent {
  std::int64_t seq = 0;  // 1, 2, 3, ... with no gaps
  std::string request_id;
  std::string actor;
  std::string action;
  Instant at;
  std::string details;
  Hash prev_hash{};  // all zero for event 1
  Hash hash{};
};

}  // namespace rightsdesk
