// When a request may be marked completed. With a data map in use (Services::fulfilment_required),
// a request completes only once its fulfilment is on the record (docs/fulfilment.md, "When a
// request may complete"):
//   - access: a package offered (`package.offered`);
//   - categories: the disclosure made (`categories.disclosed`);
//   - delete: an erasure executed and fully verified (`erasure.executed`, all_verified);
//   - opt_out, limit: the preference recorded (`preference.recorded`);
//   - correct: a correction applied and verified (`correction.applied`), or a manual task
//     completed (the owner corrected a system worked by hand);
// and, for every notice sent to recipients, none left to staff and not yet confirmed (a notice
// refused by a webhook or mail server, or a recipient without an address). Open manual tasks
// block completion in every case (app/casework.cc). Denials are never blocked.
#pragma once

#include <vector>

#include "app/services.h"
#include "core/audit_event.h"
#include "core/request.h"

namespace rightsdesk::app {

// kFailedPrecondition naming what is missing; ok when nothing is.
Result<void> CheckFulfilmentRecorded(const Request& request, const std::vector<AuditEvent>& events);

}  // namespace rightsdesk::app
