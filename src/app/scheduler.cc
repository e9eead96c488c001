#include "app/scheduler.h"

#include <algorithm>

#include "app/casework.h"
#include "app/prioritization.h"
#include "app/rule_reviews.h"
#include "app/verification.h"
#include "core/request_actions.h"

namespace rightsdesk::app {
namespace {

using nlohmann::json;
constexpr std::string_view kActor = "system:scheduler";
constexpr std::string_view kStepsJob = "request-steps";
constexpr std::string_view kDailyJob = "daily";
constexpr Status kOpenStatuses[] = {Status::kReceived, Status::kPendingVerification,
                                    Status::kVerified, Status::kInProgress,
                                    Status::kAwaitingReview};

std::string_view ActionOf(StepKind kind) {
  switch (kind) {
    case StepKind::kReminder:
      return "request.reminded";
    case StepKind::kTargetMissed:
    case StepKind::kDeadlineMissed:
      return "request.escalated";
    case StepKind::kAcknowledgmentOverdue:
      return "request.acknowledgment_alarm";
    case StepKind::kExtensionPrompt:
      return "request.extension_prompted";
    case StepKind::kVerificationExpired:
      return "request.verification_expired";
  }
  return "request.scheduled";
}

bool IsEscalation(StepKind kind) {
  return kind == StepKind::kTargetMissed || kind == StepKind::kDeadlineMissed;
}

Result<Date> TodayFor(const Services& services, const Request& request) {
  auto zone = services.ruleset.TimeZoneFor(request.jurisdiction);
  if (!zone) return std::unexpected(zone.error());
  return services.zones.LocalDate(*zone, services.clock.Now());
}

Result<bool> AcknowledgmentSent(const Services& services, const Request& request) {
  auto notices = services.requests.NoticesOf(request.id);
  if (!notices) return std::unexpected(notices.error());
  return std::ranges::any_of(*notices, [](const store::QueuedNotice& n) {
    return n.kind == "acknowledgment" && n.status == "sent";
  });
}

Result<ScheduleFacts> FactsFor(const Services& services, const Request& request) {
  auto today = TodayFor(services, request);
  if (!today) return std::unexpected(today.error());
  ScheduleFacts facts{.today = *today};
  if (auto rule =
          services.ruleset.table().Find(request.jurisdiction, request.type, request.received_on)) {
    facts.rule = *rule;
  }
  if (AcknowledgmentMatters(request, *today)) {
    auto sent = AcknowledgmentSent(services, request);
    if (!sent) return std::unexpected(sent.error());
    facts.acknowledgment_sent = *sent;
  }
  return facts;
}

// What a taken step adds to the change: its audit event, and the team's message.
void AddAlert(const SchedulerSettings& settings, const Request& request, const DueStep& step,
              Instant now, RequestChange& change) {
  json details = {{"step", Name(step.kind)}, {"date", FormatDate(step.target)}};
  if (step.kind == StepKind::kReminder) details["days_before"] = step.days;
  change.events.push_back({.request_id = request.id,
                           .actor = std::string(kActor),
                           .action = std::string(ActionOf(step.kind)),
                           .at = now,
                           .details = details});
  const std::string& to = IsEscalation(step.kind) && !settings.escalation_email.empty()
                              ? settings.escalation_email
                              : settings.team_email;
  if (to.empty()) return;
  json params = {{"to", to},
                 {"language", "en"},
                 {"date", FormatDate(step.target)},
                 {"step_" + std::string(Name(step.kind)), true},
                 {"days_before", step.days}};
  change.notices.push_back({.request_id = request.id, .kind = "staff_alert", .params = params});
}

// Closes an unverified request and tells the consumer (as a staff transition would).
Result<RequestChange> Expire(const Services& services, const SchedulerSettings& settings,
                             const Request& request, Instant now) {
  auto change = TransitionRequest(request, Status::kClosedUnverified,
                                  "verification not completed within " +
                                      std::to_string(settings.schedule.verification_expiry_days) +
                                      " days of receipt",
                                  kActor, now);
  if (change && services.ruleset.business().status_updates.contains(Status::kClosedUnverified)) {
    change->notices.push_back({.request_id = request.id,
                               .kind = "status_update",
                               .params = {{"status", Name(Status::kClosedUnverified)}}});
  }
  return change;
}

struct Taken {
  int steps = 0;
  int expired = 0;
  bool reprioritized = false;
};

// Re-evaluates the priority (days left move as days pass) into the change, with its event when
// the priority moved. True when the priority or its reasons changed.
Result<bool> Reprioritized(const Services& services, RequestChange& change) {
  const std::vector<std::string> reasons = change.after.priority_reasons;
  auto event = Reprioritize(services, change.after, kActor);
  if (!event) return std::unexpected(event.error());
  if (*event) change.events.push_back(std::move(**event));
  return event->has_value() || change.after.priority_reasons != reasons;
}

Result<std::optional<RequestChange>> Decide(const Services& services,
                                            const SchedulerSettings& settings,
                                            const Request& request, bool daily, Taken& taken) {
  taken = {};
  auto facts = FactsFor(services, request);
  if (!facts) return std::unexpected(facts.error());
  const Instant now = services.clock.Now();
  RequestChange change{.after = request, .expected_version = request.version};
  for (const DueStep& step : DueSteps(request, settings.schedule, *facts)) {
    if (step.kind == StepKind::kVerificationExpired) {
      auto expired = Expire(services, settings, request, now);
      if (!expired) return std::unexpected(expired.error());
      change = std::move(*expired);
      ++taken.expired;
    } else {
      AddAlert(settings, request, step, now, change);
      ++taken.steps;
    }
    change.after.scheduler_marks.push_back(step.mark);
    change.after.updated_at = now;
  }
  if (daily && !IsTerminal(change.after.status)) {
    auto moved = Reprioritized(services, change);
    if (!moved) return std::unexpected(moved.error());
    taken.reprioritized = *moved;
  }
  if (change.events.empty() && !taken.reprioritized) return std::optional<RequestChange>();
  return std::optional<RequestChange>(std::move(change));
}

class Pass {
 public:
  Pass(const Services& services, const SchedulerSettings& settings, const std::atomic<bool>* stop)
      : services_(services), settings_(settings), stop_(stop) {}

