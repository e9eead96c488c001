// The rule review checklist (issue 7, "Rule reviews"): the legal and technical updates someone
// must check against the rules table and calendars (a regulation amended, a new state law, next
// year's holidays), each with an owner and a due date, and the reminders the scheduler sends as
// the due date nears and passes. Values and pure rules only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"

namespace rightsdesk {

enum class ReviewKind {
  kLegal,      // a statute, regulation, guidance or ruling that may change the rules
  kTechnical,  // a calendar, a template, a data source: what the rules are applied with
};

enum class ReviewStatus { kOpen, kDone };

// The reminders an open item gets, each at most once.
enum class ReviewReminderStage {
  kDueSoon,  // the due date is within the configured number of days (today included)
  kOverdue,  // the due date has passed
};

std::string_view Name(ReviewKind kind);
std::optional<ReviewKind> ParseReviewKind(std::string_view name);
std::string_view Name(ReviewStatus status);
std::optional<ReviewStatus> ParseReviewStatus(std::string_view name);
std::string_view Name(ReviewReminderStage stage);
std::optional<ReviewReminderStage> ParseReviewReminderStage(std::string_view name);

struct ReviewItem {
  std::int64_t id = 0;  // given by the store
  ReviewKind kind = ReviewKind::kLegal;
  std::string title;   // "CPPA regulations amendments 2026"
  std::string source;  // citation or link to what is to be reviewed ("" when none yet)
  std::string owner;   // a staff username or an email address
  Date due_on;
  ReviewStatus status = ReviewStatus::kOpen;
  std::string created_by;
  Instant created_at;
  std::string done_by;  // set when done
  std::optional<Instant> done_at;
  std::string note;  // what the review found (set when done)
  bool reminded_due_soon = false;
  bool reminded_overdue = false;
};

// The default number of days before the due date at which the "due soon" reminder goes.
inline constexpr int kDefaultReviewDueSoonDays = 14;

// Checks a new item: a title (at most 200 characters), an owner that is an email address or a
// staff username (a-z 0-9 . _ -), a source without line breaks. kInvalidArgument naming the field.
Result<void> CheckNewReviewItem(const ReviewItem& item);

// Whether `owner` is an email address (the reminder goes there) rather than a staff username.
bool OwnerIsEmail(std::string_view owner);

// The reminder due for `item` today, if any: kOverdue once the due date has passed, else
// kDueSoon within `due_soon_days` of it; nothing for a done item or a stage already reminded. A
// worker that missed the due-soon days sends only the overdue reminder: it is the one that counts.
std::optional<ReviewReminderStage> ReviewReminderDue(const ReviewItem& item, Date today,
                                                     int due_soon_days);

}  // namespace rightsdesk
