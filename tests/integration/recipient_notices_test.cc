// Honouring opt-out and limit requests and telling the recipients (app/preferences.h,
// app/recipient_notices.h), delivered through the outbox to a real SMTP server and to real
// webhooks (tests/integration/web_service.h): the preference on the ledger, the right recipients
// told for each right, signed webhook posts that a receiver can verify, a webhook's outage retried
// and its refusal failed for staff to see, and the progress each recipient has made.
#include "app/recipient_notices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/casework.h"
#include "app/fulfilment.h"
#include "app/intake.h"
#include "app/outbox_delivery.h"
#include "app/preferences.h"
#include "messaging/smtp_mailer.h"
#include "messaging/webhook_poster.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "smtp_server.h"
#include "support/fixed_clock.h"
#include "test_dirs.h"
#include "test_installation.h"
#include "web_service.h"

namespace rightsdesk::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class RecipientNoticesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    installation_ = NewInstallation(scratch_.path(), clock_);
    auto templates = messaging::MailTemplates::Load();
    ASSERT_TRUE(templates);
    templates_.emplace(std::move(*templates));
    smtp_.Start();
    // An ad network we share with (third party, webhook), an analytics firm receiving sensitive
    // data (service provider, webhook), a payment processor (service provider, email), and a
    // broker reached by hand.
    map_.recipients = {{.name = "Ad network",
                        .kind = Recipient::Kind::kThirdParty,
                        .categories = {PiCategory::kInternetActivity},
                        .notify_webhook = ads_.url("/privacy/notices")},
                       {.name = "Analytics",
                        .kind = Recipient::Kind::kServiceProvider,
                        .categories = {PiCategory::kSensitive},
                        .notify_webhook = analytics_.url("/hooks")},
                       {.name = "Payment processor",
                        .kind = Recipient::Kind::kServiceProvider,
                        .categories = {PiCategory::kCustomerRecords},
                        .notify_email = "privacy@payments.example"},
                       {.name = "Data broker", .kind = Recipient::Kind::kThirdParty}};
  }

  app::Services services() {
    return {installation_->ruleset(), installation_->requests(), clock_, zones_, random_};
  }

  Request Submit(const std::string& type) {
    auto submitted = app::SubmitRequest(
        services(), {.type = type, .email = "Zoe@Example.com", .phone = "+1 415 555 0100"}, "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    return submitted->request;
  }

  Result<app::HonoredPreference> Honor(const Request& request) {
    return app::HonorPreferenceRequest(services(), installation_->preferences(), map_,
                                       request.reference, "staff:ana");
  }

  app::DeliveryReport Deliver() {
    messaging::SmtpMailer mailer(
        {.url = smtp_.url(), .require_tls = false, .timeout = std::chrono::seconds(5)}, clock_);
    messaging::SignedWebhookPoster poster(installation_->signer(), clock_,
                                          std::chrono::milliseconds(2000));
    app::DeliverySettings settings{.business = "Acme",
                                   .from_address = "privacy@acme.example",
                                   .public_url = "https://privacy.acme.example",
                                   .max_attempts = 3,
                                   .webhooks = &poster};
    auto report =
        app::DeliverDueNotices(services(), installation_->outbox(), *templates_, mailer, settings);
    EXPECT_TRUE(report) << report.error().message();
    return report ? *report : app::DeliveryReport{};
  }

  app::NoticeProgress Progress(const Request& request, app::RecipientNotice notice) {
    auto events = installation_->requests().EventsOf(request.id);
    EXPECT_TRUE(events);
    return app::ProgressOf(*events, notice);
  }

  const app::RecipientProgress* Find(const app::NoticeProgress& progress, const std::string& name) {
    for (const auto& r : progress.recipients) {
      if (r.recipient == name) return &r;
    }
    return nullptr;
  }

  ScratchDir scratch_;
  FixedClock clock_{FromMicros(1'790'000'000'000'000)};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<messaging::MailTemplates> templates_;
  SmtpServer smtp_{scratch_.path() / "mail"};
  WebService ads_{[](const WebRequest&) { return WebAnswer{.body = R"({"confirmed":true})"}; }};
  WebService analytics_{[](const WebRequest&) { return WebAnswer{.status = 202}; }};
  DataMap map_;
};

TEST_F(RecipientNoticesTest, AnOptOutGoesOnTheLedgerAndToTheThirdPartiesOnly) {
  const Request request = Submit("opt_out");
  auto honored = Honor(request);
  ASSERT_TRUE(honored) << honored.error().message();
  EXPECT_TRUE(honored->newly_recorded);
  EXPECT_EQ(honored->recipients_told, 1);  // the ad network; the broker is left to staff
  auto on_ledger = installation_->preferences().HasOptOut(store::PreferenceSubject::kConsumer,
                                                          request.subject.email);
  ASSERT_TRUE(on_ledger);
  EXPECT_TRUE(*on_ledger);
  auto limited = installation_->preferences().HasOptOut(store::PreferenceSubject::kConsumer,
                                                        request.subject.email,
                                                        store::PreferenceScope::kLimitSensitive);
  EXPECT_FALSE(*limited);

  app::DeliveryReport report = Deliver();
  EXPECT_EQ(report.failed, 0);
  const std::vector<WebRequest> posts = ads_.received();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_TRUE(analytics_.received().empty());  // a service provider: not told of an opt-out
  const WebRequest& post = posts[0];
  EXPECT_EQ(post.method, "POST");
  EXPECT_EQ(post.target, "/privacy/notices");
  json body = json::parse(post.body);
  EXPECT_EQ(body["type"], "opt_out");
  EXPECT_EQ(body["reference"], request.reference);
  EXPECT_EQ(body["consumer"]["email"], request.subject.email);
  EXPECT_EQ(body["consumer"]["phone"], request.subject.phone);
  EXPECT_EQ(body["legal_basis"], "Cal. Code Regs. tit. 11 §7026(f)");
  EXPECT_FALSE(body["id"].get<std::string>().empty());
  // The receiver can check the notice came from this installation, unaltered.
  const std::string signature = post.headers.at("rightsdesk-signature");
  EXPECT_TRUE(messaging::WebhookSignatureValid(installation_->public_key(), signature, post.body));
  std::string altered = post.body;
  altered.replace(altered.find("opt_out"), 7, "deletion");
  EXPECT_FALSE(messaging::WebhookSignatureValid(installation_->public_key(), signature, altered));

  app::NoticeProgress progress = Progress(request, app::RecipientNotice::kOptOut);
  ASSERT_EQ(progress.recipients.size(), 2u);
  EXPECT_TRUE(Find(progress, "Ad network")->delivered);
  EXPECT_TRUE(Find(progress, "Ad network")->confirmed);  // it answered {"confirmed": true}
  EXPECT_EQ(Find(progress, "Data broker")->by, "manual");
  EXPECT_FALSE(progress.Done());  // the broker must still be told by hand
}

TEST_F(RecipientNoticesTest, HonouringTwiceTellsNobodyTwice) {
  const Request request = Submit("opt_out");
  ASSERT_TRUE(Honor(request));
  auto again = Honor(request);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->newly_recorded);
  EXPECT_EQ(again->recipients_told, 0);
  Deliver();
  EXPECT_EQ(ads_.received().size(), 1u);
}

TEST_F(RecipientNoticesTest, AKnownConsumersGpcSignalIsPassedOnToTheThirdPartiesOnce) {
  auto first = app::HonorGpcOfConsumer(services(), installation_->preferences(), &map_,
                                       "rdb_browser-one", "zoe@example.com");
  ASSERT_TRUE(first) << first.error().message();
  ASSERT_FALSE(first->empty());
  auto request = installation_->requests().FindById(*first);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->type, RequestType::kOptOut);
  EXPECT_EQ(request->channel, Channel::kGpc);
  EXPECT_TRUE(*installation_->preferences().HasOptOut(store::PreferenceSubject::kConsumer,
                                                      "zoe@example.com"));
  Deliver();
  ASSERT_EQ(ads_.received().size(), 1u);
  EXPECT_EQ(json::parse(ads_.received()[0].body)["type"], "opt_out");
  EXPECT_TRUE(analytics_.received().empty());
  EXPECT_EQ(Find(Progress(*request, app::RecipientNotice::kOptOut), "Data broker")->by, "manual");

  // The same consumer from another browser: on the ledger already, nobody is told twice.
  auto again = app::HonorGpcOfConsumer(services(), installation_->preferences(), &map_,
                                       "rdb_browser-two", "zoe@example.com");
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
  Deliver();
  EXPECT_EQ(ads_.received().size(), 1u);
}

