// Email intake against the real store: a message becomes a request on the email channel,
// acknowledged; the same message again changes nothing; replies thread by our Message-ID or by
// reference from the consumer's own address; bounces mark our message and are recorded; auto-
// replies and unclear messages never become requests (the latter wait in triage); what was
// written is sealed at rest.
#include "app/email_intake.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/installation.h"
#include "app/triage.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "support/fixed_clock.h"
#include "test_dirs.h"
#include "test_installation.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(RIGHTSDESK_TEST_DATA_DIR) + "/mail/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class EmailIntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    installation_ = NewInstallation(scratch_.path(), clock_);
    auto classifier = app::MessageClassifier::Load({});
    ASSERT_TRUE(classifier);
    classifier_.emplace(std::move(*classifier));
  }

  app::Services services() {
    return {installation_->ruleset(), installation_->requests(), clock_, zones_, random_};
  }

  app::EmailIntakeResult TakeIn(const std::string& raw) {
    auto email = messaging::ParseInboundEmail(raw);
    EXPECT_TRUE(email) << email.error().message();
    auto taken = app::TakeInEmail(services(), installation_->inbox(), *classifier_, *email);
    EXPECT_TRUE(taken) << taken.error().message();
    return taken ? *taken : app::EmailIntakeResult{};
  }

  std::vector<std::string> ActionsOf(const std::string& request_id) {
    std::vector<std::string> actions;
    auto events = installation_->requests().EventsOf(request_id);
    EXPECT_TRUE(events);
    for (const AuditEvent& e : *events) {
      actions.push_back(e.action);
    }
    return actions;
  }

  std::string DatabaseBytes() {
    std::ifstream in(scratch_.path() / "data" / "rightsdesk.db", std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::ifstream wal(scratch_.path() / "data" / "rightsdesk.db-wal", std::ios::binary);
    bytes << wal.rdbuf();
    return bytes.str();
  }

  ScratchDir scratch_;
  FixedClock clock_{*ParseInstant("2026-11-25T18:00:00.000000Z")};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<app::MessageClassifier> classifier_;
};

TEST_F(EmailIntakeTest, AMessageBecomesAnAcknowledgedRequestOnceAndIsSealed) {
  app::EmailIntakeResult taken = TakeIn(Fixture("request_en.eml"));
  ASSERT_EQ(taken.outcome, app::EmailOutcome::kCreated);
  ASSERT_TRUE(taken.request);
  const Request& r = *taken.request;
  EXPECT_EQ(r.type, RequestType::kDelete);
  EXPECT_EQ(r.channel, Channel::kEmail);
  EXPECT_EQ(r.language, "en");
  EXPECT_EQ(r.subject.email, "ana@example.com");
  EXPECT_EQ(r.subject.name, "Ana Núñez");
  EXPECT_THAT(r.message, HasSubstr("erase all the personal data"));
  auto notices = installation_->requests().NoticesOf(r.id);
  ASSERT_THAT(*notices, SizeIs(1));
  EXPECT_EQ((*notices)[0].kind, "acknowledgment");

  app::EmailIntakeResult again = TakeIn(Fixture("request_en.eml"));
  EXPECT_EQ(again.outcome, app::EmailOutcome::kDuplicate);
  EXPECT_EQ(again.request->id, r.id);
  EXPECT_EQ(installation_->requests().CountByEmail("ana@example.com").value(), 1);

  app::EmailIntakeResult with_id = TakeIn(Fixture("request_attachment.eml"));
  ASSERT_EQ(with_id.outcome, app::EmailOutcome::kCreated);
  auto kept = installation_->inbox().InboundOf(with_id.request->id);
  ASSERT_THAT(*kept, SizeIs(1));
  ASSERT_THAT((*kept)[0].attachments, SizeIs(1));
  EXPECT_EQ((*kept)[0].attachments[0].filename, "id card.pdf");
  EXPECT_THAT((*kept)[0].attachments[0].bytes, HasSubstr("%PDF-1.4"));

  const std::string db = DatabaseBytes();
  EXPECT_EQ(db.find("erase all the personal data"), std::string::npos);
  EXPECT_EQ(db.find("%PDF-1.4"), std::string::npos);
  EXPECT_EQ(db.find("id card.pdf"), std::string::npos);
}

TEST_F(EmailIntakeTest, RepliesThreadByOurMessageIdOrByReferenceFromTheConsumer) {
  const Request r = *TakeIn(Fixture("request_en.eml")).request;
  const std::string ours = "ntc-" + r.id + "-1-0@acme.example";
  app::EmailIntakeResult reply = TakeIn(
      "From: Someone Else <helper@example.net>\r\nMessage-ID: <r1@example.net>\r\n"
      "In-Reply-To: <" +
      ours + ">\r\nSubject: Re: your request\r\n\r\nMore details.\r\n");
  EXPECT_EQ(reply.outcome, app::EmailOutcome::kThreaded);
  EXPECT_EQ(reply.request->id, r.id);
  EXPECT_EQ(ActionsOf(r.id).back(), "request.message_received");

  app::EmailIntakeResult by_reference =
      TakeIn("From: ANA@example.com\r\nMessage-ID: <r2@example.com>\r\nSubject: About " +
             r.reference + "\r\n\r\nAny news?\r\n");
  EXPECT_EQ(by_reference.outcome, app::EmailOutcome::kThreaded);

  // A stranger naming the reference is not threaded to someone else's request.
  app::EmailIntakeResult stranger =
      TakeIn("From: mallory@example.org\r\nMessage-ID: <r3@example.org>\r\nSubject: About " +
             r.reference + "\r\n\r\nhello\r\n");
  EXPECT_NE(stranger.outcome, app::EmailOutcome::kThreaded);
  EXPECT_THAT(*installation_->inbox().InboundOf(r.id), SizeIs(3));  // the request and 2 replies
}

