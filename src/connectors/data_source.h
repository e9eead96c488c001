// DataSource: one company system, reached through its connector. Every connector (SQL databases,
// files, HTTP APIs) answers the same four questions, so fulfilment never knows which kind it
// talks to. A DataSource serves one call at a time; make one per thread.
//
// Errors: kUnavailable for what may pass (down, timed out, refused) — the caller retries with
// backoff; kFailedPrecondition for what needs a person (a table the data map names is missing);
// kInvalidArgument for a data map the system contradicts. Messages name the system and table and
// never carry personal data.
#pragma once

#include <string>
#include <vector>

#include "core/erasure_plan.h"
#include "core/error.h"
#include "core/findings.h"
#include "core/subject.h"

namespace rightsdesk::connectors {

// One finding of `rightsdesk datamap check` about a live system.
struct CheckFinding {
  enum class Severity { kError, kWarning, kInfo };
  Severity severity = Severity::kInfo;
  std::string where;    // "chinook", "chinook.Customer", "chinook.Customer.Email"
  std::string message;  // "column is not indexed: every search reads the whole table"
};
std::string_view Name(CheckFinding::Severity severity);

class DataSource {
 public:
  virtual ~DataSource() = default;

  // Every row of the system that belongs to the consumer: rows of identity tables matching any
  // of the consumer's identifiers (email without regard to case, phone by its digits, account id
  // exactly), then the rows linked to them, table by table.
  virtual Result<SystemFindings> Discover(const SubjectIdentifiers& consumer) = 0;

  // The rows of `rows` (same tables and keys) as they are now; rows that no longer exist are
  // left out. Used to prove an erasure.
  virtual Result<SystemFindings> Reread(const SystemFindings& rows) = 0;

  // Executes the plan all or nothing (one transaction where the system has them). Returns how
  // many rows were deleted and updated.
  struct Applied {
    std::int64_t rows_deleted = 0;
    std::int64_t rows_updated = 0;
  };
  virtual Result<Applied> Erase(const SystemErasurePlan& plan) = 0;

  // The data map checked against the live system: reachable, tables and columns exist, identity
  // and link columns indexed, NOT NULL columns not erased by null, unmapped columns listed.
  virtual std::vector<CheckFinding> Check() = 0;
};

}  // namespace rightsdesk::connectors