TEST_F(RecipientNoticesTest, AGpcSignalWithNobodyToTellMakesNoRequest) {
  DataMap providers_only;
  providers_only.recipients = {map_.recipients[1], map_.recipients[2]};
  const std::vector<const DataMap*> maps = {nullptr, &providers_only};
  for (const DataMap* map : maps) {
    auto made = app::HonorGpcOfConsumer(services(), installation_->preferences(), map,
                                        "rdb_browser", map ? "a@example.com" : "b@example.com");
    ASSERT_TRUE(made) << made.error().message();
    EXPECT_TRUE(made->empty());
  }
  EXPECT_TRUE(*installation_->preferences().HasOptOut(store::PreferenceSubject::kConsumer,
                                                      "a@example.com"));
  auto all = installation_->requests().List({.limit = 10});
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->requests.empty());
}

TEST_F(RecipientNoticesTest, ALimitGoesToWhoeverReceivesSensitiveInformation) {
  const Request request = Submit("limit");
  auto honored = Honor(request);
  ASSERT_TRUE(honored) << honored.error().message();
  EXPECT_EQ(honored->recipients_told, 1);
  auto limited = installation_->preferences().HasOptOut(store::PreferenceSubject::kConsumer,
                                                        request.subject.email,
                                                        store::PreferenceScope::kLimitSensitive);
  EXPECT_TRUE(*limited);
  Deliver();
  EXPECT_TRUE(ads_.received().empty());
  ASSERT_EQ(analytics_.received().size(), 1u);
  EXPECT_EQ(json::parse(analytics_.received()[0].body)["type"], "limit");
  app::NoticeProgress progress = Progress(request, app::RecipientNotice::kLimit);
  ASSERT_EQ(progress.recipients.size(), 1u);
  EXPECT_TRUE(progress.recipients[0].delivered);
  EXPECT_FALSE(progress.recipients[0].confirmed);  // a bare 202 is delivery, not confirmation
  EXPECT_TRUE(progress.Done());
}

