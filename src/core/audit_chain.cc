#include "core/audit_chain.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "core/hex.h"

namespace rightsdesk {
namespace {

constexpr std::string_view kEventDomain = "rightsdesk.audit.v1";
constexpr std::string_view kCheckpointDomain = "rightsdesk.checkpoint.v1";

void PutU64(std::vector<std::uint8_t>& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::uint8_t>(v >> shift));
  }
}

void PutField(std::vector<std::uint8_t>& out, std::string_view bytes) {
  PutU64(out, bytes.size());
  out.insert(out.end(), bytes.begin(), bytes.end());
}

void PutField(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> bytes) {
  PutU64(out, bytes.size());
  out.insert(out.end(), bytes.begin(), bytes.end());
}

// libsodium must be initialised before use; sodium_init is idempotent and thread-safe.
void EnsureSodiumReady() {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
}

Hash Sha256(std::span<const std::uint8_t> bytes) {
  EnsureSodiumReady();
  Hash out;
  crypto_hash_sha256(out.data(), bytes.data(), bytes.size());
  return out;
}

}  // namespace

std::string CanonicalDetails(const nlohmann::json& details) {
  // nlohmann::json keeps object keys in a std::map, so dump() is already sorted and compact.
  return details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Hash ComputeEventHash(const AuditEvent& event) {
  std::vector<std::uint8_t> buf;
  buf.reserve(160 + event.details.size() + event.request_id.size() + event.actor.size());
  PutField(buf, kEventDomain);
  PutField(buf, std::to_string(event.seq));
  PutField(buf, event.request_id);
  PutField(buf, event.actor);
  PutField(buf, event.action);
  PutField(buf, std::to_string(ToMicros(event.at)));
  PutField(buf, event.details);
  PutField(buf, event.prev_hash);
  return Sha256(buf);
}

AuditEvent ChainEvent(const AuditEventDraft& draft, std::int64_t seq, const Hash& prev) {
  AuditEvent event{.seq = seq,
                   .request_id = draft.request_id,
                   .actor = draft.actor,
                   .action = draft.action,
                   .at = draft.at,
                   .details = CanonicalDetails(draft.details),
                   .prev_hash = prev};
  event.hash = ComputeEventHash(event);
  return event;
}

std::vector<std::uint8_t> CheckpointMessage(std::int64_t seq, const Hash& hash, Instant at) {
  std::vector<std::uint8_t> buf;
  PutField(buf, kCheckpointDomain);
  PutU64(buf, static_cast<std::uint64_t>(seq));
  PutField(buf, hash);
  PutU64(buf, static_cast<std::uint64_t>(ToMicros(at)));
  return buf;
}

Checkpoint MakeCheckpoint(std::int64_t seq, const Hash& hash, Instant at,
                          const CheckpointSigner& signer) {
  Checkpoint cp{.seq = seq, .hash = hash, .at = at, .signer = signer.public_key()};
  cp.signature = signer.Sign(CheckpointMessage(seq, hash, at));
  return cp;
}

bool CheckpointSignatureValid(const Checkpoint& checkpoint) {
  EnsureSodiumReady();
  auto message = CheckpointMessage(checkpoint.seq, checkpoint.hash, checkpoint.at);
  return crypto_sign_verify_detached(checkpoint.signature.data(), message.data(), message.size(),
                                     checkpoint.signer.data()) == 0;
}

AuditChainVerifier::AuditChainVerifier(PublicKey trusted, std::vector<Checkpoint> checkpoints)
    : trusted_(trusted), checkpoints_(std::move(checkpoints)) {
  std::sort(checkpoints_.begin(), checkpoints_.end(),
            [](const Checkpoint& a, const Checkpoint& b) { return a.seq < b.seq; });
}

void AuditChainVerifier::Report(const AuditEvent* event, std::int64_t seq, std::string what) {
  if (report_.problem) return;
  AuditProblem problem{.seq = seq, .what = std::move(what)};
  if (event) {
    problem.request_id = event->request_id;
    problem.action = event->action;
  }
  report_.problem = std::move(problem);
}

bool AuditChainVerifier::Add(const AuditEvent& event) {
  if (report_.problem) return false;
  const std::int64_t expected = report_.head_seq + 1;
  if (event.seq != expected) {
    std::string what = event.seq > expected
                           ? "is missing: event " + std::to_string(report_.head_seq) +
                                 " is followed by event " + std::to_string(event.seq)
                           : "is out of order: event " + std::to_string(event.seq) +
                                 " appears after event " + std::to_string(report_.head_seq);
    Report(&event, expected, std::move(what));
    return false;
  }
  if (event.prev_hash != prev_hash_) {
    Report(&event, event.seq,
           "does not follow event " + std::to_string(report_.head_seq) +
               ": its link to the previous event is broken (an event was inserted, removed, "
               "reordered, or rewritten before it)");
    return false;
  }
  if (ComputeEventHash(event) != event.hash) {
    Report(&event, event.seq, "was altered: its contents no longer match its hash");
    return false;
  }
  while (next_checkpoint_ < checkpoints_.size() &&
         checkpoints_[next_checkpoint_].seq <= event.seq) {
    const Checkpoint& cp = checkpoints_[next_checkpoint_++];
    if (cp.seq < event.seq) continue;  // seq 0 or duplicates: reported by Finish via count
    if (cp.signer != trusted_) {
      Report(&event, cp.seq, "has a checkpoint signed by an untrusted key " + ToHex(cp.signer));
    } else if (!CheckpointSignatureValid(cp)) {
      Report(&event, cp.seq, "has a checkpoint whose signature is invalid");
    } else if (cp.hash != event.hash) {
      Report(&event, cp.seq,
             "does not match its signed checkpoint: the trail up to this event was rewritten");
    }
    if (report_.problem) return false;
    ++report_.checkpoints;
  }
  report_.head_seq = event.seq;
  report_.head_hash = event.hash;
  prev_hash_ = event.hash;
  ++report_.events;
  return true;
}

AuditReport AuditChainVerifier::Finish(std::optional<std::pair<std::int64_t, Hash>> recorded_head) {
  if (!report_.problem && next_checkpoint_ < checkpoints_.size()) {
    const Checkpoint& cp = checkpoints_[next_checkpoint_];
    Report(nullptr, report_.head_seq + 1,
           "is missing: a signed checkpoint covers event " + std::to_string(cp.seq) +
               " but the trail ends at event " + std::to_string(report_.head_seq));
  }
  if (!report_.problem && recorded_head) {
    if (recorded_head->first > report_.head_seq) {
      Report(nullptr, report_.head_seq + 1,
             "is missing: the store recorded event " + std::to_string(recorded_head->first) +
                 " as the head but the trail ends at event " + std::to_string(report_.head_seq));
    } else if (recorded_head->first == report_.head_seq &&
               recorded_head->second != report_.head_hash) {
      Report(nullptr, report_.head_seq, "differs from the head hash the store recorded");
    } else if (recorded_head->first < report_.head_seq) {
      Report(
          nullptr, recorded_head->first + 1,
          "was added after the recorded head (event " + std::to_string(recorded_head->first) + ")");
    }
  }
  return report_;
}

}  // namespace rightsdesk
