// The rule review checklist (issue 7, "Rule reviews"; docs/rules.md "Review checklist"): staff
// add the legal and technical updates to review against the rules table and calendars, each with
// an owner and a due date, and mark them done with what they found. The scheduler's daily job
// reminds the owner (or the team, for an owner who is a staff username) when an item is due
// within `due_soon_days` and again once it is overdue, each at most once; the worker sends those
// reminders by email. Every change and every reminder is an audit event.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/outbox_delivery.h"
#include "core/review_item.h"
#include "core/time.h"
#include "messaging/mail_templates.h"
#include "messaging/mailer.h"
#include "store/job_store.h"
#include "store/review_store.h"

namespace rightsdesk::app {

// What staff give for a new item.
struct NewReviewItem {
  std::string kind;  // "legal" or "technical"
  std::string title;
  std::string source;
  std::string owner;   // an email address or a staff username
  std::string due_on;  // YYYY-MM-DD
};

// Adds an open item, audited as "review.added". kInvalidArgument naming the field.
Result<ReviewItem> AddReviewItem(store::ReviewStore& reviews, const Clock& clock,
                                 const NewReviewItem& input, std::string_view actor);

// Marks an item done with what the review found (`note`, required), audited as "review.done".
// kInvalidArgument without a note; kNotFound; kFailedPrecondition when done already.
Result<ReviewItem> CompleteReviewItem(store::ReviewStore& reviews, const Clock& clock,
                                      std::int64_t id, std::string_view note,
                                      std::string_view actor);

struct ReviewReminderSettings {
  int due_soon_days = kDefaultReviewDueSoonDays;  // 0: only on the due date itself
  std::string team_email;  // for owners who are staff usernames ("": audit events only)
};

// The daily reminders: for every open item, the stage due `today` (core/review_item.h) is
// recorded with a "review.reminded" event and, when there is an address, an email queued.
// Returns how many reminders were recorded; a stage is recorded once even when called again or
// by two workers at once (the store decides).
Result<int> RemindReviewItems(store::ReviewStore& reviews, const Clock& clock, Date today,
                              const ReviewReminderSettings& settings, std::string_view actor);

struct ReviewMailReport {
  int sent = 0;
  int retried = 0;
  int failed = 0;
};

// Sends the queued reminders (web/mail/review_reminder.en.mustache), holding the
// "review-reminders" job's lease so two workers never send the same one; nothing when another
// worker holds it. A temporary failure is retried at the next pass, up to settings.max_attempts;
// each outcome is an audit event ("review.reminder_sent", "review.reminder_failed").
Result<ReviewMailReport> DeliverReviewReminders(store::ReviewStore& reviews, store::JobStore& jobs,
                                                const Clock& clock,
                                                const messaging::MailTemplates& templates,
                                                messaging::Mailer& mailer,
                                                const DeliverySettings& settings,
                                                std::string_view holder,
                                                const std::atomic<bool>* stop = nullptr);

}  // namespace rightsdesk::app
