// Issue 4's fraud defences on a real installation: duplicates linked at intake over the real
// SQLite store (both trails, a race, the acknowledgment, the ledger check, the §7102 metrics);
// the risk's signals from the store and the trail; what staff see over real HTTP (the console
// page, the staff API) and what the consumer's status page says of a duplicate; and
// `request show` through the binary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <thread>

#include "app/casework.h"
#include "app/intake.h"
#include "app/ledger_consistency.h"
#include "app/metrics_report.h"
#include "app/one_time_codes.h"
#include "app/outbox_delivery.h"
#include "app/risk_assessment.h"
#include "app/tokens.h"
#include "console_fixture.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "support/fixed_clock.h"
#include "test_dirs.h"
#include "test_installation.h"

namespace rightsdesk::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

// Keeps what would have been sent, to read the acknowledgments.
class CapturingMailer final : public messaging::Mailer {
 public:
  Result<void> Send(const messaging::EmailMessage& message) override {
    sent.push_back(message);
    return {};
  }
  std::vector<messaging::EmailMessage> sent;
};

class FraudIntakeTest : public ::testing::Test {
 protected:
  void SetUp() override { installation_ = NewInstallation(scratch_.path(), clock_); }

  app::Services services() {
    return {installation_->ruleset(), installation_->requests(), clock_, zones_, random_};
  }

  app::Submitted Submit(const std::string& type, const std::string& email) {
    auto submitted = app::SubmitRequest(services(), {.type = type, .email = email}, "consumer");
    EXPECT_TRUE(submitted) << submitted.error().message();
    return submitted ? *submitted : app::Submitted{};
  }

  std::vector<std::string> ActionsOf(const std::string& request_id) {
    std::vector<std::string> actions;
    auto events = installation_->requests().EventsOf(request_id);
    EXPECT_TRUE(events);
    for (const AuditEvent& event : *events) actions.push_back(event.action);
    return actions;
  }

  void Later(std::chrono::hours by) { clock_.Set(clock_.Now() + by); }

  ScratchDir scratch_;
  FixedClock clock_{*ParseInstant("2026-11-24T18:00:00.000000Z")};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
};

TEST_F(FraudIntakeTest, ARepeatOfAnOpenRequestIsStoredClosedAndLinkedBothWays) {
  app::Submitted first = Submit("access", "ana@example.com");
  Later(std::chrono::hours{24 * 3});
  app::Submitted again = Submit("access", "Ana@EXAMPLE.com");  // the same consumer, normalised
  EXPECT_EQ(again.request.status, Status::kClosedDuplicate);
  EXPECT_EQ(again.request.duplicate_of, first.request.id);
  EXPECT_EQ(again.request.closed_at, again.request.received_at);

  auto stored = installation_->requests().FindById(again.request.id);
  ASSERT_TRUE(stored) << stored.error().message();
  EXPECT_EQ(stored->status, Status::kClosedDuplicate);
  EXPECT_EQ(stored->duplicate_of, first.request.id);
  EXPECT_THAT(ActionsOf(again.request.id),
              ElementsAre("request.submitted", "request.transitioned", "request.duplicate_of"));
  EXPECT_THAT(ActionsOf(first.request.id),
              ElementsAre("request.submitted", "request.duplicate_linked"));
  auto events = installation_->requests().EventsOf(again.request.id);
  EXPECT_THAT((*events)[2].details, HasSubstr(first.request.id));
  EXPECT_THAT((*events)[2].details, HasSubstr(first.request.reference));
  EXPECT_THAT((*events)[2].details, Not(HasSubstr("ana@")));

  // The open request is untouched and still worked; the ledger agrees with its trail.
  auto open = installation_->requests().FindById(first.request.id);
  EXPECT_EQ(open->status, Status::kReceived);
  EXPECT_EQ(open->version, 1);
  auto agree = app::CheckLedgerConsistency(installation_->requests(), installation_->trail());
  ASSERT_TRUE(agree) << agree.error().message();
  EXPECT_FALSE(agree->mismatch) << agree->mismatch->request << ": " << agree->mismatch->what;
}

