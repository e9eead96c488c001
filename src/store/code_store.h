// CodeStore: the one-time codes sent to consumers (core/one_time_code.h). A code is bound to a
// request and a purpose ("package:<id>"); only the latest code of a purpose can be used, and
// issuing one supersedes the earlier ones. Codes are never stored in clear: the store keeps a
// keyed hash (BLAKE2b under a key derived from the installation's master key), compares it in
// constant time, and counts each attempt in the transaction that checks it, so parallel guesses
// cannot exceed the policy. The message that carries a code is queued in the transaction that
// issues it (its parameters sealed, like every outbox message's).
//
// Implemented by SqliteStore. Thread-safe; writes are durable on success and carry their audit
// events in the same transaction. Audit events are built by the caller and must never hold the
// code.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/one_time_code.h"
#include "core/request.h"
#include "core/time.h"

namespace rightsdesk::store {

struct CodeRecord {
  std::string id;  // time-ordered UUID; also binds the hash, so equal codes hash apart
  std::string request_id;
  std::string purpose;
  Instant issued_at;
  Instant expires_at;
};

// What one check found.
struct CodeVerdict {
  CodeOutcome outcome = CodeOutcome::kNoneIssued;
  std::string code_id;    // the latest code of the purpose; empty for kNoneIssued
  int attempts_left = 0;  // see CodeJudgement
  int codes_left = 0;     // codes the purpose may still be issued
};

class CodeStore {
 public:
  virtual ~CodeStore() = default;

  // In one transaction: counts the codes already issued for the record's request and purpose;
  // when `policy` allows one more, stores the keyed hash of `code`, queues `message` (whose
  // params hold the code) and appends `issued`, and returns true. Otherwise appends `refused` and
  // returns false (nothing issued, nothing queued). kNotFound when the request does not exist.
  [[nodiscard]] virtual Result<bool> IssueCode(const CodeRecord& record, std::string_view code,
                                               const NoticeDraft& message,
                                               const OneTimeCodePolicy& policy,
                                               const AuditEventDraft& issued,
                                               const AuditEventDraft& refused) = 0;

  // Checks `typed` (six digits) against the latest code of (request, purpose) at `now`, counts
  // the attempt, marks an accepted code used, and appends `event_for(verdict)` — all in one
  // transaction. A refusal is a verdict, not an error; errors are the store's own.
  [[nodiscard]] virtual Result<CodeVerdict> CheckCode(
      std::string_view request_id, std::string_view purpose, std::string_view typed, Instant now,
      const OneTimeCodePolicy& policy,
      const std::function<AuditEventDraft(const CodeVerdict&)>& event_for) = 0;
};

}  // namespace rightsdesk::store
