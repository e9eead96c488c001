// The tamper-evident audit trail (DESIGN.md section 5). Each event's hash covers a canonical
// encoding of its fields and the previous event's hash, so altering, removing, inserting or
// reordering any event breaks the chain at that event. Signed checkpoints (Ed25519) pin the chain
// head at intervals, so that a rewrite of the whole tail, or an exported trail checked on another
// machine, is caught by anyone holding the installation's public key.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/audit_event.h"

namespace rightsdesk {

using PublicKey = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;

// The JSON text stored for `details`: keys sorted, no insignificant whitespace.
std::string CanonicalDetails(const nlohmann::json& details);

// SHA-256 over "rightsdesk.audit.v1" and the length-prefixed fields seq, request_id, actor,
// action, at (microseconds), details and prev_hash.
Hash ComputeEventHash(const AuditEvent& event);

// The draft placed at `seq` after an event whose hash is `prev`.
AuditEvent ChainEvent(const AuditEventDraft& draft, std::int64_t seq, const Hash& prev);

struct Checkpoint {
  std::int64_t seq = 0;  // the event whose hash is pinned
  Hash hash{};
  Instant at;
  PublicKey signer{};
  Signature signature{};
};

// Signs checkpoints with the installation's key. Implementations are thread-safe.
class CheckpointSigner {
 public:
  virtual ~CheckpointSigner() = default;
  virtual PublicKey public_key() const = 0;
  virtual Signature Sign(std::span<const std::uint8_t> message) const = 0;
};

std::vector<std::uint8_t> CheckpointMessage(std::int64_t seq, const Hash& hash, Instant at);
Checkpoint MakeCheckpoint(std::int64_t seq, const Hash& hash, Instant at,
                          const CheckpointSigner& signer);
bool CheckpointSignatureValid(const Checkpoint& checkpoint);

struct AuditProblem {
  std::int64_t seq = 0;  // the first bad event (or the checkpoint's event)
  std::string request_id;
  std::string action;
  std::string what;  // a sentence for the operator
};

struct AuditReport {
  std::int64_t events = 0;
  std::int64_t checkpoints = 0;
  std::int64_t head_seq = 0;
  Hash head_hash{};
  std::optional<AuditProblem> problem;
  bool ok() const { return !problem.has_value(); }
};

// Checks a chain fed one event at a time in storage order, so a trail of any length is verified
// in constant memory (besides the checkpoints). Not thread-safe.
class AuditChainVerifier {
 public:
  // Checkpoints must be signed by `trusted`. They may be given in any order.
  AuditChainVerifier(PublicKey trusted, std::vector<Checkpoint> checkpoints);

  // Returns false once a problem has been found; further events are ignored.
  bool Add(const AuditEvent& event);

  // `recorded_head`: the head (seq, hash) that the store recorded beside the events, if any;
  // a shorter chain means events were removed from the end.
  AuditReport Finish(std::optional<std::pair<std::int64_t, Hash>> recorded_head = std::nullopt);

 private:
  void Report(const AuditEvent* event, std::int64_t seq, std::string what);

  PublicKey trusted_;
  std::vector<Checkpoint> checkpoints_;  // sorted by seq
  std::size_t next_checkpoint_ = 0;
  AuditReport report_;
  Hash prev_hash_{};
};

}  // namespace rightsdesk
