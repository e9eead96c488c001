// The outbox delivered to a real SMTP server (aiosmtpd): acknowledgments in the consumer's
// language, exactly once; an outage delays and loses nothing; a refusal fails for good, audited;
// two workers at once never send a message twice.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "app/casework.h"
#include "app/installation.h"
#include "app/intake.h"
#include "app/one_time_codes.h"
#include "app/outbox_delivery.h"
#include "messaging/sms_gateway.h"
#include "messaging/smtp_mailer.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "smtp_server.h"
#include "support/fixed_clock.h"
#include "test_dirs.h"
#include "test_installation.h"
#include "web_service.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    installation_ = NewInstallation(scratch_.path(), clock_);
    auto templates = messaging::MailTemplates::Load();
    ASSERT_TRUE(templates);
    templates_.emplace(std::move(*templates));
  }

  app::Services services() {
    return {installation_->ruleset(), installation_->requests(), clock_, zones_, random_};
  }

  app::Submitted Submit(const std::string& type, const std::string& email,
                        const std::string& language = "en", const std::string& agent = "") {
    app::IntakeForm form{.type = type,
                         .email = email,
                         .name = "Zoë <b>Núñez</b>",
                         .language = language,
                         .agent_name = agent};
    if (!agent.empty()) form.agent_email = "agent@agency.example";
    auto submitted = app::SubmitRequest(services(), form, "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    return *submitted;
  }

  app::DeliveryReport Deliver(messaging::Mailer& mailer) {
    auto report =
        app::DeliverDueNotices(services(), installation_->outbox(), *templates_, mailer, settings_);
    EXPECT_TRUE(report) << report.error().message();
    return report ? *report : app::DeliveryReport{};
  }

  messaging::SmtpMailer MailerFor(const SmtpServer& server) {
    return messaging::SmtpMailer(
        {.url = server.url(), .require_tls = false, .timeout = std::chrono::seconds(5)}, clock_);
  }

  std::vector<std::string> ActionsOf(const std::string& request_id) {
    std::vector<std::string> actions;
    auto events = installation_->requests().EventsOf(request_id);
    EXPECT_TRUE(events);
    for (const AuditEvent& event : *events) {
      actions.push_back(event.action);
    }
    return actions;
  }

  void Later(std::chrono::seconds by) { clock_.Set(clock_.Now() + by); }

  ScratchDir scratch_;
  FixedClock clock_{*ParseInstant("2026-11-25T18:00:00.000000Z")};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<messaging::MailTemplates> templates_;
  app::DeliverySettings settings_{.business = "Acme",
                                  .from_address = "privacy@acme.example",
                                  .public_url = "https://privacy.acme.example"};
};

TEST_F(OutboxTest, AcknowledgmentsReachTheConsumerInTheirLanguageOnce) {
  SmtpServer smtp(scratch_.path() / "maildir");
  smtp.Start();
  auto mailer = MailerFor(smtp);
  app::Submitted en = Submit("delete", "ana@example.com");
  app::Submitted es = Submit("access", "luis@example.com", "es", "Agencia Uno");
  app::DeliveryReport report = Deliver(mailer);
  EXPECT_EQ(report.sent, 2);
  EXPECT_EQ(Deliver(mailer).total(), 0) << "nothing is sent twice";

  auto mails = smtp.Received();
  ASSERT_THAT(mails, SizeIs(2));
  for (const ReceivedMail& mail : mails) {
    const bool spanish = mail.headers.at("To") == "<luis@example.com>";
    const app::Submitted& s = spanish ? es : en;
    EXPECT_EQ(mail.headers.at("From"), "\"Acme\" <privacy@acme.example>");
    EXPECT_EQ(mail.headers.at("Auto-Submitted"), "auto-generated");
    EXPECT_THAT(mail.headers.at("Subject"), HasSubstr(s.request.reference));
    EXPECT_THAT(mail.body, HasSubstr("https://privacy.acme.example/privacy/status/" + s.request.id +
                                     "/" + s.status_token));
    EXPECT_THAT(mail.body, HasSubstr("Zoë <b>Núñez</b>"));  // text mail: as typed
    if (spanish) {
      EXPECT_THAT(mail.headers.at("Subject"), HasSubstr("hemos recibido"));
      EXPECT_THAT(mail.body, HasSubstr("La hizo en su nombre Agencia Uno"));
      EXPECT_THAT(mail.body, HasSubstr("Reunimos la información personal"));
    } else {
      EXPECT_THAT(mail.headers.at("Subject"), HasSubstr("we received"));
      EXPECT_THAT(mail.body, HasSubstr("We delete the personal information"));
    }
  }
  for (const app::Submitted* s : {&en, &es}) {
    EXPECT_THAT(ActionsOf(s->request.id),
                ::testing::ElementsAre("request.submitted", "notice.sent"));
    auto notices = installation_->requests().NoticesOf(s->request.id);
    ASSERT_THAT(*notices, SizeIs(1));
    EXPECT_EQ((*notices)[0].status, "sent");
  }
}

