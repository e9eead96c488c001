// Casework: what staff do to a stored request (find it, move its status, extend its deadline,
// list the queue). Each change is checked by the core's rules and applied atomically with its
// audit event; a concurrent change to the same request is retried from the fresh state.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app/services.h"
#include "core/error.h"
#include "core/playbook.h"
#include "core/request.h"
#include "store/request_store.h"

namespace rightsdesk::app {

// Decides a change from the request's current state; nullopt when there is nothing to change.
using DecideChange = std::function<Result<std::optional<RequestChange>>(const Request&)>;

// Loads the request, decides, re-evaluates its priority and applies the change; on a lost race
// (someone changed it first) decides again on the fresh state, a few times. Returns the stored
// request (as found, when there was nothing to change).
Result<Request> ChangeRequestIfNeeded(const Services& services, std::string_view reference_or_id,
                                      const DecideChange& decide);

// Records what was done for a request (an audit event, and any messages it queues) without
// changing its state but its update time; the event's request id and time are filled in.
Result<Request> RecordOnRequest(const Services& services, std::string_view request_id,
                                AuditEventDraft event, std::vector<NoticeDraft> notices = {});

// By human reference ("RD-2026-00042") or internal id. kNotFound names what was looked for.
Result<Request> FindRequest(const Services& services, std::string_view reference_or_id);

// `basis` names the basis of a denial (core/denial_basis.h): "" for none (a denial is then
// "other"); kInvalidArgument (/basis) for an unknown one, or one with any other move.
Result<Request> TransitionTo(const Services& services, std::string_view reference_or_id,
                             std::string_view to, std::string_view reason, std::string_view actor,
                             std::string_view basis = {});

Result<Request> Extend(const Services& services, std::string_view reference_or_id,
                       std::string_view reason, std::string_view actor);

Result<Request> AddNote(const Services& services, std::string_view reference_or_id,
                        std::string_view note, std::string_view actor);

// Ticks (`done`) or reopens a manual step of the request's playbook (core/playbook.h): an audit
// event, nothing when the step already stands so. kNotFound when the request's type has no
// playbook; the errors of TickPlaybookStep otherwise.
Result<Request> TickPlaybook(const Services& services, const Playbooks& playbooks,
                             std::string_view reference_or_id, std::string_view step_id, bool done,
                             std::string_view actor);

Result<Request> Assign(const Services& services, std::string_view reference_or_id,
                       std::string_view assignee, std::string_view actor);

// Filters as typed ("" = any). kInvalidArgument for an unknown status or type.
struct QueueFilter {
  // A reference ("RD-2026-00042") or an email address; "" = no search.
  std::string q;
  std::string status;
  std::string type;
  bool overdue = false;
  std::size_t limit = 100;
  std::optional<std::string> after;
};
Result<store::RequestPage> ListQueue(const Services& services, const QueueFilter& filter);

}  // namespace rightsdesk::app
