// The audit chain proves the events were not changed; this checks that the requests as stored
// agree with what their events say happened, so that a request row edited or deleted directly
// in the database file is caught too. Memory grows with the number of requests (a few dozen
// bytes each), not with the number of events.
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "store/audit_trail.h"
#include "store/request_store.h"

namespace rightsdesk::app {

struct LedgerMismatch {
  std::string request;  // reference, or id when the row is missing
  std::string what;     // a sentence for the operator
};

struct ConsistencyReport {
  std::int64_t requests = 0;
  std::optional<LedgerMismatch> mismatch;  // the first one found
};

Result<ConsistencyReport> CheckLedgerConsistency(const store::RequestStore& requests,
                                                 const store::AuditTrail& trail);

}  // namespace rightsdesk::app
