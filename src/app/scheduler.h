// The scheduler (issue 6): the work that time brings, run by `serve` or `rightsdesk worker`
// every minute or so. Each pass
//   - takes the steps due for every open request (core/schedule.h): reminders before the team's
//     internal target, escalation once that target or the legal date has passed, the alarm when
//     an acknowledgment due today has not gone out, the prompt to decide an extension, and the
//     closing of requests whose verification never came (the consumer is told);
//   - once a day, re-evaluates every open request's priority (days left change as days pass),
//     erases the parameters of messages sent longer ago than their retention period, and erases
//     the personal data of requests closed longer ago than theirs (the minimal record stays), and
//     reminds the owners of rule review items due soon or overdue (app/rule_reviews.h).
// Every step is an audit event, and a message to the team's address when one is configured.
// Jobs are leased (store/job_store.h) and steps marked on the request in the same change, so a
// crash or a second worker never takes a step twice or skips one. Time comes from
// Services::clock.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "app/services.h"
#include "core/review_item.h"
#include "core/schedule.h"
#include "store/job_store.h"
#include "store/outbox_store.h"

namespace rightsdesk::app {

struct SchedulerSettings {
  ScheduleSettings schedule;
  // Where reminders, alarms and prompts go ("": recorded as audit events only).
  std::string team_email;
  // Where escalations go ("": the team's address).
  std::string escalation_email;
  // Sent messages keep their parameters (names, links) this long (0: for ever).
  int outbox_retention_days = 30;
  // A closed request keeps its personal data this many months (0: for ever), then only the
  // minimal record (§7101: 24 months of records; docs/reports.md "Retention").
  int request_retention_months = 24;
  // The clock skew an account token's expiry is allowed (`[verification.account_token]`): a use
  // is forgotten once its token is expired by more than this.
  std::chrono::seconds token_leeway{60};
  // Rule review items get a reminder this many days before their due date, and another once
  // overdue (app/rule_reviews.h).
  int review_due_soon_days = kDefaultReviewDueSoonDays;
  // A job's lease: a worker that dies mid-pass leaves the job to another after this.
  std::chrono::seconds lease{600};
};

struct SchedulerReport {
  int steps = 0;            // reminders, escalations, alarms, prompts
  int expired = 0;          // requests closed as unverified
  int reprioritized = 0;    // requests whose priority or reasons changed (the daily job)
  std::int64_t purged = 0;  // messages whose parameters were erased (the daily job)
  int requests_purged = 0;  // closed requests whose personal data was erased (the daily job)
  std::int64_t packages_erased = 0;  // access packages whose link expired (the daily job)
  // Identity documents no reviewer decided on before their request left verification (daily).
  int identity_documents_erased = 0;
  std::int64_t token_uses_forgotten = 0;  // uses of account tokens long expired (daily)
  int review_reminders = 0;               // rule review items reminded (daily)
  bool busy = false;                      // another worker held the job: this pass did nothing
  int errors = 0;           // requests that could not be processed this pass (skipped)
  std::string first_error;  // what went wrong with the first of them (no personal data)
  int total() const {
    return steps + expired + reprioritized +
           static_cast<int>(purged + packages_erased + token_uses_forgotten) + requests_purged +
           identity_documents_erased + review_reminders;
  }
};

// One pass. `holder` names this worker in the leases (unique per process). Stops early, leaving
// the rest to the next pass, when `stop` is set. A request that cannot be processed (say, its
// jurisdiction left the rules) is skipped and counted in the report, so that it never holds up
// the others; errors reading the queue or taking the lease end the pass.
Result<SchedulerReport> RunScheduler(const Services& services, store::JobStore& jobs,
                                     store::OutboxStore& outbox, const SchedulerSettings& settings,
                                     std::string_view holder,
                                     const std::atomic<bool>* stop = nullptr);

}  // namespace rightsdesk::app