TEST_F(OutboxTest, AnSmtpOutageDelaysMessagesAndThenDeliversEachExactlyOnce) {
  SmtpServer smtp(scratch_.path() / "maildir");
  smtp.Start();
  auto mailer = MailerFor(smtp);
  std::set<std::string> ids;
  for (int i = 0; i < 3; ++i)
    ids.insert(Submit("opt_out", "a" + std::to_string(i) + "@x.example").request.id);
  EXPECT_EQ(Deliver(mailer).sent, 3);

  smtp.Stop();  // the outage, in the middle of the run
  for (int i = 0; i < 4; ++i)
    ids.insert(Submit("delete", "b" + std::to_string(i) + "@x.example").request.id);
  app::DeliveryReport down = Deliver(mailer);
  EXPECT_EQ(down.retried, 4);
  EXPECT_EQ(down.sent, 0);
  Later(std::chrono::seconds(30));
  EXPECT_EQ(Deliver(mailer).total(), 0) << "not due before the first retry delay";

  smtp.Start();
  Later(std::chrono::seconds(31));
  EXPECT_EQ(Deliver(mailer).sent, 4);
  Later(std::chrono::hours(24));
  EXPECT_EQ(Deliver(mailer).total(), 0);

  auto mails = smtp.Received();
  ASSERT_THAT(mails, SizeIs(7));
  std::set<std::string> message_ids;
  for (const ReceivedMail& mail : mails) message_ids.insert(mail.headers.at("Message-ID"));
  EXPECT_THAT(message_ids, SizeIs(7)) << "each message exactly once";
  for (const std::string& id : ids) {
    EXPECT_EQ((*installation_->requests().NoticesOf(id))[0].status, "sent");
  }
}

TEST_F(OutboxTest, ARefusedRecipientFailsForGoodWithAnAuditEvent) {
  SmtpServer smtp(scratch_.path() / "maildir", "refused.example");
  smtp.Start();
  auto mailer = MailerFor(smtp);
  app::Submitted refused = Submit("access", "nobody@refused.example");
  EXPECT_EQ(Deliver(mailer).failed, 1);
  Later(std::chrono::hours(24));
  EXPECT_EQ(Deliver(mailer).total(), 0) << "a refusal is not retried";
  EXPECT_THAT(smtp.Received(), SizeIs(0));
  EXPECT_EQ((*installation_->requests().NoticesOf(refused.request.id))[0].status, "failed");
  auto events = *installation_->requests().EventsOf(refused.request.id);
  ASSERT_EQ(events.back().action, "notice.failed");
  EXPECT_THAT(events.back().details, HasSubstr("SMTP 550"));
  EXPECT_THAT(events.back().details, ::testing::Not(HasSubstr("refused.example")));
}

// A one-time code for the phone goes to the SMS gateway as JSON with its bearer token: the text
// holds the code and the reference on one line; a gateway outage is retried, a refusal fails.
TEST_F(OutboxTest, APhoneCodeGoesThroughTheSmsGatewayAndAnOutageIsRetried) {
  SmtpServer smtp(scratch_.path() / "maildir");  // never started: nothing goes by email
  auto mailer = MailerFor(smtp);
  unsigned answer = 503;
  WebService gateway([&answer](const WebRequest&) { return WebAnswer{.status = answer}; });
  messaging::SmsGateway texts(
      {.url = gateway.url("/send"), .token = "sms-token", .sender = "Acme"});
  settings_.texts = &texts;
  app::Submitted s = Submit("access", "ana@example.com");
  ASSERT_EQ(Deliver(mailer).retried, 1);  // the acknowledgment: no SMTP server
  auto issued = app::IssueCode(services(), installation_->codes(), s.request, "verification:phone",
                               "consumer", {.use = "verification", .sms_to = "+15147214711"});
  ASSERT_TRUE(issued) << issued.error().message();

  EXPECT_EQ(Deliver(mailer).retried, 1) << "the gateway answered 503";
  answer = 200;
  Later(app::RetryDelay(1));
  EXPECT_EQ(Deliver(mailer).sent, 1);
  auto received = gateway.received();
  ASSERT_THAT(received, SizeIs(2));
  EXPECT_EQ(received[1].method, "POST");
  EXPECT_EQ(received[1].headers.at("authorization"), "Bearer sms-token");
  const auto body = nlohmann::json::parse(received[1].body);
  EXPECT_EQ(body.at("to"), "+15147214711");
  EXPECT_EQ(body.at("from"), "Acme");
  const std::string text = body.at("text");
  EXPECT_THAT(text, HasSubstr(s.request.reference));
  EXPECT_THAT(text, ::testing::ContainsRegex("is [0-9]{6}\\."));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("\n")));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("this line is not sent")));

  answer = 400;
  ASSERT_TRUE(app::IssueCode(services(), installation_->codes(), s.request, "verification:phone",
                             "consumer", {.use = "verification", .sms_to = "+15147214711"}));
  EXPECT_EQ(Deliver(mailer).failed, 1) << "a refusal is not retried";
  EXPECT_EQ(ActionsOf(s.request.id).back(), "notice.failed");
}

