// The preference ledger's use cases. Global Privacy Control (Cal. Code Regs. tit. 11 §7025): a
// browser that sends `Sec-GPC: 1` has opted out of sale and sharing; the opt-out applies to that
// browser and, once we know who the consumer is, to the consumer too.
#pragma once

#include <string_view>

#include "core/error.h"
#include "core/time.h"
#include "store/preference_store.h"

namespace rightsdesk::app {

// Records the GPC opt-out for the browser with id `browser_id` and, when `email` is not empty,
// for that consumer. Idempotent: true when anything new was recorded (each new record is an
// audit event "preference.opt_out_recorded" with no personal data).
Result<bool> HonorGpc(store::PreferenceStore& preferences, const Clock& clock,
                      std::string_view browser_id, std::string_view email);

}  // namespace rightsdesk::app
