// TrainingStore: the training workspace's attempts (issue 7 item 5, docs/training.md) — who
// worked which scenario (and which version of it), when, the answers and the score. Attempts
// live apart from requests: nothing a trainee does reaches the request queue, the outbox or a
// data source. They are the evidence of the training policy (§7100), so starting and scoring
// append audit events to the installation's chain in the same transaction.
//
// Implemented by SqliteStore. Thread-safe; a write is durable on success.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::store {

struct TrainingAttempt {
  std::string id;            // "tr_" + random
  std::string staff;         // the trainee's username
  std::string scenario;      // the scenario's id
  int scenario_version = 1;  // the version worked (its expected decisions)
  Instant started_at;
  Date received_on;  // the synthetic request's day 0, fixed when the attempt starts
  std::optional<Instant> finished_at;  // set once, when the answers are scored
  int score = 0;
  int max_score = 0;
  std::map<std::string, std::string> answers;  // decision id -> choice id or date
  bool finished() const { return finished_at.has_value(); }
};

class TrainingStore {
 public:
  virtual ~TrainingStore() = default;

  // Stores a new, unfinished attempt and appends `started` in the same transaction.
  // kAlreadyExists when the id is taken.
  [[nodiscard]] virtual Result<void> StartAttempt(const TrainingAttempt& attempt,
                                                  const AuditEventDraft& started) = 0;

  // kNotFound when there is no such attempt.
  [[nodiscard]] virtual Result<TrainingAttempt> FindAttempt(std::string_view id) const = 0;

  // Records the answers and the score of an unfinished attempt and appends `scored`, in one
  // transaction. kAlreadyExists when it was finished before — decided by the database, so of two
  // concurrent submissions exactly one is kept; kNotFound when there is no such attempt.
  [[nodiscard]] virtual Result<void> FinishAttempt(
      std::string_view id, const std::map<std::string, std::string>& answers, int score,
      int max_score, Instant at, const AuditEventDraft& scored) = 0;

  // Attempts newest first: every trainee's when `staff` is empty, else that trainee's; at most
  // `limit`.
  [[nodiscard]] virtual Result<std::vector<TrainingAttempt>> Attempts(std::string_view staff,
                                                                      std::size_t limit) const = 0;
};

}  // namespace rightsdesk::store
