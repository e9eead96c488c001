// Duplicate requests (issue 4): a new request from the same consumer (the same normalised email)
// of the same type as one still open, received within the duplicate window, is not worked twice.
// It is stored, closed at once as closed_duplicate and linked to the open request, which answers
// both; both requests' trails record the link, and the consumer is told that the earlier request
// is being handled.
//
// Opt-out and limit requests are never duplicates: they are honoured at once and a repeat is
// harmless (and a browser's Global Privacy Control signal repeats on every visit by design).
// Only open requests count: a consumer may ask again once the first answer is given (the
// frequency rules for a third access request in 12 months are a separate matter).
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/request.h"

namespace rightsdesk {

inline constexpr int kDefaultDuplicateWindowDays = 45;

// One of the consumer's open requests, as the store finds it when a new one arrives.
struct OpenRequestRef {
  std::string id;
  std::string reference;
  RequestType type = RequestType::kAccess;
  Instant received_at;
};

// Whether a repeat of this type is linked as a duplicate (not opt_out, not limit).
bool DuplicatesApplyTo(RequestType type);

// The open request `request` repeats: the earliest of `open` of the same type received no more
// than `window` before `request` (and not after it); nullopt when none, when duplicates do not
// apply to the type, or when the window is zero (detection turned off). `open` must hold only open
// requests of the same consumer.
std::optional<OpenRequestRef> FindDuplicateOf(const Request& request,
                                              std::span<const OpenRequestRef> open,
                                              std::chrono::days window);

// Closes `request` (about to be stored, status received, reference assigned) as a duplicate of
// `open`: status closed_duplicate, closed when received, duplicate_of = open.id. Returns the
// events that record it, in order: `request.transitioned` (received → closed_duplicate, as every
// status change is recorded), `request.duplicate_of` on the new request naming the open one, and
// `request.duplicate_linked` on the open request naming the new one. Ids and references only.
// kFailedPrecondition if the lifecycle forbids the move (the request is not received).
Result<std::vector<AuditEventDraft>> CloseAsDuplicate(Request& request, const OpenRequestRef& open,
                                                      std::string_view actor,
                                                      std::chrono::days window);

}  // namespace rightsdesk
