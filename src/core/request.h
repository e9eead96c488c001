// A privacy-rights request as the ledger holds it, and the changes that move it along.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_event.h"
#include "core/channel.h"
#include "core/deadlines.h"
#include "core/denial_basis.h"
#include "core/priority.h"
#include "core/request_type.h"
#include "core/status.h"
#include "core/subject.h"
#include "core/time.h"

namespace rightsdesk {

struct Request {
  std::string id;         // internal, random (UUID v4 text)
  std::string reference;  // human reference "RD-2026-00042", assigned when stored
  RequestType type = RequestType::kAccess;
  Status status = Status::kReceived;
  Channel channel = Channel::kWeb;
  Priority priority = Priority::kMedium;
  std::vector<std::string> priority_reasons;  // why, in the rules' words (priority_rules.h)
  std::string jurisdiction;
  std::string language = "en";
  SubjectIdentifiers subject;  // personal: sealed at rest
  std::string message;         // personal: sealed at rest
  AuthorizedAgent agent;       // who acts for the consumer, if anyone; sealed with the subject
  Instant received_at;
  Date received_on;  // day 0, in the jurisdiction's business time zone
  Deadlines deadlines;
  bool extended = false;
  bool on_hold = false;
  Instant due_at;  // the last moment of the current due date (respond_by or the extended date)
  std::string assignee;
  std::int64_t version = 0;  // bumped by every stored change (optimistic concurrency)
  Instant updated_at;
  std::optional<Instant> closed_at;
  // When its personal data was erased at the end of the retention period (the minimal record
  // stays); set only by RequestStore::PurgePersonalData.
  std::optional<Instant> purged_at;
  // The id of the open request this one repeats, when intake closed it as closed_duplicate
  // (core/duplicates.h); empty otherwise. Not personal; set once, at intake.
  std::string duplicate_of;
  // Why it was denied, as §7102 splits denials (core/denial_basis.h): set by the change that
  // denies it; none otherwise (closed_unverified is unverifiable by its status).
  std::optional<DenialBasis> denial_basis;
  // Hash of the consumer's secret status link (all zero: none). The link itself is never stored.
  Hash status_token_hash{};
  // The scheduler's once-only steps already taken for this request (core/schedule.h), e.g.
  // "reminder:10:2027-01-09". Written in the same change as the step's events and messages.
  std::vector<std::string> scheduler_marks;

  // The date the answer is due now: the extended date once extended, else respond_by.
  Date DueDate() const {
    return extended && deadlines.extended_respond_by ? *deadlines.extended_respond_by
                                                     : deadlines.respond_by;
  }
  bool IsOverdue(Instant now) const { return !IsTerminal(status) && now > due_at; }
};

// A message to the consumer that must go out because of a change (acknowledgment, extension
// notice, ...). Stored in the outbox in the same transaction as the change, so it is never lost.
// `params` may hold personal data: the store seals it.
struct NoticeDraft {
  std::string request_id;
  std::string kind;  // "acknowledgment", "extension_notice", "status_update"
  nlohmann::json params = nlohmann::json::object();
};

// One atomic change to a stored request: its new state, the events that record it and the
// notices it queues. The store refuses it (kConflict) if the request moved past
// `expected_version` in the meantime.
struct RequestChange {
  Request after;
  std::int64_t expected_version = 0;
  std::vector<AuditEventDraft> events;
  std::vector<NoticeDraft> notices;
};

}  // namespace rightsdesk
