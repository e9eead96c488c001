// PreferenceStore: the preference ledger: opt-outs of sale/sharing and limits of the use of
// sensitive personal information, for a browser (Global Privacy Control, a random id in a
// cookie) or a consumer (their email). Implemented by
// SqliteStore; keys are stored as blind indexes only. Thread-safe; writes durable on success.
#pragma once

#include <string>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::store {

enum class PreferenceSubject { kBrowser, kConsumer };
// The right a preference stands for: opting out of sale and sharing (§1798.120, GPC), or
// limiting the use of sensitive personal information (§1798.121).
enum class PreferenceScope { kSaleSharing, kLimitSensitive };
inline std::string_view Name(PreferenceScope scope) {
  return scope == PreferenceScope::kSaleSharing ? "sale_sharing" : "limit_sensitive";
}

struct OptOut {
  PreferenceSubject subject = PreferenceSubject::kBrowser;
  std::string key;  // the browser's id or the consumer's normalised email: never stored as is
  PreferenceScope scope = PreferenceScope::kSaleSharing;
  std::string source;  // "gpc", "request"
  Instant at;
};

class PreferenceStore {
 public:
  virtual ~PreferenceStore() = default;
  // Records the opt-out and `recorded` (its audit event) in one transaction, once per subject
  // and scope: true when recorded now, false when it was already on the ledger (no second event).
  [[nodiscard]] virtual Result<bool> RecordOptOut(const OptOut& opt_out,
                                                  const AuditEventDraft& recorded) = 0;
  [[nodiscard]] virtual Result<bool> HasOptOut(
      PreferenceSubject subject, std::string_view key,
      PreferenceScope scope = PreferenceScope::kSaleSharing) const = 0;
};

}  // namespace rightsdesk::store