  // Every open request, status by status, page by page.
  Result<void> VisitOpenRequests(bool daily) {
    for (Status status : kOpenStatuses) {
      store::RequestQuery query{.status = status, .limit = 500};
      for (;;) {
        auto page = services_.requests.List(query);
        if (!page) return std::unexpected(page.error().WithContext("listing open requests"));
        for (const Request& request : page->requests) {
          if (Stopping()) return {};
          Visit(request, daily);
        }
        if (!page->next) break;
        query.after = page->next;
      }
    }
    return {};
  }

  SchedulerReport& report() { return report_; }
  bool Stopping() const { return stop_ != nullptr && stop_->load(); }

 private:
  void Visit(const Request& request, bool daily) {
    Taken taken;
    auto done = ChangeRequestIfNeeded(services_, request.id, [&](const Request& current) {
      return Decide(services_, settings_, current, daily, taken);
    });
    if (!done) {
      if (report_.errors++ == 0) {
        report_.first_error = request.reference + ": " + done.error().message();
      }
      return;
    }
    report_.steps += taken.steps;
    report_.expired += taken.expired;
    report_.reprioritized += taken.reprioritized ? 1 : 0;
  }

  const Services& services_;
  const SchedulerSettings& settings_;
  const std::atomic<bool>* stop_;
  SchedulerReport report_;
};

// Runs `work` holding `job`'s lease; false when another worker holds it.
Result<bool> WithLease(
    store::JobStore& jobs, std::string_view job, std::string_view holder, Instant now,
    const SchedulerSettings& settings,
    const std::function<Result<std::optional<std::string>>(const store::JobLease&)>& work) {
  auto lease = jobs.TakeJob(job, holder, now, now + settings.lease);
  if (!lease) return std::unexpected(lease.error());
  if (!*lease) return false;
  auto ran = work(**lease);
  // Given up even when the work failed, so the next pass (of any worker) can try again.
  auto released = jobs.ReleaseJob(job, holder, ran ? *ran : std::nullopt);
  if (!ran) return std::unexpected(ran.error());
  if (!released) return std::unexpected(released.error());
  return true;
}

// The instant before which a request must have closed for its retention to have run out today:
// closed on D, purged from the day after D + `months` (a day that does not exist in a short month
// is its month's last).
Result<Instant> RetentionCutoff(const Services& services, Date today, int months) {
  using namespace std::chrono;
  year_month_day back = today - std::chrono::months(months);
  if (!back.ok()) back = back.year() / back.month() / last;
  const Date last_closing_day = Date(sys_days(back) - days(1));
  return services.zones.EndOfDay(services.ruleset.business().time_zone, last_closing_day);
}

// Erases the personal data of the requests whose retention ran out, a batch at a time.
Result<int> PurgeExpiredRequests(const Services& services, const SchedulerSettings& settings,
                                 Date today, const std::atomic<bool>* stop) {
  if (settings.request_retention_months <= 0) return 0;
  auto cutoff = RetentionCutoff(services, today, settings.request_retention_months);
  if (!cutoff) return std::unexpected(cutoff.error());
  constexpr std::size_t kBatch = 500;
  int purged = 0;
  for (;;) {
    auto due = services.requests.ClosedBefore(*cutoff, kBatch);
    if (!due) return std::unexpected(due.error().WithContext("finding requests to purge"));
    for (const std::string& id : *due) {
      if (stop != nullptr && stop->load()) return purged;
      const Instant now = services.clock.Now();
      auto done = services.requests.PurgePersonalData(
          id, now,
          {.request_id = id,
           .actor = std::string(kActor),
           .action = "request.purged",
           .at = now,
           .details = {{"retention_months", settings.request_retention_months}}});
      if (!done) return std::unexpected(done.error());
      purged += *done ? 1 : 0;
    }
    if (due->size() < kBatch) return purged;
  }
}

// Identity documents left undecided by a request that moved on (§7060), and the uses of account
// tokens that can no longer be replayed.
Result<void> ForgetProofsNoLongerNeeded(const Services& services, const SchedulerSettings& settings,
                                        Instant now, SchedulerReport& report) {
  if (services.verification == nullptr) return {};
  auto erased = EraseIdentityDocumentsLeftUndecided(services, kActor);
  if (!erased) return std::unexpected(erased.error());
  report.identity_documents_erased = *erased;
  auto forgotten = services.verification->ForgetAccountTokenUses(now - settings.token_leeway);
  if (!forgotten) return std::unexpected(forgotten.error());
  report.token_uses_forgotten = *forgotten;
  return {};
}

}  // namespace

Result<SchedulerReport> RunScheduler(const Services& services, store::JobStore& jobs,
                                     store::OutboxStore& outbox, const SchedulerSettings& settings,
                                     std::string_view holder, const std::atomic<bool>* stop) {
  const Instant now = services.clock.Now();
  auto today = services.zones.LocalDate(services.ruleset.business().time_zone, now);
  if (!today) return std::unexpected(today.error());
  const std::string day = FormatDate(*today);
  Pass pass(services, settings, stop);

  bool daily = false;
  auto daily_held = WithLease(
      jobs, kDailyJob, holder, now, settings,
      [&](const store::JobLease& lease) -> Result<std::optional<std::string>> {
        if (lease.last_run == day) return std::nullopt;
        if (settings.outbox_retention_days > 0) {
          auto purged =
              outbox.PurgeSentNotices(now - std::chrono::days(settings.outbox_retention_days));
          if (!purged) return std::unexpected(purged.error());
          pass.report().purged = *purged;
        }
        auto requests_purged = PurgeExpiredRequests(services, settings, *today, stop);
        if (!requests_purged) return std::unexpected(requests_purged.error());
        pass.report().requests_purged = *requests_purged;
        if (services.fulfilment != nullptr) {
          auto erased = services.fulfilment->EraseExpiredPackages(now, "system");
          if (!erased) return std::unexpected(erased.error());
          pass.report().packages_erased = *erased;
        }
        auto proofs = ForgetProofsNoLongerNeeded(services, settings, now, pass.report());
        if (!proofs) return std::unexpected(proofs.error());
        if (services.reviews != nullptr) {
          auto reminded = RemindReviewItems(
              *services.reviews, services.clock, *today,
              {.due_soon_days = settings.review_due_soon_days, .team_email = settings.team_email},
              kActor);
          if (!reminded) return std::unexpected(reminded.error());
          pass.report().review_reminders = *reminded;
        }
        daily = true;
        auto visited = pass.VisitOpenRequests(true);
        if (!visited) return std::unexpected(visited.error());
        // A pass cut short by `stop` runs again; one that skipped a request does not (it is retried
        // by the per-pass steps, and its priority the next day).
        if (pass.Stopping()) return std::nullopt;
        return std::optional<std::string>(day);
      });
  if (!daily_held) return std::unexpected(daily_held.error());
  if (daily) return pass.report();  // the daily visit took each request's steps too

  auto steps_held = WithLease(jobs, kStepsJob, holder, now, settings,
                              [&](const store::JobLease&) -> Result<std::optional<std::string>> {
                                auto visited = pass.VisitOpenRequests(false);
                                if (!visited) return std::unexpected(visited.error());
                                return std::nullopt;
                              });
  if (!steps_held) return std::unexpected(steps_held.error());
  pass.report().busy = !*steps_held;
  return pass.report();
}

}  // namespace rightsdesk::app
