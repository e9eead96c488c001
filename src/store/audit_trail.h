// AuditTrail: the append-only, hash-chained record of every change (core/audit_chain.h), as
// stored. Requests' own events are appended by RequestStore in the same transaction as the
// change; this interface appends installation-wide events and reads the trail back.
//
// Thread safety: all methods may be called concurrently. Appends are durable on success.
#pragma once

#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "core/audit_chain.h"
#include "core/error.h"

namespace rightsdesk::store {

struct ChainHead {
  std::int64_t seq = 0;
  Hash hash{};
};

class TrailVisitor {
 public:
  virtual ~TrailVisitor() = default;
  // `head`: the head the store recorded when it last appended; nullopt for an empty trail.
  virtual void Begin(std::vector<Checkpoint> checkpoints, std::optional<ChainHead> head) = 0;
  virtual bool Event(const AuditEvent& event) = 0;
};

class AuditTrail {
 public:
  virtual ~AuditTrail() = default;

  // Appends an event not tied to a request change (installation initialised, trail exported...).
  [[nodiscard]] virtual Result<AuditEvent> Append(const AuditEventDraft& draft) = 0;

  // Reads the whole trail from one consistent snapshot: first the checkpoints and the recorded
  // head (TrailVisitor::Begin), then each event in storage order (seq ascending, as stored, not
  // repaired) until the visitor returns false. Memory use does not grow with the trail.
  [[nodiscard]] virtual Result<void> ReadTrail(TrailVisitor& visitor) const = 0;

  // Signs a checkpoint over the current head now (no-op result if the head is already
  // checkpointed: returns that checkpoint). kFailedPrecondition on an empty trail.
  [[nodiscard]] virtual Result<Checkpoint> CheckpointNow() = 0;
};

}  // namespace rightsdesk::store
