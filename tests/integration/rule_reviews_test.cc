// The rule review checklist against the real store and a real SMTP server, with an injected
// clock: items added and done are audited; the scheduler's daily job reminds each item's owner
// (or the team, for a staff username) once when it comes due within 14 days and once when it is
// overdue, although two workers run every day, one after the other and at once; the worker sends
// each reminder once.
#include "app/rule_reviews.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <thread>

#include "app/installation.h"
#include "app/scheduler.h"
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
using Happened = std::pair<std::string, std::string>;  // (local date, action + details)

constexpr std::string_view kReviewZone = "America/Los_Angeles";

class TrailCollector final : public store::TrailVisitor {
 public:
  void Begin(std::vector<Checkpoint>, std::optional<store::ChainHead>) override {}
  bool Event(const AuditEvent& event) override {
    if (event.action.starts_with("review.")) events.push_back(event);
    return true;
  }
  std::vector<AuditEvent> events;
};

class RuleReviewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    installation_ = NewInstallation(scratch_.path(), clock_);
    auto templates = messaging::MailTemplates::Load();
    ASSERT_TRUE(templates);
    templates_.emplace(std::move(*templates));
    settings_.team_email = "team@acme.example";
  }

  app::Services services() {
    return {.ruleset = installation_->ruleset(),
            .requests = installation_->requests(),
            .clock = clock_,
            .zones = zones_,
            .random = random_,
            .reviews = &installation_->reviews()};
  }

  ReviewItem Add(const std::string& title, const std::string& owner, const std::string& due) {
    auto item = app::AddReviewItem(installation_->reviews(), clock_,
                                   {.kind = "legal",
                                    .title = title,
                                    .source = "https://cppa.ca.gov/regulations/",
                                    .owner = owner,
                                    .due_on = due},
                                   "cli:ana");
    EXPECT_TRUE(item) << item.error().message();
    return item ? *item : ReviewItem{};
  }

  void RunScheduler(const std::string& holder) {
    auto report = app::RunScheduler(services(), installation_->jobs(), installation_->outbox(),
                                    settings_, holder);
    ASSERT_TRUE(report) << report.error().message();
  }

  app::ReviewMailReport Deliver(messaging::Mailer& mailer, const std::string& holder) {
    auto report = app::DeliverReviewReminders(installation_->reviews(), installation_->jobs(),
                                              clock_, *templates_, mailer,
                                              {.business = "Acme",
                                               .from_address = "privacy@acme.example",
                                               .public_url = "https://privacy.acme.example"},
                                              holder);
    EXPECT_TRUE(report) << report.error().message();
    return report ? *report : app::ReviewMailReport{};
  }

  std::vector<AuditEvent> ReviewEvents() {
    TrailCollector collector;
    EXPECT_TRUE(installation_->trail().ReadTrail(collector));
    return collector.events;
  }

  // The reminders recorded, by local date: "review.reminded <item> <stage> <sent_to>".
  std::vector<Happened> Reminded() {
    std::vector<Happened> out;
    for (const AuditEvent& event : ReviewEvents()) {
      if (event.action != "review.reminded") continue;
      auto d = nlohmann::json::parse(event.details);
      out.emplace_back(FormatDate(*zones_.LocalDate(kReviewZone, event.at)),
                       std::to_string(d["item"].get<std::int64_t>()) + " " +
                           d["stage"].get<std::string>() + " " + d["sent_to"].get<std::string>());
    }
    return out;
  }

  // 9:00 in Los Angeles on `date` (PST, January to March).
  void MorningOf(const std::string& date) { clock_.Set(*ParseInstant(date + "T17:00:00.000000Z")); }

  ScratchDir scratch_;
  FixedClock clock_{*ParseInstant("2026-01-05T17:00:00.000000Z")};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<messaging::MailTemplates> templates_;
  app::SchedulerSettings settings_;
};