TEST_F(FraudIntakeTest, SubmissionsAtTheSameMomentLeaveOneOpenRequestAndLinkTheRest) {
  constexpr int kThreads = 8;
  std::vector<std::optional<Request>> made(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      security::SodiumRandom random;
      app::Services s{installation_->ruleset(), installation_->requests(), clock_, zones_, random};
      auto stored = app::SubmitRequest(s, {.type = "access", .email = "dot@example.com"}, "test");
      if (stored) made[static_cast<std::size_t>(t)] = stored->request;
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::vector<std::string> open;
  for (const auto& r : made) {
    ASSERT_TRUE(r);
    if (r->status == Status::kReceived) open.push_back(r->id);
  }
  ASSERT_THAT(open, SizeIs(1)) << "the store's writer sees each insert before the next";
  for (const auto& r : made) {
    if (r->id != open[0]) {
      EXPECT_EQ(r->status, Status::kClosedDuplicate);
      EXPECT_EQ(r->duplicate_of, open[0]);
    }
  }
  EXPECT_THAT(ActionsOf(open[0]), SizeIs(kThreads)) << "submitted, and one link per duplicate";
}

TEST_F(FraudIntakeTest, AnotherTypeAClosedRequestOrOneOutsideTheWindowIsNoDuplicate) {
  app::Submitted first = Submit("delete", "ben@example.com");
  EXPECT_EQ(Submit("access", "ben@example.com").request.status, Status::kReceived);
  EXPECT_EQ(Submit("delete", "other@example.com").request.status, Status::kReceived);
  Later(std::chrono::hours{24 * 46});
  app::Submitted late = Submit("delete", "ben@example.com");
  EXPECT_EQ(late.request.status, Status::kReceived) << "received 46 days after the open one";
  ASSERT_TRUE(app::TransitionTo(services(), late.request.id, "withdrawn", "asked to", "staff:a"));
  ASSERT_TRUE(app::TransitionTo(services(), first.request.id, "withdrawn", "asked to", "staff:a"));
  EXPECT_EQ(Submit("delete", "ben@example.com").request.status, Status::kReceived)
      << "nothing of the kind is open any more";
}

TEST_F(FraudIntakeTest, RepeatedOptOutsAndLimitsAreEachHonoured) {
  for (const char* type : {"opt_out", "limit"}) {
    EXPECT_EQ(Submit(type, "cy@example.com").request.status, Status::kReceived) << type;
    EXPECT_EQ(Submit(type, "cy@example.com").request.status, Status::kReceived) << type;
  }
}

TEST_F(FraudIntakeTest, TheWindowIsTheInstallationsToSet) {
  auto config = config::LoadInstallationConfig("[intake]\nduplicate_window_days = 0\n", "t.toml");
  ASSERT_TRUE(config) << config.error().message();
  app::Services off{config->ruleset, installation_->requests(), clock_, zones_, random_};
  ASSERT_TRUE(app::SubmitRequest(off, {.type = "access", .email = "di@example.com"}, "consumer"));
  auto again = app::SubmitRequest(off, {.type = "access", .email = "di@example.com"}, "consumer");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->request.status, Status::kReceived);
}

TEST_F(FraudIntakeTest, TheAcknowledgmentOfADuplicateSaysTheEarlierRequestIsBeingHandled) {
  app::Submitted first = Submit("categories", "eve@example.com");
  app::Submitted again = Submit("categories", "eve@example.com");
  auto templates = messaging::MailTemplates::Load();
  ASSERT_TRUE(templates);
  CapturingMailer mailer;
  auto report = app::DeliverDueNotices(services(), installation_->outbox(), *templates, mailer,
                                       {.business = "Acme",
                                        .from_address = "privacy@acme.example",
                                        .public_url = "https://privacy.acme.example"});
  ASSERT_TRUE(report) << report.error().message();
  ASSERT_THAT(mailer.sent, SizeIs(2));
  const messaging::EmailMessage& ack =
      mailer.sent[0].subject.find(again.request.reference) != std::string::npos ? mailer.sent[0]
                                                                                : mailer.sent[1];
  EXPECT_THAT(ack.subject, HasSubstr(again.request.reference));
  EXPECT_THAT(ack.text, HasSubstr("You already have a request of this kind open with us: " +
                                  first.request.reference));
  EXPECT_THAT(ack.text, HasSubstr("closed this one"));
  EXPECT_THAT(ack.text,
              HasSubstr("/privacy/status/" + again.request.id + "/" + again.status_token));
  EXPECT_THAT(ack.text, Not(HasSubstr("What happens next")));
  const messaging::EmailMessage& other = &ack == &mailer.sent[0] ? mailer.sent[1] : mailer.sent[0];
  EXPECT_THAT(other.text, HasSubstr("What happens next"));
}

