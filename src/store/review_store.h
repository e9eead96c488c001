// ReviewStore: the rule review checklist (core/review_item.h) and the reminders the scheduler
// queues for it. An item's reminder marks, its audit events and its queued reminder are written
// in one transaction, and a mark is set only where it was not set yet: of two workers reminding
// the same item at once, exactly one records the reminder.
//
// Implemented by SqliteStore. Thread-safe; a write is durable on success.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/review_item.h"
#include "core/time.h"

namespace rightsdesk::store {

// A reminder queued for delivery by email.
struct QueuedReviewReminder {
  std::int64_t id = 0;
  std::int64_t item_id = 0;
  ReviewReminderStage stage = ReviewReminderStage::kDueSoon;
  std::string to;  // the owner's or the team's address
  int attempts = 0;
};

class ReviewStore {
 public:
  virtual ~ReviewStore() = default;

  // Stores a new open item and appends `added` with the item's id put in its details ("item"),
  // in one transaction. Returns the item with its id.
  [[nodiscard]] virtual Result<ReviewItem> AddReviewItem(const ReviewItem& item,
                                                         const AuditEventDraft& added) = 0;

  // The item; kNotFound when there is none with this id.
  [[nodiscard]] virtual Result<ReviewItem> FindReviewItem(std::int64_t id) const = 0;

  // Items, open ones by due date first, then done ones (most recently done first); only those
  // with `status` when given.
  [[nodiscard]] virtual Result<std::vector<ReviewItem>> ReviewItems(
      std::optional<ReviewStatus> status) const = 0;

  // Marks an open item done by `by` at `at` with `note`, appending `done`, in one transaction.
  // kNotFound for an unknown id; kFailedPrecondition when it is done already.
  [[nodiscard]] virtual Result<ReviewItem> CompleteReviewItem(std::int64_t id, std::string_view by,
                                                              Instant at, std::string_view note,
                                                              const AuditEventDraft& done) = 0;

  // Records `stage`'s reminder of an open item: sets its mark, appends `reminded` and, when `to`
  // is given, queues an email to it. False (and nothing written) when the mark was set already
  // or the item is no longer open.
  [[nodiscard]] virtual Result<bool> RecordReviewReminder(std::int64_t id,
                                                          ReviewReminderStage stage,
                                                          const std::optional<std::string>& to,
                                                          Instant at,
                                                          const AuditEventDraft& reminded) = 0;

  // Queued reminders not sent yet, oldest first, at most `limit`.
  [[nodiscard]] virtual Result<std::vector<QueuedReviewReminder>> PendingReviewReminders(
      int limit) const = 0;

  // The outcome of a delivery attempt: `sent` marks it sent; otherwise `failed_for_good` marks it
  // failed, and a temporary failure counts an attempt and leaves it pending. `event` (no personal
  // data) is appended in the same transaction when given.
  [[nodiscard]] virtual Result<void> RecordReviewReminderAttempt(
      std::int64_t reminder_id, bool sent, bool failed_for_good, std::string_view error, Instant at,
      const std::optional<AuditEventDraft>& event) = 0;
};

}  // namespace rightsdesk::store
