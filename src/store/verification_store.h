// VerificationStore: the proofs of identity a consumer gives that must be kept with the request
// (issue 4). For now the declarations signed under penalty of perjury (Cal. Code Regs. tit. 11
// §7062(c)); matched data points are recorded as audit events (names only, no values) and need
// no table. The signer's typed name and IP address are personal data: sealed at rest, and erased
// with the request's other personal data by the retention purge (the record that a declaration
// was signed, its statement version and time, stays).
//
// Implemented by SqliteStore. Thread-safe; a write is durable on success and carries its audit
// event in the same transaction. The event is built by the caller and must hold no personal data.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::store {

struct SignedDeclaration {
  std::string id;  // time-ordered UUID
  std::string request_id;
  std::string statement_version;  // which text was signed (docs/verification.md)
  Instant signed_at;
  std::string full_name;  // as typed: personal, sealed; empty once purged
  std::string ip;         // where it was signed from ("" when unknown): personal, sealed
  bool purged = false;    // the sealed part was erased by the retention purge
};

class VerificationStore {
 public:
  virtual ~VerificationStore() = default;

  // Stores the declaration and appends `recorded` in one transaction. The request must exist
  // (the caller found it); the store's own errors otherwise.
  [[nodiscard]] virtual Result<void> RecordDeclaration(const SignedDeclaration& declaration,
                                                       const AuditEventDraft& recorded) = 0;

  // The request's declarations, oldest first (empty when none). kDataLoss when a sealed part
  // does not open (tampered with, or another installation's key).
  [[nodiscard]] virtual Result<std::vector<SignedDeclaration>> DeclarationsOf(
      std::string_view request_id) const = 0;
};

}  // namespace rightsdesk::store