TEST_F(FraudIntakeTest, ADuplicateIsNotCountedAgainInTheYearlyMetrics) {
  Submit("delete", "fay@example.com");
  Submit("delete", "fay@example.com");
  Submit("delete", "fay@example.com");
  auto metrics = app::YearlyMetrics(services(), 2026);
  ASSERT_TRUE(metrics) << metrics.error().message();
  const GroupMetrics& deletions = metrics->groups[1];
  ASSERT_EQ(deletions.group, "delete");
  EXPECT_EQ(deletions.received, 1);
  EXPECT_EQ(deletions.open, 1);
  EXPECT_EQ(deletions.duplicates, 2);
  EXPECT_EQ(deletions.responded, 0);
  EXPECT_EQ(app::MetricsJson(*metrics)["groups"][1]["duplicates"], 2);
}

TEST_F(FraudIntakeTest, VelocityCountsTheAddressesRequestsUpToEachOnesReceipt) {
  app::Services s = services();
  auto submit = [&](const char* type) {
    auto made = app::SubmitRequest(s,
                                   {.type = type,
                                    .email = "gus@mailinator.com",
                                    .agent_name = "Agency",
                                    .agent_email = "desk@agency.example"},
                                   "consumer");
    EXPECT_TRUE(made) << made.error().message();
    return made->request;
  };
  Request first = submit("access");
  Later(std::chrono::hours{1});
  submit("delete");
  Later(std::chrono::hours{1});
  Request third = submit("correct");
  auto events = installation_->requests().EventsOf(third.id);
  auto signals = app::GatherRiskSignals(s, third, *events);
  ASSERT_TRUE(signals) << signals.error().message();
  EXPECT_TRUE(signals->disposable_email);
  EXPECT_TRUE(signals->by_agent);
  EXPECT_EQ(signals->email_requests_day, 3);
  EXPECT_EQ(signals->agent_requests_day, 3);
  auto first_signals =
      app::GatherRiskSignals(s, first, *installation_->requests().EventsOf(first.id));
  EXPECT_EQ(first_signals->email_requests_day, 1) << "the window ends at the request's receipt";
  auto risk = app::AssessRequestRisk(s, third, *events);
  ASSERT_TRUE(risk);
  EXPECT_EQ(risk->score, 45);  // disposable 20 + day velocity 15 + agent 10
  EXPECT_EQ(risk->level, RiskLevel::kMedium);
}

TEST_F(FraudIntakeTest, RefusedCodesRaiseTheRisk) {
  app::Services s = services();
  Request request = Submit("access", "hal@example.com").request;
  ASSERT_TRUE(app::IssueCode(s, installation_->codes(), request, "identity", "system"));
  for (const char* typed : {"000001", "000002", "000003"}) {
    auto verdict =
        app::CheckCode(s, installation_->codes(), request, "identity", typed, "consumer");
    ASSERT_TRUE(verdict) << verdict.error().message();
  }
  auto events = installation_->requests().EventsOf(request.id);
  auto risk = app::AssessRequestRisk(s, request, *events);
  ASSERT_TRUE(risk) << risk.error().message();
  EXPECT_EQ(risk->reasons, std::vector<std::string>{"codes_refused"});
  EXPECT_EQ(risk->score, 20);  // three refusals or more
}

class FraudConsoleTest : public ConsoleFixture {
 protected:
  Reply Submit(const std::string& body) {
    Reply r = Post(body);
    EXPECT_EQ(r.status, 201U) << r.text;
    return r;
  }
  std::string StaffToken() {
    auto created =
        app::CreateApiToken(installation_->tokens(), random_, clock_, "staff", "alice", "test");
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->secret : "";
  }
};

TEST_F(FraudConsoleTest, TheRequestPageShowsTheRiskWithItsReasonsAndNoPersonalValues) {
  Reply made = Submit(R"({"type":"access","subject":{"email":"zed@a.yopmail.com"},)"
                      R"("agent":{"name":"Agency <One>","email":"desk@agency.example"}})");
  Reply plain = Submit(R"({"type":"access","subject":{"email":"ann@example.com"}})");
  std::string cookie = SessionOf(AddUser("alice", "staff"));
  Reply page = Get("/console/requests/" + made.body.at("id").get<std::string>(), cookie);
  ASSERT_EQ(page.status, 200U) << page.text;
  EXPECT_THAT(page.text,
              HasSubstr("data-testid=\"risk\"><span class=\"flag risk-medium\">medium</span> "
                        "30/100: disposable email, authorized agent</dd>"));
  Reply low = Get("/console/requests/" + plain.body.at("id").get<std::string>(), cookie);
  ASSERT_EQ(low.status, 200U);
  EXPECT_THAT(
      low.text,
      HasSubstr("data-testid=\"risk\"><span class=\"flag risk-low\">low</span> 0/100</dd>"));
}

