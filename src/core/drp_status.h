// Our request, as the Data Rights Protocol 1.0 describes it to an agent (shared/specs/drp,
// sections 3.02 and 3.03): its DRP state and reason, and the Exercise Status object that the
// status, revoke and exercise endpoints answer and the status callback posts.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/request.h"

namespace rightsdesk {

struct DrpState {
  std::string status;              // "in_progress", "fulfilled", "revoked", "denied"
  std::string reason;              // "" or one of section 3.02's reasons
  std::string processing_details;  // "" or a plain sentence for the consumer
};

// Every open status is in_progress: intake acknowledges receipt at once (the acknowledgment is
// queued with the request), so a request is never left "open" (section 3.03 note 1). completed
// is fulfilled, withdrawn revoked, denied denied/other (our basis is staff text, not one of the
// protocol's reasons), closed_unverified denied/insuf_verification, closed_duplicate denied/other
// with processing_details saying that an open request of the consumer answers it. An extended
// request says so in processing_details (section 3.08). A request pending verification is
// in_progress/need_user_verification when the consumer can be sent to a page to verify
// (`can_verify_online`: section 3.02.1 requires its URL), else in_progress with words.
DrpState DrpStateOf(const Request& request, bool can_verify_online = false);

// The Exercise Status object: request_id (our internal id), received_at, expected_by (the last
// moment of the current due date), agent_request_id when the agent gave one, status, and reason
// and processing_details when there are any; user_verification_url (the request's verification
// page, "" when there is none) when the reason is need_user_verification.
nlohmann::json DrpExerciseStatus(const Request& request, std::string_view agent_request_id,
                                 std::string_view user_verification_url = "");

// Whether a change is one the agent must be told of by its status callback: the status moved,
// or the deadline was extended (which moves expected_by).
bool DrpNewsworthy(const Request& before, const Request& after);

}  // namespace rightsdesk