TEST_F(RecipientNoticesTest, AWebhookThatFailsIsRetriedAndOneThatRefusesIsFailedForStaff) {
  ads_.SetScript([](const WebRequest&) { return WebAnswer{.status = 503}; });
  const Request request = Submit("opt_out");
  ASSERT_TRUE(Honor(request));
  EXPECT_EQ(Deliver().retried, 1);
  EXPECT_FALSE(Find(Progress(request, app::RecipientNotice::kOptOut), "Ad network")->delivered);
  clock_.Set(clock_.Now() + std::chrono::hours(1));
  ads_.SetScript([](const WebRequest&) { return WebAnswer{.status = 200}; });
  EXPECT_EQ(Deliver().sent, 1);
  EXPECT_TRUE(Find(Progress(request, app::RecipientNotice::kOptOut), "Ad network")->delivered);
  EXPECT_EQ(ads_.received().size(), 2u);
  // Both attempts carried the same id, so the receiver can drop a duplicate.
  EXPECT_EQ(json::parse(ads_.received()[0].body)["id"], json::parse(ads_.received()[1].body)["id"]);

  // An answer that is not JSON, or says "confirmed" in another shape, is delivery only.
  for (const char* answer : {"<html>ok</html>", R"({"confirmed":"yes"})", R"([true])"}) {
    ads_.SetScript([answer](const WebRequest&) { return WebAnswer{.body = answer}; });
    const Request odd = Submit("opt_out");
    ASSERT_TRUE(Honor(odd));
    EXPECT_EQ(Deliver().failed, 0) << answer;  // (the consumer's acknowledgment goes too)
    const app::NoticeProgress progress = Progress(odd, app::RecipientNotice::kOptOut);
    const auto* ads = Find(progress, "Ad network");
    EXPECT_TRUE(ads->delivered) << answer;
    EXPECT_FALSE(ads->confirmed) << answer;
  }

  const Request second = Submit("opt_out");
  ads_.SetScript([](const WebRequest&) { return WebAnswer{.status = 400}; });
  ASSERT_TRUE(Honor(second));
  EXPECT_EQ(Deliver().failed, 1);
  auto progress = Progress(second, app::RecipientNotice::kOptOut);
  EXPECT_TRUE(Find(progress, "Ad network")->failed);
  EXPECT_FALSE(progress.Done());
}

