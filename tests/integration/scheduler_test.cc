// The scheduler over 90 days with an injected clock, against the real store and a real SMTP
// server: every reminder, escalation, alarm, prompt, expiry and daily re-prioritisation happens on
// its day, once, although two workers run every pass (one after the other, and at once); a
// worker that dies holding a job's lease hands it over when the lease runs out.
#include "app/scheduler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "app/audit_service.h"
#include "app/casework.h"
#include "app/installation.h"
#include "app/intake.h"
#include "app/ledger_consistency.h"
#include "app/metrics_report.h"
#include "app/outbox_delivery.h"
#include "app/verification.h"
#include "messaging/smtp_mailer.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "smtp_server.h"
#include "support/fixed_clock.h"
#include "test_dirs.h"
#include "test_installation.h"

namespace rightsdesk::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using Step = std::pair<std::string, std::string>;  // (local date, what happened)

constexpr std::string_view kZone = "America/Los_Angeles";

class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    installation_ = NewInstallation(scratch_.path(), clock_);
    auto templates = messaging::MailTemplates::Load();
    ASSERT_TRUE(templates);
    templates_.emplace(std::move(*templates));
    settings_.team_email = "team@acme.example";
    settings_.escalation_email = "lead@acme.example";
  }

  app::Services services() {
    return {.ruleset = installation_->ruleset(),
            .requests = installation_->requests(),
            .clock = clock_,
            .zones = zones_,
            .random = random_,
            .verification = &installation_->verification()};
  }

  Request Submit(const std::string& type, const std::string& email) {
    auto submitted =
        app::SubmitRequest(services(), {.type = type, .email = email, .name = "Zoë Núñez"}, "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    return submitted->request;
  }

  void Move(const Request& r, std::initializer_list<const char*> statuses) {
    for (const char* status : statuses) {
      auto moved = app::TransitionTo(services(), r.id, status, "test", "staff:ana");
      ASSERT_TRUE(moved) << moved.error().message();
    }
  }

  app::SchedulerReport Run(const std::string& holder) {
    auto report = app::RunScheduler(services(), installation_->jobs(), installation_->outbox(),
                                    settings_, holder);
    EXPECT_TRUE(report) << report.error().message();
    EXPECT_EQ(report ? report->errors : 0, 0) << (report ? report->first_error : "");
    return report ? *report : app::SchedulerReport{};
  }

  void Deliver(messaging::Mailer& mailer) {
    auto report = app::DeliverDueNotices(services(), installation_->outbox(), *templates_, mailer,
                                         {.business = "Acme",
                                          .from_address = "privacy@acme.example",
                                          .public_url = "https://privacy.acme.example"});
    EXPECT_TRUE(report) << report.error().message();
  }

  // What the scheduler did to the request, by the business's local date.
  std::vector<Step> StepsOf(const Request& r) {
    std::vector<Step> steps;
    auto events = installation_->requests().EventsOf(r.id);
    EXPECT_TRUE(events);
    for (const AuditEvent& event : *events) {
      if (event.actor != "system:scheduler") continue;
      std::string what = event.action;
      auto details = nlohmann::json::parse(event.details);
      if (details.contains("step")) what += " " + details["step"].get<std::string>();
      if (details.contains("days_before")) {
        what += " " + std::to_string(details["days_before"].get<int>());
      }
      steps.emplace_back(FormatDate(*zones_.LocalDate(kZone, event.at)), what);
    }
    return steps;
  }

  void SetLocal(const std::string& date, const std::string& utc_time) {
    clock_.Set(*ParseInstant(date + "T" + utc_time + ".000000Z"));
  }

  ScratchDir scratch_;
  // Monday 2026-01-05, 9:00 in Los Angeles.
  FixedClock clock_{*ParseInstant("2026-01-05T17:00:00.000000Z")};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<messaging::MailTemplates> templates_;
  app::SchedulerSettings settings_;
};