TEST_F(FraudConsoleTest, ADuplicateLinksToTheOpenRequestForStaffButNotOnTheConsumersPage) {
  Reply first = Submit(R"({"type":"delete","subject":{"email":"kim@example.com"}})");
  Reply again = Submit(R"({"type":"delete","subject":{"email":"kim@example.com"}})");
  EXPECT_EQ(again.body.at("status"), "closed_duplicate");
  const std::string open_ref = first.body.at("reference");
  std::string cookie = SessionOf(AddUser("alice", "staff"));
  Reply page = Get("/console/requests/" + again.body.at("id").get<std::string>(), cookie);
  ASSERT_EQ(page.status, 200U) << page.text;
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"duplicate-of\"><a href=\"/console/requests/" +
                                   open_ref + "\">" + open_ref + "</a>"));
  EXPECT_THAT(page.text, HasSubstr("request.duplicate_of"));
  EXPECT_THAT(page.text, Not(HasSubstr("<option value=\"closed_duplicate\">")));
  Reply open_page = Get("/console/requests/" + first.body.at("id").get<std::string>(), cookie);
  EXPECT_THAT(open_page.text, HasSubstr("request.duplicate_linked"));
  EXPECT_THAT(open_page.text, Not(HasSubstr("<option value=\"closed_duplicate\">")))
      << "staff never choose it: intake sets it with the link";

  // Whoever holds the status link sees the link, not the other request's reference.
  Reply status = Send(port_, bhttp::verb::get, again.body.at("status_url").get<std::string>());
  ASSERT_EQ(status.status, 200U) << status.text;
  EXPECT_THAT(status.text, HasSubstr("Linked to your earlier request of the same kind"));
  EXPECT_THAT(status.text, Not(HasSubstr(open_ref)));
}

TEST_F(FraudConsoleTest, TheStaffApiAnswersTheRiskAndTheLink) {
  Reply first = Submit(R"({"type":"correct","subject":{"email":"lou@trashmail.com"}})");
  Reply again = Submit(R"({"type":"correct","subject":{"email":"lou@trashmail.com"}})");
  const std::string token = StaffToken();
  Reply shown = Send(port_, bhttp::verb::get,
                     "/api/v1/requests/" + again.body.at("id").get<std::string>(), "", "", token);
  ASSERT_EQ(shown.status, 200U) << shown.text;
  EXPECT_EQ(shown.body.at("duplicate_of"), first.body.at("id"));
  EXPECT_EQ(shown.body.at("risk").at("score"), 20);
  EXPECT_EQ(shown.body.at("risk").at("level"), "low");
  EXPECT_EQ(shown.body.at("risk").at("reasons"), nlohmann::json::array({"disposable_email"}));
  Reply open = Send(port_, bhttp::verb::get,
                    "/api/v1/requests/" + first.body.at("id").get<std::string>(), "", "", token);
  EXPECT_TRUE(open.body.at("duplicate_of").is_null());
}

class FraudCliTest : public ::testing::Test, public CliInstallation {};

TEST_F(FraudCliTest, RequestShowPrintsTheRiskAndTheLinkOfADuplicate) {
  ASSERT_EQ(Cli({"init"}).exit_code, 0);
  std::vector<std::string> references;
  for (int i = 0; i < 2; ++i) {
    ProcessResult made =
        Cli({"request", "submit", "--type", "categories", "--email", "max@yopmail.com", "--json"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    references.push_back(nlohmann::json::parse(made.out).at("reference"));
  }
  ProcessResult shown = Cli({"request", "show", references[1]});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("closed_duplicate"));
  EXPECT_THAT(shown.out, HasSubstr("Duplicate of         " + references[0]));
  EXPECT_THAT(shown.out, HasSubstr("Risk                 low (20: disposable_email)"));
  auto shown_json = nlohmann::json::parse(Cli({"request", "show", references[1], "--json"}).out);
  EXPECT_EQ(shown_json.at("risk").at("level"), "low");
  EXPECT_EQ(shown_json.at("risk").at("score"), 20);
  EXPECT_FALSE(shown_json.at("duplicate_of").is_null());
}

}  // namespace
}  // namespace rightsdesk::testing
