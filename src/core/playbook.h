// Playbooks (issue 7 item 5, docs/training.md): the steps of handling a request of each type, shown
// as a checklist on the request page. A step is ticked either by the work itself — the audit event
// that proves it (the acknowledgment sent, the identity verified, the request completed) — or,
// when no event proves it (say, "checked the exceptions"), by staff, which records its own audit
// event. The trail is the only state: a checklist is recomputed from a request's events, so it
// can never disagree with what was done, and the ticks are as tamper-evident as the rest.
// Pure: no I/O.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/request.h"
#include "core/request_type.h"
#include "core/time.h"

namespace rightsdesk {

// The audit actions of a staff tick and of taking it back; details {"step": id}.
inline constexpr std::string_view kPlaybookStepDone = "playbook.step_done";
inline constexpr std::string_view kPlaybookStepReopened = "playbook.step_reopened";

// An audit event that proves a step done: its action, and values its details must hold, written
// as text (action "notice.sent" with {"kind": "acknowledgment"}; {"all_verified": "true"}).
struct EventMatch {
  std::string action;
  std::map<std::string, std::string, std::less<>> details;
  bool Matches(const AuditEvent& event) const;
};

struct PlaybookStep {
  std::string id;     // unique within its playbook: [a-z0-9_-]+
  std::string title;  // what to do, in a line
  std::string hint;   // why or how (the rule behind it), may be empty
  // The events that prove the step done (any of them); empty: staff tick it by hand.
  std::vector<EventMatch> done_when;
  bool manual() const { return done_when.empty(); }
};

struct Playbook {
  RequestType type = RequestType::kAccess;
  std::string title;
  std::vector<PlaybookStep> steps;
  const PlaybookStep* Find(std::string_view step_id) const;
};

// Where one step stands on a request.
struct StepProgress {
  const PlaybookStep* step = nullptr;
  bool done = false;
  std::string by;  // the event's actor ("outbox", "staff:alice"), empty when not done
  std::optional<Instant> at;
};

// Each step of `playbook` against the request's events, in the playbook's order. A proved step
// is done from its first proving event on; a manual step follows its latest tick or reopening.
std::vector<StepProgress> PlaybookProgress(const Playbook& playbook,
                                           std::span<const AuditEvent> events);

// The playbooks of every request type (loaded from rules/playbooks.toml and a company's own).
class Playbooks {
 public:
  // Adds or replaces the playbook of its type.
  void Put(Playbook playbook);
  const Playbook* For(RequestType type) const;
  bool empty() const { return by_type_.empty(); }

 private:
  std::map<RequestType, Playbook> by_type_;
};

// Staff tick (`done`) or reopen a manual step of the request's playbook: the change that records
// it, or nullopt when the step already stands so (nothing to record). kInvalidArgument when the
// playbook has no such step or the work itself proves it (only manual steps are ticked);
// kFailedPrecondition when the request is closed.
Result<std::optional<RequestChange>> TickPlaybookStep(const Request& request,
                                                      const Playbook& playbook,
                                                      std::span<const AuditEvent> events,
                                                      std::string_view step_id, bool done,
                                                      std::string_view actor, Instant now);

// The details of a staff tick or reopening of `step_id`.
nlohmann::json PlaybookTickDetails(std::string_view step_id);

// A step id's spelling: 1–40 of [a-z0-9_-].
bool IsPlaybookStepId(std::string_view id);

}  // namespace rightsdesk
