// What every use case needs from the outside world, passed in so that tests can inject a fixed
// clock and an in-memory random source. All references must outlive the services using them.
#pragma once

#include "core/random.h"
#include "core/ruleset.h"
#include "core/time.h"
#include "store/drp_store.h"
#include "store/feedback_store.h"
#include "store/fulfilment_store.h"
#include "store/request_store.h"
#include "store/review_store.h"
#include "store/verification_store.h"

namespace rightsdesk::app {

struct Services {
  const Ruleset& ruleset;
  store::RequestStore& requests;
  const Clock& clock;
  const TimeZones& zones;
  Random& random;
  // Packages and manual tasks; when set, a request cannot complete while one of its manual tasks
  // is open. Null where no fulfilment runs (tests of other use cases).
  store::FulfilmentStore* fulfilment = nullptr;
  // Set when the installation has a data map: completing a request then needs its fulfilment
  // on record (app/completion_gate.h). Unset, staff fulfil outside RightsDesk and say so.
  bool fulfilment_required = false;
  // The Data Rights Protocol's links of requests to agents: when set, every status change of a
  // request an agent made through the protocol queues its status callback in the same change
  // (app/drp_callbacks.h). Null only where no agent can have made a request (tests of other
  // use cases).
  store::DrpStore* drp = nullptr;
  // The proofs kept with requests: when set, the scheduler's daily job erases identity documents
  // no reviewer decided on before their request left verification, and forgets the uses of
  // account tokens past their expiry. Null where neither is kept (tests of other use cases).
  store::VerificationStore* verification = nullptr;
  // The privacy center's address without a trailing "/" (`[mail] public_url`), for links given
  // to others than the consumer (a DRP agent's user_verification_url); "": none are given.
  std::string public_url;
  // The consumer's survey after closing: when set, a request that closes (app/feedback.h) gets
  // a survey link in its closing message, or a message of its own. Null: no survey is sent.
  store::FeedbackStore* feedback = nullptr;
  // The rule review checklist (app/rule_reviews.h): when set, the scheduler's daily job sends
  // its reminders. Null where there is no checklist (tests of other use cases).
  store::ReviewStore* reviews = nullptr;
};

}  // namespace rightsdesk::app
