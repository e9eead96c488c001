// What every web door of intake shares (the JSON API and the privacy center's form): the limits
// per client address, per consumer email and per agent email, the intake use case, the intake
// counter, and the consumer's status link.
#pragma once

#include <string>
#include <string_view>

#include "app/intake.h"
#include "http/api_context.h"

namespace rightsdesk::http {

// Checks the limits, then app::SubmitRequest. kResourceExhausted (with `retry_after_s` set) when
// a limit is reached; otherwise SubmitRequest's result. Limits count attempts, not successes.
Result<app::Submitted> TakeIn(const ApiContext& api, const app::IntakeForm& form,
                              std::string_view peer, int& retry_after_s);

// The request behind a status link. kNotFound for every wrong link alike (unknown id, wrong or
// malformed token), so that a guess reveals nothing about which requests exist.
Result<rightsdesk::Request> FindByStatusLink(const ApiContext& api, std::string_view id,
                                             std::string_view token);

// The consumer's status page: "/privacy/status/{id}/{token}".
std::string StatusPath(const app::Submitted& submitted);

}  // namespace rightsdesk::http
