// The preference ledger's use cases. Global Privacy Control (Cal. Code Regs. tit. 11 §7025): a
// browser that sends `Sec-GPC: 1` has opted out of sale and sharing; the opt-out applies to that
// browser and, once we know who the consumer is, to the consumer too. A request to opt out or to
// limit is honoured the same way, and passed on to the recipients the law names
// (app/recipient_notices.h); docs/preferences.md.
#pragma once

#include <string_view>

#include "app/recipient_notices.h"
#include "app/services.h"
#include "core/datamap.h"
#include "core/error.h"
#include "core/time.h"
#include "store/preference_store.h"

namespace rightsdesk::app {

// Records the GPC opt-out for the browser with id `browser_id` and, when `email` is not empty,
// for that consumer. Idempotent: true when anything new was recorded (each new record is an
// audit event "preference.opt_out_recorded" with no personal data).
Result<bool> HonorGpc(store::PreferenceStore& preferences, const Clock& clock,
                      std::string_view browser_id, std::string_view email);

// A GPC signal from a browser whose consumer is known (their email, e.g. on the package download
// page): the opt-out is recorded as HonorGpc does, and the first time it is recorded for this
// consumer, when `map` names recipients that must be told of an opt-out (third parties,
// §7026(f)), it becomes an opt-out request on the `gpc` channel honoured at once, so that they
// are told and staff can follow their confirmations and close it. `map` may be null (no data
// map: nothing to pass on). Returns the new request's id, or "" when none was needed.
Result<std::string> HonorGpcOfConsumer(const Services& services,
                                       store::PreferenceStore& preferences, const DataMap* map,
                                       std::string_view browser_id, std::string_view email);

struct HonoredPreference {
  bool newly_recorded = false;  // false when the consumer's preference was already on the ledger
  int recipients_told = 0;      // notices queued now (0 when the request was honoured before)
};

// Honours an opt-out (sale/sharing) or limit (sensitive personal information) request: the
// consumer's preference goes on the ledger (`preference.recorded` on the request) and the
// recipients the law names are told. No verification is needed (§7026(d), §7027(f)). Honouring
// a request twice records and tells nothing new. kFailedPrecondition for another type of request
// or a closed one.
Result<HonoredPreference> HonorPreferenceRequest(const Services& services,
                                                 store::PreferenceStore& preferences,
                                                 const DataMap& map, std::string_view reference,
                                                 std::string_view actor);

// The notices an opt-out or limit request sends (kOptOut or kLimit).
RecipientNotice NoticeFor(RequestType type);

}  // namespace rightsdesk::app
