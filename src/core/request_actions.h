// The rules of changing a request, as pure functions: each checks that the change is allowed and
// returns the change (new state + audit event + notices) for the store to apply atomically.
#pragma once

#include <string_view>

#include "core/error.h"
#include "core/request.h"

namespace rightsdesk {

// Validates a staff-typed reason: required, at most 2000 bytes of UTF-8 text.
Result<std::string> CleanReason(std::string_view reason);

// Moves the status along the lifecycle table. kFailedPrecondition for a move the table forbids
// (e.g. completed → in_progress), kInvalidArgument for a missing reason. A denial records its
// `basis` (default: other) on the request and in the event; kInvalidArgument (/basis) for a
// basis given with any other move.
Result<RequestChange> TransitionRequest(const Request& request, Status to, std::string_view reason,
                                        std::string_view actor, Instant now,
                                        std::optional<DenialBasis> basis = std::nullopt);

// Extends the response deadline by the jurisdiction's extension: once, only while the first
// deadline has not passed (`today` is the business-zone date now), only for an open request and
// a type that has an extension. Queues the extension notice to the consumer with the reason
// (Cal. Civ. Code §1798.130(a)(2)(A): notice with the reasons within the first 45 days).
// `extended_due_at` is the last moment of the extended date in the business time zone.
Result<RequestChange> ExtendRequest(const Request& request, std::string_view reason,
                                    std::string_view actor, Instant now, Date today,
                                    Instant extended_due_at);

// Adds a staff note to the request's record (a "request.noted" event). Notes are working notes,
// kept with the audit trail: write facts about the handling, not more personal data than needed.
// kInvalidArgument for an empty or overlong note.
Result<RequestChange> NoteRequest(const Request& request, std::string_view note,
                                  std::string_view actor, Instant now);

// Assigns the request to a member of staff ("" unassigns). Allowed while the request is open.
// kInvalidArgument for a malformed name, kFailedPrecondition for a closed request.
Result<RequestChange> AssignRequest(const Request& request, std::string_view assignee,
                                    std::string_view actor, Instant now);

}  // namespace rightsdesk
