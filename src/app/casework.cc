#include "app/casework.h"

#include <functional>

#include "app/completion_gate.h"
#include "app/drp_callbacks.h"
#include "app/feedback.h"
#include "app/prioritization.h"
#include "core/reference.h"
#include "core/request_actions.h"

namespace rightsdesk::app {
namespace {

// Optimistic concurrency: a lost race is retried on the fresh state a few times before giving up.
constexpr int kAttempts = 5;

using DecideRequiredChange = std::function<Result<RequestChange>(const Request&)>;

Result<Request> ChangeRequest(const Services& services, std::string_view reference_or_id,
                              const DecideRequiredChange& decide) {
  return ChangeRequestIfNeeded(services, reference_or_id,
                               [&](const Request& request) -> Result<std::optional<RequestChange>> {
                                 auto change = decide(request);
                                 if (!change) return std::unexpected(change.error());
                                 return std::optional<RequestChange>(std::move(*change));
                               });
}

}  // namespace

Result<Request> ChangeRequestIfNeeded(const Services& services, std::string_view reference_or_id,
                                      const DecideChange& decide) {
  for (int attempt = 1;; ++attempt) {
    auto current = FindRequest(services, reference_or_id);
    if (!current) return current;
    auto change = decide(*current);
    if (!change) return std::unexpected(change.error());
    if (!*change) return current;
    RequestChange& decided = **change;
    // The change may move the facts (an extension adds days): the priority follows.
    auto actor = decided.events.empty() ? std::string("system") : decided.events.front().actor;
    auto reprioritized = Reprioritize(services, decided.after, actor);
    if (!reprioritized) return std::unexpected(reprioritized.error());
    if (*reprioritized) decided.events.push_back(std::move(**reprioritized));
    // The one place a request's status is committed: an agent that made the request through
    // the Data Rights Protocol is told in the same transaction, so no callback is ever lost.
    if (auto told = QueueDrpCallback(services, *current, decided); !told) {
      return std::unexpected(told.error());
    }
    // A change that closes the request carries the consumer's survey link (app/feedback.h).
    if (auto invited = InviteFeedbackOnClose(services, *current, decided); !invited) {
      return std::unexpected(invited.error());
    }
    auto applied = services.requests.Apply(decided);
    if (applied || applied.error().code() != ErrorCode::kConflict || attempt == kAttempts) {
      return applied;
    }
  }
}

Result<Request> FindRequest(const Services& services, std::string_view reference_or_id) {
  auto found = LooksLikeReference(reference_or_id)
                   ? services.requests.FindByReference(reference_or_id)
                   : services.requests.FindById(reference_or_id);
  if (!found && found.error().code() == ErrorCode::kNotFound) {
    return Fail(ErrorCode::kNotFound, "no request " + std::string(reference_or_id));
  }
  return found;
}

Result<Request> RecordOnRequest(const Services& services, std::string_view request_id,
                                AuditEventDraft event, std::vector<NoticeDraft> notices) {
  return ChangeRequestIfNeeded(
      services, request_id, [&](const Request& now) -> Result<std::optional<RequestChange>> {
        RequestChange change{.after = now, .expected_version = now.version};
        change.after.updated_at = services.clock.Now();
        AuditEventDraft recorded = event;
        recorded.request_id = now.id;
        recorded.at = services.clock.Now();
        change.events.push_back(std::move(recorded));
        for (NoticeDraft notice : notices) {
          notice.request_id = now.id;
          change.notices.push_back(std::move(notice));
        }
        return change;
      });
}

namespace {

// A request is complete only when every system is done, those worked by hand included.
Result<void> CheckNoOpenTask(const Services& services, const Request& request) {
  if (services.fulfilment == nullptr) return {};
  auto tasks = services.fulfilment->TasksOf(request.id);
  if (!tasks) return std::unexpected(tasks.error());
  for (const auto& task : *tasks) {
    if (task.status == "open") {
      return Fail(ErrorCode::kFailedPrecondition,
                  request.reference + " cannot complete: the manual task for " + task.system +
                      " (" + task.owner + ") is still open");
    }
  }
  return {};
}

Result<void> CheckFulfilled(const Services& services, const Request& request) {
  if (!services.fulfilment_required) return {};
  auto events = services.requests.EventsOf(request.id);
  if (!events) return std::unexpected(events.error());
  return CheckFulfilmentRecorded(request, *events);
}

}  // namespace

Result<Request> TransitionTo(const Services& services, std::string_view reference_or_id,
                             std::string_view to, std::string_view reason, std::string_view actor,
                             std::string_view basis) {
  auto status = ParseStatus(to);
  if (!status) {
    return Fail(ErrorCode::kInvalidArgument,
                "unknown status '" + std::string(to) + "' (one of: " + StatusNames() + ")", "/to");
  }
  std::optional<DenialBasis> denial_basis;
  if (!basis.empty()) {
    denial_basis = ParseDenialBasis(basis);
    if (!denial_basis) {
      return Fail(ErrorCode::kInvalidArgument,
                  "unknown basis '" + std::string(basis) + "' (one of: " + DenialBasisNames() + ")",
                  "/basis");
    }
  }
  return ChangeRequest(
      services, reference_or_id, [&](const Request& request) -> Result<RequestChange> {
        if (*status == Status::kCompleted) {
          if (auto open = CheckNoOpenTask(services, request); !open) {
            return std::unexpected(open.error());
          }
          if (auto done = CheckFulfilled(services, request); !done) {
            return std::unexpected(done.error());
          }
        }
        auto change =
            TransitionRequest(request, *status, reason, actor, services.clock.Now(), denial_basis);
        // The staff's reason is internal: the consumer is told the new status in plain words.
        if (change && services.ruleset.business().status_updates.contains(*status)) {
          change->notices.push_back({.request_id = request.id,
                                     .kind = "status_update",
                                     .params = {{"status", Name(*status)}}});
        }
        return change;
      });
}

Result<Request> Extend(const Services& services, std::string_view reference_or_id,
                       std::string_view reason, std::string_view actor) {
  return ChangeRequest(
      services, reference_or_id, [&](const Request& request) -> Result<RequestChange> {
        auto zone = services.ruleset.TimeZoneFor(request.jurisdiction);
        if (!zone) return std::unexpected(zone.error());
        Instant now = services.clock.Now();
        auto today = services.zones.LocalDate(*zone, now);
        if (!today) return std::unexpected(today.error());
        Instant extended_due = request.due_at;
        if (request.deadlines.extended_respond_by) {
          auto end = services.zones.EndOfDay(*zone, *request.deadlines.extended_respond_by);
          if (!end) return std::unexpected(end.error());
          extended_due = *end;
        }
        return ExtendRequest(request, reason, actor, now, *today, extended_due);
      });
}

Result<Request> AddNote(const Services& services, std::string_view reference_or_id,
                        std::string_view note, std::string_view actor) {
  return ChangeRequest(services, reference_or_id, [&](const Request& request) {
    return NoteRequest(request, note, actor, services.clock.Now());
  });
}

Result<Request> TickPlaybook(const Services& services, const Playbooks& playbooks,
                             std::string_view reference_or_id, std::string_view step_id, bool done,
                             std::string_view actor) {
  return ChangeRequestIfNeeded(
      services, reference_or_id,
      [&](const Request& request) -> Result<std::optional<RequestChange>> {
        const Playbook* playbook = playbooks.For(request.type);
        if (playbook == nullptr) {
          return Fail(ErrorCode::kNotFound,
                      "there is no playbook for " + std::string(Name(request.type)));
        }
        auto events = services.requests.EventsOf(request.id);
        if (!events) return std::unexpected(events.error());
        return TickPlaybookStep(request, *playbook, *events, step_id, done, actor,
                                services.clock.Now());
      });
}

Result<Request> Assign(const Services& services, std::string_view reference_or_id,
                       std::string_view assignee, std::string_view actor) {
  return ChangeRequest(services, reference_or_id, [&](const Request& request) {
    return AssignRequest(request, assignee, actor, services.clock.Now());
  });
}

Result<store::RequestPage> ListQueue(const Services& services, const QueueFilter& filter) {
  store::RequestQuery query{.limit = filter.limit, .after = filter.after};
  if (!filter.status.empty()) {
    query.status = ParseStatus(filter.status);
    if (!query.status) {
      return Fail(ErrorCode::kInvalidArgument,
                  "unknown status '" + filter.status + "' (one of: " + StatusNames() + ")",
                  "/status");
    }
  }
  if (!filter.type.empty()) {
    query.type = ParseRequestType(filter.type);
    if (!query.type) {
      return Fail(ErrorCode::kInvalidArgument,
                  "unknown request type '" + filter.type + "' (one of: " + RequestTypeNames() + ")",
                  "/type");
    }
  }
  if (filter.overdue) query.overdue_at = services.clock.Now();
  if (!filter.q.empty()) {
    if (LooksLikeReference(filter.q)) {
      // A reference names at most one request: the page is that request, if it passes the
      // other filters.
      store::RequestPage page;
      auto found = services.requests.FindByReference(filter.q);
      if (!found && found.error().code() != ErrorCode::kNotFound) {
        return std::unexpected(found.error());
      }
      bool passes = found && (!query.status || found->status == *query.status) &&
                    (!query.type || found->type == *query.type) &&
                    (!query.overdue_at || found->IsOverdue(*query.overdue_at));
      if (passes) page.requests.push_back(std::move(*found));
      return page;
    }
    auto email = NormalizeEmail(filter.q);
    if (!email) {
      return Fail(ErrorCode::kInvalidArgument,
                  "q must be a reference (RD-YYYY-NNNNN) or an email address", "/q");
    }
    query.email = *email;
  }
  return services.requests.List(query);
}

}  // namespace rightsdesk::app