TEST_F(SchedulerTest, NinetyDaysEveryStepOnItsDayOnceWithTwoWorkers) {
  SmtpServer smtp(scratch_.path() / "maildir", "refused.example");
  smtp.Start();
  messaging::SmtpMailer mailer(
      {.url = smtp.url(), .require_tls = false, .timeout = std::chrono::seconds(5)}, clock_);

  // Acknowledged at once (delivered below); worked on, never answered: answer due 2026-02-19.
  Request worked = Submit("access", "ana@example.com");
  Move(worked, {"pending_verification", "verified", "in_progress"});
  // Never verified: closes on day 30 (2026-02-04), the consumer told.
  Request unverified = Submit("delete", "luis@example.com");
  Move(unverified, {"pending_verification"});
  Deliver(mailer);
  // Received while the mail server refused everything: its acknowledgment never goes out.
  clock_.Set(*ParseInstant("2026-01-05T18:00:00.000000Z"));
  Request unacknowledged = Submit("categories", "eva@refused.example");
  Move(unacknowledged, {"pending_verification", "verified"});
  const Date ack_by = *unacknowledged.deadlines.acknowledge_by;
  // Extended on day 20: its answer is due 2026-04-05 (team target 03-31); completed on 03-25.
  Request extended = Submit("access", "max@example.com");
  Move(extended, {"pending_verification", "verified", "in_progress"});

  for (auto day = std::chrono::sys_days(
           Date{std::chrono::year(2026), std::chrono::January, std::chrono::day(5)});
       day < std::chrono::sys_days(
                 Date{std::chrono::year(2026), std::chrono::April, std::chrono::day(5)});
       day += std::chrono::days(1)) {
    const std::string date = FormatDate(Date(day));
    if (date == "2026-01-25") {
      ASSERT_TRUE(app::Extend(services(), extended.id, "test", "staff"));
    }
    if (date == "2026-03-25") Move(extended, {"completed"});
    // Morning: two workers one after the other. Evening: two at once.
    SetLocal(date, "19:00:00");
    Run("worker-1");
    EXPECT_EQ(Run("worker-2").total(), 0) << "the second worker finds nothing left on " << date;
    SetLocal(date, "23:30:00");
    std::thread other([&] { Run("worker-2"); });
    Run("worker-1");
    other.join();
    Deliver(mailer);
  }

  EXPECT_THAT(StepsOf(worked),
              ElementsAre(Step{"2026-01-29", "request.prioritized"},
                          Step{"2026-02-04", "request.reminded reminder 10"},
                          Step{"2026-02-11", "request.reminded reminder 3"},
                          Step{"2026-02-12", "request.prioritized"},
                          Step{"2026-02-14", "request.extension_prompted extension_prompt"},
                          Step{"2026-02-15", "request.escalated target_missed"},
                          Step{"2026-02-20", "request.escalated deadline_missed"}));
  EXPECT_THAT(StepsOf(unverified), ElementsAre(Step{"2026-01-29", "request.prioritized"},
                                               Step{"2026-02-04", "request.transitioned"}));
  std::vector<Step> alarm = StepsOf(unacknowledged);
  ASSERT_THAT(alarm, SizeIs(::testing::Ge(1u)));
  EXPECT_EQ(alarm[0],
            (Step{FormatDate(ack_by), "request.acknowledgment_alarm acknowledgment_overdue"}));
  EXPECT_THAT(StepsOf(extended), ElementsAre(Step{"2026-03-15", "request.prioritized"},
                                             Step{"2026-03-21", "request.reminded reminder 10"}));

  // The lead got one message per escalation, the team one per other step; the consumer one
  // closing notice.
  std::size_t escalations = 0, alerts = 0;
  for (const Request& r : {worked, unverified, unacknowledged, extended}) {
    for (const auto& [date, what] : StepsOf(r)) {
      if (what.starts_with("request.escalated")) {
        ++escalations;
      } else if (!what.starts_with("request.prioritized") && what != "request.transitioned") {
        ++alerts;
      }
    }
  }
  EXPECT_EQ(escalations, 4u);  // worked and unacknowledged: the target, then the legal date
  std::size_t team = 0, lead = 0, closing = 0;
  for (const ReceivedMail& mail : smtp.Received()) {
    if (mail.headers.at("To") == "<team@acme.example>") ++team;
    if (mail.headers.at("To") == "<lead@acme.example>") ++lead;
    if (mail.subject == "Reminder: " + worked.reference + " is due to the team in 10 days") {
      EXPECT_THAT(mail.body, HasSubstr("internal target for it is 2026-02-14"));
      EXPECT_THAT(mail.body,
                  HasSubstr("https://privacy.acme.example/console/requests/" + worked.reference));
    }
    if (mail.headers.at("To") == "<luis@example.com>" &&
        mail.body.find("could not confirm your identity") != std::string::npos) {
      ++closing;
    }
  }
  EXPECT_EQ(team, alerts);
  EXPECT_EQ(lead, escalations);
  EXPECT_EQ(closing, 1u);
}