TEST_F(RuleReviewsTest, AddingAndFinishingAreAuditedAndFinishingTwiceIsRefused) {
  ReviewItem item = Add("Colorado amendment", "counsel@acme.example", "2026-03-01");
  EXPECT_GT(item.id, 0);
  auto done = app::CompleteReviewItem(installation_->reviews(), clock_, item.id,
                                      "No change to response periods", "cli:bo");
  ASSERT_TRUE(done) << done.error().message();
  EXPECT_EQ(done->status, ReviewStatus::kDone);
  EXPECT_EQ(done->done_by, "cli:bo");
  EXPECT_EQ(done->note, "No change to response periods");
  auto again = app::CompleteReviewItem(installation_->reviews(), clock_, item.id, "x", "cli:bo");
  EXPECT_EQ(again.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(
      app::CompleteReviewItem(installation_->reviews(), clock_, 999, "x", "cli:bo").error().code(),
      ErrorCode::kNotFound);
  EXPECT_EQ(app::CompleteReviewItem(installation_->reviews(), clock_, item.id, "", "cli:bo")
                .error()
                .field(),
            "/note");
  auto bad = app::AddReviewItem(installation_->reviews(), clock_,
                                {.kind = "law", .title = "x", .owner = "a", .due_on = "2026-01-01"},
                                "cli:ana");
  EXPECT_EQ(bad.error().field(), "/kind");
  bad = app::AddReviewItem(installation_->reviews(), clock_,
                           {.kind = "legal", .title = "x", .owner = "a", .due_on = "01/02/2026"},
                           "cli:ana");
  EXPECT_EQ(bad.error().field(), "/due_on");

  std::vector<std::string> actions;
  for (const AuditEvent& e : ReviewEvents()) actions.push_back(e.action + " " + e.actor);
  EXPECT_THAT(actions, ElementsAre("review.added cli:ana", "review.done cli:bo"));
  auto added = nlohmann::json::parse(ReviewEvents()[0].details);
  EXPECT_EQ(added["item"], item.id);
  EXPECT_EQ(added["due_on"], "2026-03-01");
}

TEST_F(RuleReviewsTest, TheDailyJobRemindsOncePerStageAndTheWorkerSendsEachOnce) {
  SmtpServer smtp(scratch_.path() / "maildir");
  smtp.Start();
  messaging::SmtpMailer mailer(
      {.url = smtp.url(), .require_tls = false, .timeout = std::chrono::seconds(5)}, clock_);

  ReviewItem cppa = Add("CPPA regulations amendments 2026", "counsel@acme.example", "2026-02-10");
  ReviewItem calendar = Add("Calendar for 2027", "ana", "2026-01-12");
  ReviewItem finished = Add("Colorado amendment", "counsel@acme.example", "2026-01-20");
  ASSERT_TRUE(app::CompleteReviewItem(installation_->reviews(), clock_, finished.id,
                                      "Nothing changes", "cli:ana"));

  int sent = 0;
  for (int day = 0; day < 50; ++day) {
    const std::string date =
        FormatDate(Date(std::chrono::sys_days(*ParseDate("2026-01-05")) + std::chrono::days(day)));
    MorningOf(date);
    RunScheduler("worker-a");
    RunScheduler("worker-b");
    sent += Deliver(mailer, "worker-a").sent;
    sent += Deliver(mailer, "worker-b").sent;
    clock_.Set(clock_.Now() + std::chrono::hours(3));  // a later pass the same day
    RunScheduler("worker-b");
  }

  const std::string c = std::to_string(cppa.id), k = std::to_string(calendar.id);
  EXPECT_THAT(Reminded(), ElementsAre(Happened{"2026-01-05", k + " due_soon team"},
                                      Happened{"2026-01-13", k + " overdue team"},
                                      Happened{"2026-01-27", c + " due_soon owner"},
                                      Happened{"2026-02-11", c + " overdue owner"}));
  EXPECT_EQ(sent, 4);
  std::map<std::string, std::vector<std::string>> subjects;
  for (const ReceivedMail& mail : smtp.Received())
    subjects[mail.headers.at("To")].push_back(mail.subject);
  ASSERT_EQ(subjects["<counsel@acme.example>"].size(), 2u);
  ASSERT_EQ(subjects["<team@acme.example>"].size(), 2u);
  std::sort(subjects["<counsel@acme.example>"].begin(), subjects["<counsel@acme.example>"].end());
  EXPECT_THAT(subjects["<counsel@acme.example>"][0],
              HasSubstr("OVERDUE rule review (due 2026-02-10): CPPA regulations amendments 2026"));
  EXPECT_THAT(subjects["<counsel@acme.example>"][1],
              HasSubstr("Rule review due 2026-02-10: CPPA regulations amendments 2026"));

  int sent_events = 0;
  for (const AuditEvent& e : ReviewEvents()) sent_events += e.action == "review.reminder_sent";
  EXPECT_EQ(sent_events, 4);
  auto reread = installation_->reviews().FindReviewItem(cppa.id);
  ASSERT_TRUE(reread);
  EXPECT_TRUE(reread->reminded_due_soon);
  EXPECT_TRUE(reread->reminded_overdue);
}

TEST_F(RuleReviewsTest, TwoWorkersRemindingAtOnceRecordOneReminder) {
  ReviewItem item = Add("Oregon amendment", "counsel@acme.example", "2026-01-10");
  std::atomic<int> recorded = 0;
  auto remind = [&] {
    auto n = app::RemindReviewItems(installation_->reviews(), clock_, *ParseDate("2026-01-05"),
                                    {.team_email = "team@acme.example"}, "system:scheduler");
    ASSERT_TRUE(n) << n.error().message();
    recorded += *n;
  };
  std::thread a(remind), b(remind);
  a.join();
  b.join();
  EXPECT_EQ(recorded.load(), 1);
  auto pending = installation_->reviews().PendingReviewReminders(10);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->front().item_id, item.id);
  EXPECT_EQ(pending->front().to, "counsel@acme.example");
  EXPECT_EQ(pending->front().stage, ReviewReminderStage::kDueSoon);
}

