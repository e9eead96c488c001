// FeedbackStore: the consumer's answer to the survey after a request closed (issue 7 item 4,
// docs/feedback.md): the hash of the survey link's secret (the link itself is only in the
// message that carries it), and at most one answer per request — a score of 1 to 5 and an optional
// comment. The comment is personal data: sealed at rest, and erased by the retention purge
// (RequestStore::PurgePersonalData), which keeps the score.
//
// Implemented by SqliteStore. Thread-safe; a write is durable on success.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_event.h"
#include "core/channel.h"
#include "core/error.h"
#include "core/request_type.h"
#include "core/status.h"
#include "core/time.h"

namespace rightsdesk::store {

// One answer with what the reports group it by: the request's type, channel and final status.
struct FeedbackAnswer {
  std::string request_id;
  std::string reference;
  RequestType type = RequestType::kAccess;
  Channel channel = Channel::kWeb;
  Status status = Status::kCompleted;
  int score = 1;
  std::string comment;  // "" when none was given or it was erased
  bool comment_erased = false;
  Instant answered_at;
};

class FeedbackStore {
 public:
  virtual ~FeedbackStore() = default;

  // Keeps the hash of a survey link's secret for the request, replacing an earlier one (a
  // request closes once; a retried close makes a new link). Never touches an answer.
  [[nodiscard]] virtual Result<void> RecordInvite(std::string_view request_id, const Hash& secret,
                                                  Instant at) = 0;

  // The hash kept for the request's survey link; nullopt when none was sent (or it was purged).
  [[nodiscard]] virtual Result<std::optional<Hash>> InviteOf(std::string_view request_id) const = 0;

  // Stores the answer (the comment sealed) and appends `answered` (built by the caller, with no
  // personal data) in the same transaction. kAlreadyExists when the request was answered
  // before — decided by the database, so of two concurrent answers exactly one is kept.
  [[nodiscard]] virtual Result<void> RecordAnswer(std::string_view request_id, int score,
                                                  std::string_view comment, Instant at,
                                                  const AuditEventDraft& answered) = 0;

  // Whether the request has an answer.
  [[nodiscard]] virtual Result<bool> HasAnswer(std::string_view request_id) const = 0;

  // Every answer, newest first, at most `limit`, comments opened. kDataLoss when a comment no
  // longer opens with the installation's key.
  [[nodiscard]] virtual Result<std::vector<FeedbackAnswer>> Answers(std::size_t limit) const = 0;
};

}  // namespace rightsdesk::store
