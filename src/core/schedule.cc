#include "core/schedule.h"

#include <algorithm>
#include <chrono>

namespace rightsdesk {
namespace {

Date AddDays(Date date, int days) {
  return Date(std::chrono::sys_days(date) + std::chrono::days(days));
}

bool Has(const Request& request, const std::string& mark) {
  return std::ranges::find(request.scheduler_marks, mark) != request.scheduler_marks.end();
}

// Only once the consumer was asked for proof: a request staff never started on is not the
// consumer's fault, and stays for the reminders and escalations.
bool AwaitsVerification(const Request& request) {
  return request.status == Status::kPendingVerification;
}

std::optional<DueStep> Expiry(const Request& request, const ScheduleSettings& settings,
                              const ScheduleFacts& facts) {
  if (settings.verification_expiry_days <= 0 || facts.rule == nullptr ||
      facts.rule->verification == VerificationLevel::kNone || !AwaitsVerification(request)) {
    return std::nullopt;
  }
  Date expires = AddDays(request.received_on, settings.verification_expiry_days);
  if (facts.today < expires) return std::nullopt;
  return DueStep{
      .kind = StepKind::kVerificationExpired, .mark = "verification_expired", .target = expires};
}

// The latest reminder whose day has come (earlier ones it makes stale are skipped).
std::optional<DueStep> Reminder(const Request& request, const ScheduleSettings& settings,
                                Date today, Date target) {
  std::vector<int> days = settings.reminder_days;
  std::ranges::sort(days);
  for (int d : days) {
    if (d <= 0 || today < AddDays(target, -d)) continue;
    std::string mark = "reminder:" + std::to_string(d) + ":" + FormatDate(target);
    if (Has(request, mark)) return std::nullopt;
    return DueStep{
        .kind = StepKind::kReminder, .mark = std::move(mark), .days = d, .target = target};
  }
  return std::nullopt;
}

// Escalation once the target or the legal date has passed, else the reminder due.
std::optional<DueStep> Urgency(const Request& request, const ScheduleSettings& settings,
                               Date today) {
  const Date due = request.DueDate();
  const Date target = InternalTarget(request, settings);
  if (today > due) {
    std::string mark = "deadline_missed:" + FormatDate(due);
    if (Has(request, mark)) return std::nullopt;
    return DueStep{.kind = StepKind::kDeadlineMissed, .mark = std::move(mark), .target = due};
  }
  if (today > target) {
    std::string mark = "target_missed:" + FormatDate(target);
    if (Has(request, mark)) return std::nullopt;
    return DueStep{.kind = StepKind::kTargetMissed, .mark = std::move(mark), .target = target};
  }
  return Reminder(request, settings, today, target);
}

std::optional<DueStep> ExtensionPrompt(const Request& request, const ScheduleSettings& settings,
                                       const ScheduleFacts& facts) {
  const Date first_due = request.deadlines.respond_by;
  if (settings.extension_prompt_days <= 0 || request.extended || facts.rule == nullptr ||
      !facts.rule->extension || facts.today > first_due ||
      facts.today < AddDays(first_due, -settings.extension_prompt_days)) {
    return std::nullopt;
  }
  std::string mark = "extension_prompt:" + FormatDate(first_due);
  if (Has(request, mark)) return std::nullopt;
  return DueStep{.kind = StepKind::kExtensionPrompt, .mark = std::move(mark), .target = first_due};
}

}  // namespace

std::string_view Name(StepKind kind) {
  switch (kind) {
    case StepKind::kReminder:
      return "reminder";
    case StepKind::kTargetMissed:
      return "target_missed";
    case StepKind::kDeadlineMissed:
      return "deadline_missed";
    case StepKind::kAcknowledgmentOverdue:
      return "acknowledgment_overdue";
    case StepKind::kExtensionPrompt:
      return "extension_prompt";
    case StepKind::kVerificationExpired:
      return "verification_expired";
  }
  return "unknown";
}

Date InternalTarget(const Request& request, const ScheduleSettings& settings) {
  return AddDays(request.DueDate(), -std::max(0, settings.target_days_before_due));
}

bool AcknowledgmentMatters(const Request& request, Date today) {
  return !IsTerminal(request.status) && request.deadlines.acknowledge_by &&
         today >= *request.deadlines.acknowledge_by &&
         !Has(request, "acknowledgment_overdue:" + FormatDate(*request.deadlines.acknowledge_by));
}

std::vector<DueStep> DueSteps(const Request& request, const ScheduleSettings& settings,
                              const ScheduleFacts& facts) {
  if (IsTerminal(request.status)) return {};
  // An expired verification closes the request: the other steps no longer apply.
  if (auto expiry = Expiry(request, settings, facts)) return {*expiry};
  std::vector<DueStep> steps;
  if (auto urgency = Urgency(request, settings, facts.today)) steps.push_back(*urgency);
  if (AcknowledgmentMatters(request, facts.today) && !facts.acknowledgment_sent) {
    Date by = *request.deadlines.acknowledge_by;
    steps.push_back({.kind = StepKind::kAcknowledgmentOverdue,
                     .mark = "acknowledgment_overdue:" + FormatDate(by),
                     .target = by});
  }
  if (auto prompt = ExtensionPrompt(request, settings, facts)) steps.push_back(*prompt);
  return steps;
}

}  // namespace rightsdesk