TEST_F(RuleReviewsTest, WithoutAnyAddressTheReminderIsAnAuditEventOnly) {
  settings_.team_email = "";
  Add("Texas amendment", "ana", "2026-01-06");
  RunScheduler("worker-a");
  EXPECT_THAT(Reminded(), ElementsAre(Happened{"2026-01-05", "1 due_soon nobody"}));
  auto pending = installation_->reviews().PendingReviewReminders(10);
  ASSERT_TRUE(pending);
  EXPECT_TRUE(pending->empty());
}

TEST_F(RuleReviewsTest, AReminderTheMailServerCannotTakeIsRetriedThenSent) {
  SmtpServer smtp(scratch_.path() / "maildir");  // not started: an outage
  messaging::SmtpMailer mailer(
      {.url = smtp.url(), .require_tls = false, .timeout = std::chrono::seconds(2)}, clock_);
  Add("Utah amendment", "counsel@acme.example", "2026-01-10");
  RunScheduler("worker-a");
  app::ReviewMailReport first = Deliver(mailer, "worker-a");
  EXPECT_EQ(first.retried, 1);
  EXPECT_EQ(first.sent, 0);
  smtp.Start();
  app::ReviewMailReport second = Deliver(mailer, "worker-a");
  EXPECT_EQ(second.sent, 1);
  EXPECT_EQ(smtp.Received().size(), 1u);
  EXPECT_EQ(Deliver(mailer, "worker-a").sent, 0);
}

// Migration numbers are reserved ahead: a database that already has 0028 and 0030 from main gets
// this branch's 0027 when it opens, instead of skipping it for being below the highest applied.
TEST_F(RuleReviewsTest, AMigrationNumberedBelowOnesAppliedStillRunsWhenTheStoreOpens) {
  installation_.reset();
  const std::string db = (scratch_.path() / "data" / "rightsdesk.db").string();
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "DROP TABLE review_reminders; DROP TABLE review_items;"
                         " DELETE FROM schema_migrations WHERE version = 27;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(raw);
  sqlite3_close(raw);
  auto opened = app::Installation::Open(app::DataDir{scratch_.path() / "data"}, clock_);
  ASSERT_TRUE(opened) << opened.error().message();
  installation_ = std::move(*opened);
  ReviewItem item = Add("Calendar for 2027", "ana", "2026-12-01");
  EXPECT_GT(item.id, 0);
  auto items = installation_->reviews().ReviewItems(std::nullopt);
  ASSERT_TRUE(items) << items.error().message();
  EXPECT_EQ(items->size(), 1u);
}

}  // namespace
}  // namespace rightsdesk::testing
