// Checking and exporting the audit trail: `rightsdesk audit verify|export|checkpoint`.
#pragma once

#include <istream>
#include <optional>
#include <ostream>

#include "core/audit_chain.h"
#include "core/error.h"
#include "store/audit_trail.h"

namespace rightsdesk::app {

// Verifies the stored trail against the installation's key: every link, every hash, every
// signed checkpoint, and the head the store recorded (so events removed from the end are seen).
// The report's problem names the first bad event. An error is returned only when the trail
// could not be read at all.
Result<AuditReport> VerifyStoredTrail(const store::AuditTrail& trail, const PublicKey& trusted);

struct ExportSummary {
  std::int64_t events = 0;
  std::int64_t checkpoints = 0;
};

// Checkpoints the head (so the export ends on a signed event), then writes the trail to `out`
// in the export format (audit_export.h). The export itself is recorded as an event first.
Result<ExportSummary> ExportTrail(store::AuditTrail& trail, const PublicKey& public_key,
                                  Instant now, std::string_view actor, std::ostream& out);

struct FileVerification {
  AuditReport report;
  PublicKey key{};         // the key the checkpoints were checked against
  bool key_given = false;  // false: the key written in the file was trusted
};

// Verifies an exported trail. With `trusted`, checkpoints must be signed by that key; without it,
// by the key the file names (which proves integrity only if that key is known to be the
// installation's: compare it). A malformed line is reported as a problem at that line's event.
FileVerification VerifyExport(std::istream& in, std::optional<PublicKey> trusted);

}  // namespace rightsdesk::app
