// PreferenceStore: the preference ledger's opt-outs of sale/sharing, for a browser (Global
// Privacy Control, a random id in a cookie) or a consumer (their email). Implemented by
// SqliteStore; keys are stored as blind indexes only. Thread-safe; writes durable on success.
#pragma once

#include <string>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::store {

enum class PreferenceSubject { kBrowser, kConsumer };

struct OptOut {
  PreferenceSubject subject = PreferenceSubject::kBrowser;
  std::string key;     // the browser's id or the consumer's normalised email: never stored as is
  std::string source;  // "gpc"
  Instant at;
};

class PreferenceStore {
 public:
  virtual ~PreferenceStore() = default;
  // Records the opt-out and `recorded` (its audit event) in one transaction, once per subject:
  // true when recorded now, false when it was already on the ledger (no second event).
  [[nodiscard]] virtual Result<bool> RecordOptOut(const OptOut& opt_out,
                                                  const AuditEventDraft& recorded) = 0;
  [[nodiscard]] virtual Result<bool> HasOptOut(PreferenceSubject subject,
                                               std::string_view key) const = 0;
};

}  // namespace rightsdesk::store
