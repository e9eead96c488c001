#include "app/rule_reviews.h"

namespace rightsdesk::app {
namespace {

using nlohmann::json;
constexpr std::string_view kReviewMailJob = "review-reminders";
constexpr std::string_view kReviewMailActor = "system:outbox";
constexpr int kReviewMailBatch = 50;

AuditEventDraft ReviewEvent(std::string_view actor, std::string_view action, Instant at,
                            json details) {
  return {.actor = std::string(actor),
          .action = std::string(action),
          .at = at,
          .details = std::move(details)};
}

// The address a reminder goes to: the owner's own, else the team's, else none.
std::optional<std::string> ReminderAddress(const ReviewItem& item,
                                           const ReviewReminderSettings& settings) {
  if (OwnerIsEmail(item.owner)) return item.owner;
  if (!settings.team_email.empty()) return settings.team_email;
  return std::nullopt;
}

Result<messaging::EmailMessage> ComposeReviewReminder(const store::QueuedReviewReminder& reminder,
                                                      const ReviewItem& item,
                                                      const messaging::MailTemplates& templates,
                                                      const DeliverySettings& settings) {
  json context = {{"business", settings.business},
                  {"title", item.title},
                  {"kind", Name(item.kind)},
                  {"source", item.source},
                  {"owner", item.owner},
                  {"due_on", FormatDate(item.due_on)},
                  {"item", item.id},
                  {"console_url", settings.public_url + "/console/reviews"},
                  {"stage_" + std::string(Name(reminder.stage)), true}};
  auto mail = templates.Render({.kind = "review_reminder", .language = "en"}, context);
  if (!mail) return std::unexpected(mail.error());
  std::string domain = settings.from_address.substr(settings.from_address.find('@') + 1);
  return messaging::EmailMessage{
      .from_address = settings.from_address,
      .from_name = settings.from_name.empty() ? settings.business : settings.from_name,
      .to_address = reminder.to,
      .subject = std::move(mail->subject),
      .text = std::move(mail->text),
      .message_id = "rvw-" + std::to_string(reminder.id) + "@" + domain};
}

// Sends one reminder and records the outcome; errors are the store's only.
Result<void> SendReviewReminder(store::ReviewStore& reviews, const Clock& clock,
                                const messaging::MailTemplates& templates,
                                messaging::Mailer& mailer, const DeliverySettings& settings,
                                const store::QueuedReviewReminder& reminder,
                                ReviewMailReport& report) {
  auto item = reviews.FindReviewItem(reminder.item_id);
  if (!item) return std::unexpected(item.error());
  const Instant now = clock.Now();
  Result<void> sent;
  auto message = ComposeReviewReminder(reminder, *item, templates, settings);
  sent = message ? mailer.Send(*message) : Result<void>(std::unexpected(message.error()));
  json details = {{"item", reminder.item_id},
                  {"stage", Name(reminder.stage)},
                  {"attempt", reminder.attempts + 1}};
  if (sent) {
    ++report.sent;
    return reviews.RecordReviewReminderAttempt(
        reminder.id, true, false, "", now,
        ReviewEvent(kReviewMailActor, "review.reminder_sent", now, details));
  }
  const std::string why = sent.error().message();
  const bool temporary = sent.error().code() == ErrorCode::kUnavailable;
  if (temporary && reminder.attempts + 1 < settings.max_attempts) {
    ++report.retried;
    return reviews.RecordReviewReminderAttempt(reminder.id, false, false, why, now, std::nullopt);
  }
  ++report.failed;
  details["error"] = why;
  return reviews.RecordReviewReminderAttempt(
      reminder.id, false, true, why, now,
      ReviewEvent(kReviewMailActor, "review.reminder_failed", now, details));
}

}  // namespace

Result<ReviewItem> AddReviewItem(store::ReviewStore& reviews, const Clock& clock,
                                 const NewReviewItem& input, std::string_view actor) {
  auto kind = ParseReviewKind(input.kind);
  if (!kind) {
    return Fail(ErrorCode::kInvalidArgument, "the kind must be legal or technical", "/kind");
  }
  auto due = ParseDate(input.due_on);
  if (!due) return Fail(ErrorCode::kInvalidArgument, "the due date must be YYYY-MM-DD", "/due_on");
  const Instant now = clock.Now();
  ReviewItem item{.kind = *kind,
                  .title = input.title,
                  .source = input.source,
                  .owner = input.owner,
                  .due_on = *due,
                  .created_by = std::string(actor),
                  .created_at = now};
  if (auto ok = CheckNewReviewItem(item); !ok) return std::unexpected(ok.error());
  return reviews.AddReviewItem(item, ReviewEvent(actor, "review.added", now,
                                                 {{"kind", Name(item.kind)},
                                                  {"title", item.title},
                                                  {"due_on", FormatDate(item.due_on)}}));
}

Result<ReviewItem> CompleteReviewItem(store::ReviewStore& reviews, const Clock& clock,
                                      std::int64_t id, std::string_view note,
                                      std::string_view actor) {
  if (note.empty() || note.size() > 4000) {
    return Fail(ErrorCode::kInvalidArgument,
                "say what the review found (a note of at most 4000 characters)", "/note");
  }
  const Instant now = clock.Now();
  return reviews.CompleteReviewItem(id, actor, now, note,
                                    ReviewEvent(actor, "review.done", now, {{"item", id}}));
}

Result<int> RemindReviewItems(store::ReviewStore& reviews, const Clock& clock, Date today,
                              const ReviewReminderSettings& settings, std::string_view actor) {
  auto open = reviews.ReviewItems(ReviewStatus::kOpen);
  if (!open) return std::unexpected(open.error().WithContext("listing review items"));
  int recorded = 0;
  for (const ReviewItem& item : *open) {
    auto stage = ReviewReminderDue(item, today, settings.due_soon_days);
    if (!stage) continue;
    const Instant now = clock.Now();
    std::optional<std::string> to = ReminderAddress(item, settings);
    json details = {{"item", item.id},
                    {"stage", Name(*stage)},
                    {"due_on", FormatDate(item.due_on)},
                    {"sent_to", !to ? "nobody" : (OwnerIsEmail(item.owner) ? "owner" : "team")}};
    auto done = reviews.RecordReviewReminder(item.id, *stage, to, now,
                                             ReviewEvent(actor, "review.reminded", now, details));
    if (!done) {
      return std::unexpected(
          done.error().WithContext("reminding review item " + std::to_string(item.id)));
    }
    recorded += *done ? 1 : 0;
  }
  return recorded;
}

Result<ReviewMailReport> DeliverReviewReminders(
    store::ReviewStore& reviews, store::JobStore& jobs, const Clock& clock,
    const messaging::MailTemplates& templates, messaging::Mailer& mailer,
    const DeliverySettings& settings, std::string_view holder, const std::atomic<bool>* stop) {
  ReviewMailReport report;
  const Instant now = clock.Now();
  auto lease = jobs.TakeJob(kReviewMailJob, holder, now, now + settings.lease);
  if (!lease) return std::unexpected(lease.error());
  if (!*lease) return report;
  auto run = [&]() -> Result<void> {
    auto due = reviews.PendingReviewReminders(kReviewMailBatch);
    if (!due) return std::unexpected(due.error().WithContext("listing review reminders"));
    for (const store::QueuedReviewReminder& reminder : *due) {
      if (stop != nullptr && stop->load()) break;
      auto done = SendReviewReminder(reviews, clock, templates, mailer, settings, reminder, report);
      if (!done) return done;
    }
    return {};
  };
  auto ran = run();
  auto released = jobs.ReleaseJob(kReviewMailJob, holder, std::nullopt);
  if (!ran) return std::unexpected(ran.error());
  if (!released) return std::unexpected(released.error());
  return report;
}

}  // namespace rightsdesk::app