TEST_F(EmailIntakeTest, ABounceMarksOurMessageAndIsRecordedNeverARequest) {
  const Request r = *TakeIn(Fixture("request_en.eml")).request;
  const Instant now = clock_.Now();
  auto claimed = installation_->outbox().ClaimDue(now, now + std::chrono::minutes(5), 10);
  ASSERT_THAT(*claimed, SizeIs(1));
  const std::string notice = (*claimed)[0].id;
  ASSERT_TRUE(installation_->outbox().MarkSent(
      notice, now, {.request_id = r.id, .actor = "test", .action = "notice.sent", .at = now}));
  std::string bounce = Fixture("bounce.eml");
  const std::string fixture_id = "ntc-0190f5c2-aaaa-7bbb-8ccc-123456789abc-1-0@acme.example";
  bounce.replace(bounce.find(fixture_id), fixture_id.size(), notice + "@acme.example");

  app::EmailIntakeResult taken = TakeIn(bounce);
  EXPECT_EQ(taken.outcome, app::EmailOutcome::kBounce);
  EXPECT_EQ(taken.request->id, r.id);
  EXPECT_EQ((*installation_->requests().NoticesOf(r.id))[0].status, "bounced");
  EXPECT_EQ(ActionsOf(r.id).back(), "notice.bounced");
  EXPECT_EQ(TakeIn(bounce).outcome, app::EmailOutcome::kDuplicate);
}

TEST_F(EmailIntakeTest, TheOneLawAMessageNamesSetsItsJurisdiction) {
  app::EmailIntakeResult virginia = TakeIn(
      "From: vic@example.com\r\nMessage-ID: <j1@example.com>\r\nSubject: Delete my data"
      "\r\n\r\nAs a Virginia resident I ask you to delete all my personal data.\r\n");
  ASSERT_EQ(virginia.outcome, app::EmailOutcome::kCreated);
  EXPECT_EQ(virginia.request->jurisdiction, "US-VA");
  app::EmailIntakeResult none = TakeIn(Fixture("request_en.eml"));
  EXPECT_EQ(none.request->jurisdiction, "US-CA");  // the business's default
}

TEST_F(EmailIntakeTest, AutoRepliesAndUnclearMessagesNeverBecomeRequests) {
  EXPECT_EQ(TakeIn(Fixture("auto_reply.eml")).outcome, app::EmailOutcome::kAutoReply);
  app::EmailIntakeResult unclear = TakeIn(
      "From: bob@example.com\r\nMessage-ID: <u1@example.com>\r\nSubject: hi\r\n\r\n"
      "Do you sell gift cards for the shop in town?\r\n");
  EXPECT_EQ(unclear.outcome, app::EmailOutcome::kTriaged);
  EXPECT_FALSE(unclear.request);
  auto triage = installation_->inbox().InboundOfKind("triage", 10);
  ASSERT_THAT(*triage, SizeIs(1));
  EXPECT_EQ((*triage)[0].from_address, "bob@example.com");
  auto page = installation_->requests().List({});
  EXPECT_THAT(page->requests, IsEmpty());
}

TEST_F(EmailIntakeTest, APersonDecidesWhatTriageHoldsAndTheClassifierLearnsIt) {
  auto unclear = [&](const std::string& id, const std::string& text) {
    return TakeIn("From: Bob <bob@example.com>\r\nMessage-ID: <" + id + ">\r\nSubject: hi\r\n\r\n" +
                  text + "\r\n");
  };
  app::EmailIntakeResult gift = unclear("t1@example.com", "Do you sell gift cards for the shop?");
  app::EmailIntakeResult odd = unclear("t2@example.com", "Stop the thing with my stuff, gracias");
  ASSERT_EQ(gift.outcome, app::EmailOutcome::kTriaged);
  ASSERT_EQ(odd.outcome, app::EmailOutcome::kTriaged);
  app::TriageStores stores{installation_->inbox(), installation_->corrections()};

  auto made = app::AcceptTriaged(services(), stores, odd.inbound_id, "opt_out", "en", "staff:ana");
  ASSERT_TRUE(made) << made.error().message();
  EXPECT_EQ(made->type, RequestType::kOptOut);
  EXPECT_EQ(made->channel, Channel::kEmail);
  EXPECT_EQ(made->subject.email, "bob@example.com");
  EXPECT_THAT(ActionsOf(made->id),
              ::testing::ElementsAre("request.submitted", "intake.triage_accepted"));
  auto again = app::AcceptTriaged(services(), stores, odd.inbound_id, "opt_out", "en", "staff:ana");
  EXPECT_EQ(again.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(app::AcceptTriaged(services(), stores, gift.inbound_id, "bogus", "en", "staff:ana")
                .error()
                .code(),
            ErrorCode::kInvalidArgument);

  ASSERT_TRUE(app::DismissTriaged(services(), stores, gift.inbound_id, "en", "staff:ana"));
  EXPECT_THAT(*installation_->inbox().InboundOfKind("triage", 10), IsEmpty());
  auto corrections = installation_->corrections().Corrections();
  std::vector<std::string> learnt_types;
  for (const store::ClassifierCorrection& c : *corrections) learnt_types.push_back(c.type);
  EXPECT_THAT(learnt_types, ::testing::UnorderedElementsAre("opt_out", "other"));  // same instant
  // The next classifier learns from the decisions.
  auto learnt = app::MessageClassifier::Load(*corrections);
  ASSERT_TRUE(learnt);
  EXPECT_EQ(learnt->Classify("hi\nStop the thing with my stuff, gracias").type, "opt_out");
}

}  // namespace
}  // namespace rightsdesk::testing
