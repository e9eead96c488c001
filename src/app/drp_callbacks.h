// Status callbacks of the Data Rights Protocol 1.0 (shared/specs/drp, section 2.03): when a
// request an agent made through the protocol changes status (or is extended, section 3.08), the
// agent's `status_callback` is sent the Exercise Status object. The callback is a notice in the
// durable outbox, queued in the transaction of the change itself, and delivered by the outbox
// worker like a recipient's webhook (app/outbox_delivery.h): retried with a growing delay while
// the agent is unreachable or answers 408/425/429/5xx, so an outage delays a callback and loses
// none. The agent's answer body is ignored (section 2.03.1).
#pragma once

#include <nlohmann/json.hpp>

#include "app/services.h"
#include "core/error.h"
#include "core/request.h"

namespace rightsdesk::app {

// The outbox kind of a status callback.
inline constexpr std::string_view kDrpCallbackKind = "drp_status";

// Adds the callback to `change` when services.drp is set, the request came through the protocol
// with a status_callback, and the change is newsworthy (core/drp_status.h); otherwise leaves it.
// Errors are the store's (looking up the request's link).
Result<void> QueueDrpCallback(const Services& services, const Request& before,
                              RequestChange& change);

// The request's verification page as an absolute URL for its agent (section 3.02.1), "" when
// services.public_url or the link's page is not known.
std::string DrpVerificationUrl(const Services& services, const store::DrpLink& link);

// What a queued callback posts when it is sent: the request's Exercise Status as it is then, not
// as it was when queued, so that a callback retried after a later one has gone through never
// leaves the agent with an older state (section 2.03.1: the most recent update matters).
nlohmann::json DrpCallbackBody(const Request& request, const nlohmann::json& params);

}  // namespace rightsdesk::app