TEST_F(RecipientNoticesTest, OnlyOpenOptOutAndLimitRequestsAreHonoured) {
  auto access = Honor(Submit("access"));
  ASSERT_FALSE(access);
  EXPECT_EQ(access.error().code(), ErrorCode::kFailedPrecondition);
  const Request withdrawn = Submit("opt_out");
  ASSERT_TRUE(app::TransitionTo(services(), withdrawn.id, "withdrawn", "asked", "t"));
  auto closed = Honor(withdrawn);
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(RecipientNoticesTest, TheRecordNamesRecipientsButNeverTheConsumer) {
  const Request request = Submit("opt_out");
  ASSERT_TRUE(Honor(request));
  Deliver();
  auto events = installation_->requests().EventsOf(request.id);
  std::string trail;
  for (const auto& event : *events) trail += event.action + " " + event.details + "\n";
  EXPECT_THAT(trail, HasSubstr("preference.recorded"));
  EXPECT_THAT(trail, HasSubstr("recipient.notified"));
  EXPECT_THAT(trail, HasSubstr("recipient.notice_pending"));
  EXPECT_THAT(trail, HasSubstr("recipient.confirmed"));
  EXPECT_EQ(trail.find(request.subject.email), std::string::npos) << trail;
  EXPECT_EQ(trail.find("555"), std::string::npos) << trail;
}

TEST_F(RecipientNoticesTest, WithADataMapAnOptOutCompletesOnlyOnceHonouredAndEveryoneTold) {
  app::Services gated = services();
  gated.fulfilment_required = true;
  const Request request = Submit("opt_out");
  ASSERT_TRUE(app::TransitionTo(gated, request.id, "verified", "nothing to verify", "t"));
  ASSERT_TRUE(app::TransitionTo(gated, request.id, "in_progress", "working", "t"));
  auto early = app::TransitionTo(gated, request.id, "completed", "done", "staff:ana");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(early.error().message(), HasSubstr("fulfil honor"));
  ASSERT_TRUE(Honor(request));
  Deliver();
  auto waiting = app::TransitionTo(gated, request.id, "completed", "done", "staff:ana");
  ASSERT_FALSE(waiting);  // the broker has no address: staff must tell it and say so
  EXPECT_THAT(waiting.error().message(), HasSubstr("Data broker"));
  app::Fulfilment fulfilment(
      gated, map_,
      [](const SystemMap&) -> Result<std::unique_ptr<connectors::DataSource>> {
        return Fail(ErrorCode::kFailedPrecondition, "no systems in this map");
      },
      {});
  ASSERT_TRUE(fulfilment.ConfirmRecipient(request.reference, "Data broker",
                                          app::RecipientNotice::kOptOut, "staff:ana"));
  auto done = app::TransitionTo(gated, request.id, "completed", "done", "staff:ana");
  ASSERT_TRUE(done) << done.error().message();
  // Without a data map, staff fulfil outside RightsDesk and the gate stays open.
  const Request by_hand = Submit("opt_out");
  ASSERT_TRUE(app::TransitionTo(services(), by_hand.id, "verified", "nothing to verify", "t"));
  ASSERT_TRUE(app::TransitionTo(services(), by_hand.id, "in_progress", "working", "t"));
  EXPECT_TRUE(app::TransitionTo(services(), by_hand.id, "completed", "by hand", "t"));
}

}  // namespace
}  // namespace rightsdesk::testing