TEST_F(SchedulerTest, AWorkerThatDiesHoldingTheJobsHandsThemOverWhenTheLeaseRunsOut) {
  Request r = Submit("access", "ana@example.com");
  Move(r, {"pending_verification", "verified", "in_progress"});
  SetLocal("2026-02-04", "19:00:00");  // reminder day
  const Instant now = clock_.Now();
  for (const char* job : {"daily", "request-steps"}) {
    auto taken = installation_->jobs().TakeJob(job, "dead-worker", now, now + settings_.lease);
    ASSERT_TRUE(taken && *taken);
  }
  app::SchedulerReport blocked = Run("worker-1");
  EXPECT_TRUE(blocked.busy);
  EXPECT_THAT(StepsOf(r), IsEmpty());

  clock_.Set(now + settings_.lease + std::chrono::seconds(1));
  app::SchedulerReport taken_over = Run("worker-1");
  EXPECT_FALSE(taken_over.busy);
  EXPECT_EQ(taken_over.steps, 2);  // nothing was delivered: the acknowledgment alarm too
  EXPECT_THAT(StepsOf(r),
              ElementsAre(Step{"2026-02-04", "request.reminded reminder 10"},
                          Step{"2026-02-04", "request.acknowledgment_alarm acknowledgment_overdue"},
                          Step{"2026-02-04", "request.prioritized"}));
  EXPECT_EQ(Run("worker-2").total(), 0);
}

TEST_F(SchedulerTest, TheDailyJobRunsOncePerDayAndErasesOldMessagesContents) {
  Submit("access", "ana@example.com");
  SmtpServer smtp(scratch_.path() / "maildir");
  smtp.Start();
  messaging::SmtpMailer mailer(
      {.url = smtp.url(), .require_tls = false, .timeout = std::chrono::seconds(5)}, clock_);
  Deliver(mailer);
  EXPECT_EQ(Run("worker-1").purged, 0);  // sent today: kept
  SetLocal("2026-02-05", "19:00:00");
  EXPECT_EQ(Run("worker-1").purged, 1);  // 31 days later: its parameters are erased
  EXPECT_EQ(Run("worker-2").purged, 0);  // the daily job already ran today
}

TEST_F(SchedulerTest, TheDailyJobErasesIdentityDocumentsLeftUndecidedAndOldTokenUses) {
  Request request = Submit("categories", "ana@example.com");
  const app::Services services = this->services();  // the use case keeps a reference
  app::Verification verification(services, installation_->verification(), nullptr, {}, {});
  auto added = verification.AddDocument(
      request.id,
      {.kind = std::string(app::kIdentityDocument), .filename = "id.pdf", .bytes = "%PDF id"},
      "consumer");
  ASSERT_TRUE(added) << added.error().message();
  const Instant now = clock_.Now();
  ASSERT_TRUE(installation_->verification().RecordAccountTokenUse(
      {.use_id = std::string(64, 'c'),
       .request_id = request.id,
       .used_at = now,
       .expires_at = now + std::chrono::minutes(10)},
      {.request_id = request.id, .actor = "consumer", .action = "test.token_used", .at = now}));
  Move(request, {"verified"});  // by other proofs, before a reviewer decided

  const app::SchedulerReport first = Run("worker-1");
  EXPECT_EQ(first.identity_documents_erased, 1);
  EXPECT_EQ(first.token_uses_forgotten, 0);  // the token has not expired yet
  SetLocal("2026-01-06", "19:00:00");
  const app::SchedulerReport next_day = Run("worker-1");
  EXPECT_EQ(next_day.identity_documents_erased, 0);
  EXPECT_EQ(next_day.token_uses_forgotten, 1);
  auto documents = installation_->verification().DocumentsOf(request.id);
  ASSERT_TRUE(documents);
  EXPECT_TRUE(documents->at(0).erased);
}

