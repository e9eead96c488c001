#include "core/request_actions.h"

#include "core/lifecycle.h"
#include "core/text.h"

namespace rightsdesk {

Result<std::string> CleanReason(std::string_view reason) {
  auto text = CleanText(reason, {.max_bytes = 2000, .allow_newlines = true}, "/reason");
  if (!text) return text;
  if (text->empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a reason is required", "/reason");
  }
  return text;
}

Result<RequestChange> TransitionRequest(const Request& request, Status to, std::string_view reason,
                                        std::string_view actor, Instant now,
                                        std::optional<DenialBasis> basis) {
  auto clean = CleanReason(reason);
  if (!clean) return std::unexpected(clean.error());
  if (basis && to != Status::kDenied) {
    return Fail(ErrorCode::kInvalidArgument, "a basis is given only with a denial", "/basis");
  }
  if (!IsChosenByStaff(to)) {
    return Fail(ErrorCode::kFailedPrecondition,
                "cannot move " + request.reference + " to " + std::string(Name(to)) +
                    ": intake sets it when a request repeats an open one",
                "/to");
  }
  if (!CanTransition(request.status, to)) {
    std::string allowed;
    for (Status next : NextStatuses(request.status)) {
      if (!IsChosenByStaff(next)) continue;
      allowed += allowed.empty() ? "" : ", ";
      allowed += Name(next);
    }
    return Fail(ErrorCode::kFailedPrecondition,
                "cannot move " + request.reference + " from " + std::string(Name(request.status)) +
                    " to " + std::string(Name(to)) +
                    (allowed.empty() ? " (it is closed)" : " (allowed: " + allowed + ")"),
                "/to");
  }
  RequestChange change{.after = request, .expected_version = request.version};
  change.after.status = to;
  change.after.updated_at = now;
  if (IsTerminal(to)) change.after.closed_at = now;
  nlohmann::json details = {{"from", Name(request.status)}, {"to", Name(to)}, {"reason", *clean}};
  if (to == Status::kDenied) {
    change.after.denial_basis = basis.value_or(DenialBasis::kOther);
    details["basis"] = Name(*change.after.denial_basis);
  }
  change.events.push_back({.request_id = request.id,
                           .actor = std::string(actor),
                           .action = "request.transitioned",
                           .at = now,
                           .details = std::move(details)});
  return change;
}

Result<RequestChange> ExtendRequest(const Request& request, std::string_view reason,
                                    std::string_view actor, Instant now, Date today,
                                    Instant extended_due_at) {
  auto clean = CleanReason(reason);
  if (!clean) return std::unexpected(clean.error());
  auto refuse = [&](std::string why) {
    return Fail(ErrorCode::kFailedPrecondition,
                "cannot extend " + request.reference + ": " + std::move(why));
  };
  if (IsTerminal(request.status)) {
    return refuse("it is closed (" + std::string(Name(request.status)) + ")");
  }
  if (!request.deadlines.extended_respond_by) {
    return refuse(std::string(Name(request.type)) + " requests in " + request.jurisdiction +
                  " have no extension");
  }
  if (request.extended) return refuse("it was already extended once");
  if (today > request.deadlines.respond_by) {
    return refuse("the first deadline " + FormatDate(request.deadlines.respond_by) +
                  " has passed; an extension must be taken before it");
  }
  RequestChange change{.after = request, .expected_version = request.version};
  change.after.extended = true;
  change.after.due_at = extended_due_at;
  change.after.updated_at = now;
  const std::string new_date = FormatDate(*request.deadlines.extended_respond_by);
  change.events.push_back({.request_id = request.id,
                           .actor = std::string(actor),
                           .action = "request.extended",
                           .at = now,
                           .details = {{"respond_by", FormatDate(request.deadlines.respond_by)},
                                       {"extended_respond_by", new_date},
                                       {"reason", *clean}}});
  change.notices.push_back({.request_id = request.id,
                            .kind = "extension_notice",
                            .params = {{"reference", request.reference},
                                       {"extended_respond_by", new_date},
                                       {"reason", *clean}}});
  return change;
}

Result<RequestChange> NoteRequest(const Request& request, std::string_view note,
                                  std::string_view actor, Instant now) {
  auto clean = CleanText(TrimAscii(note), {.max_bytes = 4000, .allow_newlines = true}, "/note");
  if (!clean) return std::unexpected(clean.error());
  if (clean->empty()) return Fail(ErrorCode::kInvalidArgument, "a note is required", "/note");
  RequestChange change{.after = request, .expected_version = request.version};
  change.after.updated_at = now;
  change.events.push_back({.request_id = request.id,
                           .actor = std::string(actor),
                           .action = "request.noted",
                           .at = now,
                           .details = {{"note", *clean}}});
  return change;
}

Result<RequestChange> AssignRequest(const Request& request, std::string_view assignee,
                                    std::string_view actor, Instant now) {
  auto clean = CleanText(TrimAscii(assignee), {.max_bytes = 100}, "/assignee");
  if (!clean) return std::unexpected(clean.error());
  if (IsTerminal(request.status)) {
    return Fail(ErrorCode::kFailedPrecondition, "cannot assign " + request.reference +
                                                    ": it is closed (" +
                                                    std::string(Name(request.status)) + ")");
  }
  RequestChange change{.after = request, .expected_version = request.version};
  change.after.assignee = *clean;
  change.after.updated_at = now;
  change.events.push_back({.request_id = request.id,
                           .actor = std::string(actor),
                           .action = "request.assigned",
                           .at = now,
                           .details = {{"from", request.assignee}, {"to", *clean}}});
  return change;
}

}  // namespace rightsdesk