TEST_F(OutboxTest, AMessageOutOfAttemptsFails) {
  SmtpServer smtp(scratch_.path() / "maildir");  // never started
  auto mailer = MailerFor(smtp);
  settings_.max_attempts = 3;
  app::Submitted s = Submit("delete", "ana@example.com");
  EXPECT_EQ(Deliver(mailer).retried, 1);
  Later(app::RetryDelay(1));
  EXPECT_EQ(Deliver(mailer).retried, 1);
  Later(app::RetryDelay(2));
  EXPECT_EQ(Deliver(mailer).failed, 1);
  EXPECT_EQ(ActionsOf(s.request.id).back(), "notice.failed");
}

TEST_F(OutboxTest, TwoWorkersAtOnceSendEveryMessageOnce) {
  SmtpServer smtp(scratch_.path() / "maildir");
  smtp.Start();
  for (int i = 0; i < 40; ++i) Submit("opt_out", "c" + std::to_string(i) + "@x.example");
  settings_.batch = 5;
  app::DeliveryReport first, second;
  std::thread a([&] {
    auto mailer = MailerFor(smtp);
    first = Deliver(mailer);
  });
  std::thread b([&] {
    auto mailer = MailerFor(smtp);
    second = Deliver(mailer);
  });
  a.join();
  b.join();
  EXPECT_EQ(first.sent + second.sent, 40);
  auto mails = smtp.Received();
  std::set<std::string> message_ids;
  for (const ReceivedMail& mail : mails) message_ids.insert(mail.headers.at("Message-ID"));
  EXPECT_THAT(mails, SizeIs(40));
  EXPECT_THAT(message_ids, SizeIs(40));
}

TEST_F(OutboxTest, AnExtensionNoticeGivesTheReasonAndTheNewDateInTheConsumersLanguage) {
  SmtpServer smtp(scratch_.path() / "maildir");
  smtp.Start();
  auto mailer = MailerFor(smtp);
  app::Submitted s = Submit("access", "luis@example.com", "es");
  EXPECT_EQ(Deliver(mailer).sent, 1);
  auto extended =
      app::Extend(services(), s.request.reference, "sistemas de archivo en papel", "staff:test");
  ASSERT_TRUE(extended) << extended.error().message();
  EXPECT_EQ(Deliver(mailer).sent, 1);
  auto mails = smtp.Received();
  ASSERT_THAT(mails, SizeIs(2));
  const ReceivedMail& notice =
      mails[0].subject.find("más tiempo") == std::string::npos ? mails[1] : mails[0];
  EXPECT_EQ(notice.subject,
            "Acme: necesitamos más tiempo para su solicitud de privacidad " + s.request.reference);
  EXPECT_THAT(notice.body, HasSubstr("Motivo: sistemas de archivo en papel"));
  EXPECT_THAT(notice.body, HasSubstr("a más tardar el 23 de febrero de 2027, en lugar del 9 de "
                                     "enero de 2027"));
  EXPECT_THAT(ActionsOf(s.request.id), ::testing::ElementsAre("request.submitted", "notice.sent",
                                                              "request.extended", "notice.sent"));
}

TEST_F(OutboxTest, ReachingAToldStatusSendsAStatusUpdateWithoutTheStaffsReason) {
  SmtpServer smtp(scratch_.path() / "maildir");
  smtp.Start();
  auto mailer = MailerFor(smtp);
  app::Submitted s = Submit("delete", "ana@example.com");
  ASSERT_TRUE(app::TransitionTo(services(), s.request.reference, "pending_verification",
                                "internal: asked for ID", "staff:test"));
  ASSERT_TRUE(app::TransitionTo(services(), s.request.reference, "verified",
                                "internal: matched 2 points", "staff:test"));
  EXPECT_EQ(Deliver(mailer).sent, 2) << "the acknowledgment and one update (verified)";
  auto mails = smtp.Received();
  ASSERT_THAT(mails, SizeIs(2));
  const ReceivedMail& update =
      mails[0].subject.find("an update") == std::string::npos ? mails[1] : mails[0];
  EXPECT_EQ(update.subject, "Acme: an update on your privacy request " + s.request.reference);
  EXPECT_THAT(update.body, HasSubstr("Identity confirmed"));
  EXPECT_THAT(update.body, ::testing::Not(HasSubstr("internal")));
}

TEST(RetryDelay, DoublesFromAMinuteUpToSixHours) {
  EXPECT_EQ(app::RetryDelay(1), std::chrono::seconds(60));
  EXPECT_EQ(app::RetryDelay(2), std::chrono::seconds(120));
  EXPECT_EQ(app::RetryDelay(5), std::chrono::seconds(960));
  EXPECT_EQ(app::RetryDelay(30), std::chrono::hours(6));
}

}  // namespace
}  // namespace rightsdesk::testing