TEST_F(SchedulerTest, RetentionErasesAClosedRequestsPersonalDataAndKeepsTheRecord) {
  Request closed = Submit("access", "ana@example.com");
  Request open = Submit("delete", "luis@example.com");
  ASSERT_TRUE(installation_->inbox().RecordInbound(
      {.id = "mail-1",
       .message_id = "m1@example.com",
       .kind = "request",
       .request_id = closed.id,
       .received_at = clock_.Now(),
       .from_address = "ana@example.com",
       .subject = "Delete me",
       .text = "Ana Núñez, 12 Main St",
       .attachments = {{.filename = "id.pdf", .content_type = "application/pdf", .bytes = "%PDF"}}},
      {}));
  // A manual task's evidence: sealed with the request, erased with it.
  ASSERT_TRUE(installation_->fulfilment().CreateTask(
      {.id = "task-1",
       .request_id = closed.id,
       .system = "crm",
       .owner = "ops@example.com",
       .due_on = closed.received_on,
       .checklist = {{.step = "Search"}},
       .created_at = clock_.Now()},
      {.request_id = closed.id, .actor = "test", .action = "task.created", .at = clock_.Now()}));
  const std::string scan = "Ana Núñez, passport";
  ASSERT_TRUE(installation_->attachments().AddAttachment(
      {.id = "att-1",
       .task_id = "task-1",
       .filename = "ana-passport.txt",
       .content_type = "text/plain",
       .size = 20,
       .sha256 = "x",
       .added_at = clock_.Now(),
       .added_by = "test"},
      {reinterpret_cast<const std::uint8_t*>(scan.data()), scan.size()},
      {.request_id = closed.id,
       .actor = "test",
       .action = "task.attachment_added",
       .at = clock_.Now()}));
  SetLocal("2026-01-10", "19:00:00");
  Move(closed, {"withdrawn"});

  SetLocal("2028-01-10", "19:00:00");  // 24 months to the day: kept
  EXPECT_EQ(Run("worker-1").requests_purged, 0);
  SetLocal("2028-01-11", "19:00:00");
  EXPECT_EQ(Run("worker-1").requests_purged, 1);
  SetLocal("2028-01-12", "19:00:00");
  EXPECT_EQ(Run("worker-1").requests_purged, 0);  // once

  auto purged = installation_->requests().FindById(closed.id);
  ASSERT_TRUE(purged);
  EXPECT_TRUE(purged->purged_at);
  EXPECT_EQ(purged->subject.email, "");
  EXPECT_EQ(purged->subject.name, "");
  EXPECT_EQ(purged->message, "");
  EXPECT_EQ(purged->status, Status::kWithdrawn);  // the minimal record stays
  EXPECT_EQ(purged->reference, closed.reference);
  EXPECT_THAT(*installation_->inbox().InboundOf(closed.id), IsEmpty());
  EXPECT_EQ(installation_->requests().CountByEmail("ana@example.com").value(), 0);
  auto kept = installation_->attachments().AttachmentsOf("task-1");
  ASSERT_TRUE(kept);
  ASSERT_EQ(kept->size(), 1U);
  EXPECT_TRUE(kept->front().erased);
  EXPECT_EQ(kept->front().filename, "");
  EXPECT_EQ(kept->front().size, 20);  // the row stays as the record
  auto opened = installation_->attachments().ReadAttachment(
      "att-1", {.actor = "test", .action = "task.attachment_opened", .at = clock_.Now()});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kFailedPrecondition);
  auto events = installation_->requests().EventsOf(closed.id);
  EXPECT_EQ(events->back().action, "request.purged");
  auto still = installation_->requests().FindById(open.id);
  EXPECT_EQ(still->subject.email, "luis@example.com");
  EXPECT_FALSE(still->purged_at);

  // The audit chain and the ledger still agree; the metrics still count the request.
  auto trail = app::VerifyStoredTrail(installation_->trail(), installation_->public_key());
  ASSERT_TRUE(trail);
  EXPECT_TRUE(trail->ok());
  auto agree = app::CheckLedgerConsistency(installation_->requests(), installation_->trail());
  ASSERT_TRUE(agree);
  EXPECT_FALSE(agree->mismatch);
  auto metrics = app::YearlyMetrics(services(), 2026);
  EXPECT_EQ(metrics->groups[0].withdrawn, 1);
}

}  // namespace
}  // namespace rightsdesk::testing
