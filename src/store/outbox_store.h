// OutboxStore: delivering the messages that changes queued (request_store.h's NoticeDraft). Every
// message is stored before it is sent, in the transaction of the change that caused it; delivery
// claims it with a lease, so that two workers (or a worker restarted after a crash) never hold
// the same message at once, and records the outcome with its audit event. Implemented by
// SqliteStore. Thread-safe; writes durable on success.
//
// Delivery is at least once: a worker that crashes after the mail server accepted a message but
// before MarkSent leaves it to be sent again when the lease expires. The message keeps its
// Message-ID across attempts, so mail systems can drop such a duplicate.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::store {

// A message claimed for delivery, its parameters opened.
struct OutgoingNotice {
  std::string id;  // stable across attempts
  std::string request_id;
  std::string kind;
  nlohmann::json params;
  int attempts = 0;  // earlier attempts that failed
  Instant created_at;
};

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // Claims up to `limit` messages that are pending and due (`next_attempt_at` <= now), or whose
  // earlier claim's lease has run out, oldest first, and leases them until `lease_until`.
  [[nodiscard]] virtual Result<std::vector<OutgoingNotice>> ClaimDue(Instant now,
                                                                     Instant lease_until,
                                                                     int limit) = 0;
  // The message went out: marks it sent with `sent` (its audit event). kNotFound if it is not
  // claimed (already sent by someone else, or never claimed).
  [[nodiscard]] virtual Result<void> MarkSent(std::string_view id, Instant at,
                                              const AuditEventDraft& sent) = 0;
  // A temporary failure: back to pending until `next_attempt_at`, attempts + 1. `error` says
  // what failed without personal data (it is stored and shown to staff).
  [[nodiscard]] virtual Result<void> MarkRetry(std::string_view id, Instant next_attempt_at,
                                               std::string_view error) = 0;
  // A permanent failure (refused by the mail server, or out of attempts), with its audit event.
  [[nodiscard]] virtual Result<void> MarkFailed(std::string_view id, std::string_view error,
                                                const AuditEventDraft& failed) = 0;
  // Retention: erases the parameters (personal data) of messages sent or failed before
  // `sent_before`; the record that they were sent stays. Returns how many were erased.
  [[nodiscard]] virtual Result<std::int64_t> PurgeSentNotices(Instant sent_before) = 0;
};

}  // namespace rightsdesk::store
