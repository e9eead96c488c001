#include "core/duplicates.h"

#include "core/lifecycle.h"

namespace rightsdesk {

bool DuplicatesApplyTo(RequestType type) {
  return type != RequestType::kOptOut && type != RequestType::kLimit;
}

std::optional<OpenRequestRef> FindDuplicateOf(const Request& request,
                                              std::span<const OpenRequestRef> open,
                                              std::chrono::days window) {
  if (!DuplicatesApplyTo(request.type) || window <= std::chrono::days{0}) return std::nullopt;
  const Instant since = request.received_at - window;
  std::optional<OpenRequestRef> earliest;
  for (const OpenRequestRef& candidate : open) {
    if (candidate.type != request.type || candidate.id == request.id) continue;
    if (candidate.received_at < since || candidate.received_at > request.received_at) continue;
    if (!earliest || candidate.received_at < earliest->received_at) earliest = candidate;
  }
  return earliest;
}

Result<std::vector<AuditEventDraft>> CloseAsDuplicate(Request& request, const OpenRequestRef& open,
                                                      std::string_view actor,
                                                      std::chrono::days window) {
  if (!CanTransition(request.status, Status::kClosedDuplicate)) {
    return Fail(ErrorCode::kFailedPrecondition, "cannot close " + request.reference +
                                                    " as a duplicate: it is " +
                                                    std::string(Name(request.status)));
  }
  const Status from = request.status;
  const Instant at = request.received_at;
  request.status = Status::kClosedDuplicate;
  request.closed_at = at;
  request.updated_at = at;
  request.duplicate_of = open.id;
  const std::string why = "repeats " + open.reference +
                          ", open, of the same type, received within " +
                          std::to_string(window.count()) + " days";
  std::vector<AuditEventDraft> events;
  events.push_back(
      {.request_id = request.id,
       .actor = std::string(actor),
       .action = "request.transitioned",
       .at = at,
       .details = {{"from", Name(from)}, {"to", Name(Status::kClosedDuplicate)}, {"reason", why}}});
  events.push_back({.request_id = request.id,
                    .actor = std::string(actor),
                    .action = "request.duplicate_of",
                    .at = at,
                    .details = {{"open_request", open.id},
                                {"open_reference", open.reference},
                                {"window_days", window.count()}}});
  events.push_back(
      {.request_id = open.id,
       .actor = std::string(actor),
       .action = "request.duplicate_linked",
       .at = at,
       .details = {{"duplicate_request", request.id}, {"duplicate_reference", request.reference}}});
  return events;
}

}  // namespace rightsdesk
