// The triage queue (issue 6): messages intake could not place (not clearly a privacy request)
// wait for a person, who either makes a request of one (choosing its type) or dismisses it. Both
// teach the classifier: the decision is recorded as a correction (message_classifier.h), learnt
// at its next load. Each decision is an audit event ("intake.triage_accepted",
// "intake.triage_dismissed").
#pragma once

#include <string>

#include "app/services.h"
#include "store/correction_store.h"
#include "store/inbox_store.h"

namespace rightsdesk::app {

struct TriageStores {
  store::InboxStore& inbox;
  store::CorrectionStore& corrections;
};

// `language` "" means the one the classifier heard when the message arrived.
//
// Makes a request of `type` in `language` from the waiting message, from its sender. Accepting
// the same message again after a crash finishes the job without a second request.
// kNotFound when the message does not wait in triage; kInvalidArgument for a bad type or
// language (nothing changes).
Result<Request> AcceptTriaged(const Services& services, TriageStores stores,
                              std::string_view inbound_id, std::string_view type,
                              std::string_view language, std::string_view actor);

// The message is not a privacy request. kNotFound when it does not wait in triage.
Result<void> DismissTriaged(const Services& services, TriageStores stores,
                            std::string_view inbound_id, std::string_view language,
                            std::string_view actor);

}  // namespace rightsdesk::app
