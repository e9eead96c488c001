// The scheduler's rules (issue 6), as pure functions: which once-only steps are due for an open
// request today. A step is due on its day and, if the scheduler did not run that day, on the next
// run; a reminder made stale by a later one is skipped rather than sent late. Each step carries a
// mark that the request keeps once the step is taken (Request::scheduler_marks), so that a second
// worker, or a worker restarted after a crash, never takes it twice. Marks name the date they
// count from, so an extension (a new due date) brings new reminders.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/request.h"
#include "core/rules.h"

namespace rightsdesk {

struct ScheduleSettings {
  // The team's own goal: answer this many calendar days before the legal due date.
  int target_days_before_due = 5;
  // Reminders to the team this many days before that goal (any order; 0 or less ignored).
  std::vector<int> reminder_days = {10, 3};
  // A prompt to decide on an extension this many days before the first due date (0: none).
  int extension_prompt_days = 5;
  // A request still pending verification this many days after receipt is closed as unverified,
  // and the consumer told (0: never).
  int verification_expiry_days = 30;
};

enum class StepKind {
  kReminder,               // the internal target is near
  kTargetMissed,           // the internal target passed, the legal date not yet
  kDeadlineMissed,         // the legal due date passed
  kAcknowledgmentOverdue,  // the acknowledgment is due today and has not gone out
  kExtensionPrompt,        // decide now whether to extend: the first due date is near
  kVerificationExpired,    // the consumer never completed verification
};

std::string_view Name(StepKind kind);

struct DueStep {
  StepKind kind = StepKind::kReminder;
  std::string mark;  // e.g. "reminder:10:2027-01-09" (days before, the target)
  int days = 0;      // a reminder's days before the target
  Date target;       // the date the step counts from (target, due date, acknowledgment date)
};

// What the caller knows about the request beyond its row.
struct ScheduleFacts {
  Date today;                  // in the request's jurisdiction's time zone
  const Rule* rule = nullptr;  // the rule the request's deadlines come from (may be null)
  // Whether the acknowledgment has gone out; only asked when AcknowledgmentMatters is true.
  bool acknowledgment_sent = true;
};

// The team's internal target for the request's current due date.
Date InternalTarget(const Request& request, const ScheduleSettings& settings);

// True when the request's acknowledgment is due by today and its alarm not yet raised: the
// caller then finds out whether the acknowledgment went out (ScheduleFacts::acknowledgment_sent).
bool AcknowledgmentMatters(const Request& request, Date today);

// The steps due today and not yet taken, at most one of each kind. None for a closed request.
std::vector<DueStep> DueSteps(const Request& request, const ScheduleSettings& settings,
                              const ScheduleFacts& facts);

}  // namespace rightsdesk
