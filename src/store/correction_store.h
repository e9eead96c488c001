// CorrectionStore: staff corrections of the message classifier (issue 6), kept so that the
// classifier learns from them: every load trains on the shipped examples plus these. The text is
// personal data and is sealed at rest. Implemented by SqliteStore.
#pragma once

#include <string>
#include <vector>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::store {

struct ClassifierCorrection {
  std::string id;
  std::string text;
  std::string type;      // the right answer: a request type's name or "other"
  std::string language;  // "en", "es"
  std::string actor;
  Instant at;
};

class CorrectionStore {
 public:
  virtual ~CorrectionStore() = default;
  // Stores the correction with `recorded` (its audit event) in one transaction.
  [[nodiscard]] virtual Result<void> RecordCorrection(const ClassifierCorrection& correction,
                                                      const AuditEventDraft& recorded) = 0;
  // Every correction, oldest first.
  [[nodiscard]] virtual Result<std::vector<ClassifierCorrection>> Corrections() const = 0;
};

}  // namespace rightsdesk::store
