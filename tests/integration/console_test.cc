// The staff console over real HTTP: sign-in with password and TOTP (replay, lockout), the
// session cookie and CSRF, roles, the dashboard and queue, a request's page and its actions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "app/email_intake.h"
#include "app/preferences.h"
#include "app/staff_accounts.h"
#include "app/verification.h"
#include "console_fixture.h"
#include "security/api_token.h"
#include "security/totp.h"

namespace rightsdesk::testing {
namespace {

using bhttp::verb;
using ::testing::HasSubstr;
using ::testing::Not;

class ConsoleTest : public ConsoleFixture {
 protected:
  void SetUp() override {
    ConsoleFixture::SetUp();
    for (const char* type : {"access", "delete"}) {
      Reply r = Post(std::string(R"({"type":")") + type +
                     R"(","subject":{"email":"a@example.com","name":"<b>Bold</b> & Co"}})");
      ASSERT_EQ(r.status, 201U);
      ids_.push_back(r.body.at("id"));
    }
  }
  std::vector<std::string> ids_;
};

TEST_F(ConsoleTest, PagesNeedASession) {
  for (const std::string path : {"/console", "/console/requests", "/console/requests/x"}) {
    Reply page = Send(port_, verb::get, path, "", "");
    EXPECT_EQ(page.status, 303U) << path;
    EXPECT_EQ(page.headers["location"], "/console/login") << path;
  }
  EXPECT_EQ(Get("/console", "rd_session=rdc_" + std::string(64, 'a')).status, 303U);
}

TEST_F(ConsoleTest, SignInNeedsPasswordAndAFreshCode) {
  store::StaffUser alice = AddUser("alice", "staff");
  EXPECT_EQ(LogIn("alice", "wrong+password+here", CodeFor(alice)).status, 401U);
  EXPECT_EQ(LogIn("alice", "a+long+staff+password", "000000").status,
            CodeFor(alice) == "000000" ? 303U : 401U);
  Reply unknown = LogIn("nobody", "a+long+staff+password", "123456");
  EXPECT_EQ(unknown.status, 401U);
  EXPECT_THAT(unknown.text, HasSubstr("wrong username, password or code"));
  std::string code = CodeFor(alice);
  Reply in = LogIn("alice", "a+long+staff+password", code);
  ASSERT_EQ(in.status, 303U);
  EXPECT_THAT(in.headers["set-cookie"], HasSubstr("HttpOnly"));
  EXPECT_THAT(in.headers["set-cookie"], HasSubstr("Secure"));
  EXPECT_THAT(in.headers["set-cookie"], HasSubstr("SameSite=Strict"));
  EXPECT_EQ(LogIn("alice", "a+long+staff+password", code).status, 401U);  // replayed code
}

TEST_F(ConsoleTest, FiveFailuresLockTheAccount) {
  store::StaffUser bob = AddUser("bob", "staff");
  for (int i = 0; i < app::kMaxFailedLogins; ++i) {
    EXPECT_EQ(LogIn("bob", "wrong+password+here", "111111").status, 401U);
  }
  Reply locked = LogIn("bob", "a+long+staff+password", CodeFor(bob));
  EXPECT_EQ(locked.status, 429U);
  clock_.Set(clock_.Now() + app::kLockout + std::chrono::seconds{1});
  EXPECT_EQ(LogIn("bob", "a+long+staff+password", CodeFor(bob)).status, 303U);
}

TEST_F(ConsoleTest, DashboardQueueAndRequestPageShowTheWork) {
  store::StaffUser alice = AddUser("alice", "staff");
  std::string cookie = SessionOf(alice);
  Reply dash = Get("/console", cookie);
  ASSERT_EQ(dash.status, 200U) << dash.text;
  EXPECT_THAT(dash.text, HasSubstr("data-testid=\"tile-received\">2<"));
  EXPECT_THAT(dash.text, HasSubstr("data-testid=\"tile-open\">2<"));
  EXPECT_THAT(dash.text, HasSubstr("RD-2026-00001"));
  Reply queue = Get("/console/requests?q=a%40example.com&status=&type=delete", cookie);
  ASSERT_EQ(queue.status, 200U);
  EXPECT_THAT(queue.text, HasSubstr("RD-2026-00002"));
  EXPECT_THAT(queue.text, Not(HasSubstr(">RD-2026-00001<")));
  EXPECT_EQ(Get("/console/requests?status=bogus", cookie).status, 422U);
  Reply page = Get("/console/requests/" + ids_[0], cookie);
  ASSERT_EQ(page.status, 200U);
  EXPECT_THAT(page.text, HasSubstr("request.submitted"));
  EXPECT_THAT(page.text, HasSubstr("&lt;b&gt;Bold&lt;/b&gt; &amp; Co"));
  EXPECT_THAT(page.text, Not(HasSubstr("<b>Bold</b>")));
  // Overdue once the due moment passed (by then the session has expired: sign in again).
  clock_.Set(clock_.Now() + std::chrono::days{60});
  EXPECT_EQ(Get("/console", cookie).status, 303U);
  EXPECT_THAT(Get("/console", SessionOf(alice)).text, HasSubstr("data-testid=\"tile-overdue\">2<"));
}

TEST_F(ConsoleTest, TheRequestPageShowsWhatEachRecipientWasToldAndWhatStaffStillOwe) {
  Reply made = Post(R"({"type":"opt_out","subject":{"email":"zoe@example.com"}})");
  ASSERT_EQ(made.status, 201U);
  DataMap map;
  map.recipients = {{.name = "Ad <network>",
                     .kind = Recipient::Kind::kThirdParty,
                     .notify_email = "privacy@ads.example"},
                    {.name = "Data broker", .kind = Recipient::Kind::kThirdParty}};
  ASSERT_TRUE(app::HonorPreferenceRequest(api_->services, installation_->preferences(), map,
                                          made.body.at("reference").get<std::string>(),
                                          "staff:ana"));
  Reply page = Get("/console/requests/" + made.body.at("id").get<std::string>(),
                   SessionOf(AddUser("alice", "staff")));
  ASSERT_EQ(page.status, 200U) << page.text;
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"notices\""));
  EXPECT_THAT(page.text, HasSubstr("<td>Ad &lt;network&gt;</td><td>email</td><td>queued</td>"));
  EXPECT_THAT(page.text, HasSubstr("class=\"owed\"><td>opt_out</td><td>Data broker</td>"));
  EXPECT_THAT(page.text, HasSubstr("to tell by hand, then confirm"));
  // A request that told nobody has no such table.
  EXPECT_THAT(Get("/console/requests/" + ids_[0], SessionOf(AddUser("bob", "staff"))).text,
              Not(HasSubstr("data-testid=\"notices\"")));
}

TEST_F(ConsoleTest, TheRequestPageShowsTheVerificationLevelAndWhatIsMissing) {
  Reply page = Get("/console/requests/" + ids_[0], SessionOf(AddUser("alice", "staff")));
  ASSERT_EQ(page.status, 200U) << page.text;
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"verification\""));
  EXPECT_THAT(page.text, HasSubstr("reasonably_high (3 matched data points + signed declaration)"));
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"verification-missing\">3 more matched data "
                                   "points; signed declaration<"));
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"verification-verified\">no<"));
}

TEST_F(ConsoleTest, ActionsNeedTheFormsTokenAndWriteTheTimeline) {
  std::string cookie = SessionOf(AddUser("alice", "staff"));
  std::string path = "/console/requests/" + ids_[0];
  std::string csrf = CsrfIn(Get(path, cookie).text);
  ASSERT_FALSE(csrf.empty());
  EXPECT_EQ(PostForm(path + "/extend", "reason=complex", cookie).status, 403U);
  EXPECT_EQ(
      PostForm(path + "/extend", "reason=complex&csrf=" + std::string(64, '0'), cookie).status,
      403U);
  EXPECT_EQ(PostForm(path + "/extend", "reason=complex&csrf=" + csrf, cookie,
                     {{"Origin", "https://evil.example"}})
                .status,
            403U);
  Reply extended = PostForm(path + "/extend", "reason=Many+systems&csrf=" + csrf, cookie);
  ASSERT_EQ(extended.status, 303U) << extended.text;
  EXPECT_EQ(extended.headers["location"], path + "?done=extend");
  Reply page = Get(path + "?done=extend", cookie);
  EXPECT_THAT(page.text, HasSubstr("Deadline extended"));
  EXPECT_THAT(page.text, HasSubstr("request.extended"));
  EXPECT_THAT(page.text, HasSubstr("user:alice"));
  EXPECT_EQ(PostForm(path + "/extend", "reason=again&csrf=" + csrf, cookie).status, 409U);
  EXPECT_EQ(PostForm(path + "/note", "note=Called+the+consumer&csrf=" + csrf, cookie).status, 303U);
  EXPECT_EQ(PostForm(path + "/assign", "assignee=alice&csrf=" + csrf, cookie).status, 303U);
  EXPECT_EQ(PostForm(path + "/transition",
                     "to=pending_verification&reason=start&basis=other&csrf=" + csrf, cookie)
                .status,
            303U);
  EXPECT_EQ(PostForm(path + "/transition", "to=completed&reason=skip&csrf=" + csrf, cookie).status,
            409U);
  auto stored = installation_->requests().FindById(ids_[0]);
  EXPECT_TRUE(stored->extended);
  EXPECT_EQ(stored->assignee, "alice");
  EXPECT_EQ(stored->status, Status::kPendingVerification);
  // The form always sends a basis; only a denial keeps it.
  EXPECT_FALSE(stored->denial_basis);
  Reply denied =
      PostForm(path + "/transition",
               "to=denied&reason=An+unknown+sender&basis=not_a_consumer&csrf=" + csrf, cookie);
  ASSERT_EQ(denied.status, 303U) << denied.text;
  EXPECT_EQ(installation_->requests().FindById(ids_[0])->denial_basis, DenialBasis::kNotAConsumer);
}

TEST_F(ConsoleTest, AnAuditorReadsButCannotChange) {
  std::string cookie = SessionOf(AddUser("carol", "auditor"));
  std::string path = "/console/requests/" + ids_[0];
  Reply page = Get(path, cookie);
  ASSERT_EQ(page.status, 200U);
  EXPECT_THAT(page.text, HasSubstr("may read this request but not change it"));
  std::string csrf = CsrfIn(page.text);  // the logout form's
  EXPECT_EQ(PostForm(path + "/note", "note=x&csrf=" + csrf, cookie).status, 403U);
}

TEST_F(ConsoleTest, OnlyReviewersOpenAndDecideOnAnIdentityDocument) {
  app::Verification verification(api_->services, installation_->verification(), nullptr, {}, {});
  auto added = verification.AddDocument(ids_[1],
                                        {.kind = std::string(app::kIdentityDocument),
                                         .filename = "id.png",
                                         .content_type = "image/png",
                                         .bytes = "PNG licence"},
                                        "consumer");
  ASSERT_TRUE(added) << added.error().message();
  const std::string document = added->documents.at(0).id;
  const std::string path = "/console/requests/" + ids_[1];
  const std::string review = path + "/documents/" + document + "/review";

  std::string staff = SessionOf(AddUser("alice", "staff"));
  Reply staff_page = Get(path, staff);
  EXPECT_THAT(staff_page.text, HasSubstr("held for a reviewer"));
  EXPECT_THAT(staff_page.text, Not(HasSubstr("data-testid=\"identity-review\"")));
  EXPECT_EQ(Get(path + "/documents/" + document, staff).status, 403U);
  std::string csrf = CsrfIn(staff_page.text);
  EXPECT_EQ(PostForm(review, "decision=accept&point_name=1&csrf=" + csrf, staff).status, 403U);

  std::string reviewer = SessionOf(AddUser("rita", "reviewer"));
  Reply page = Get(path, reviewer);
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"identity-review\""));
  Reply file = Get(path + "/documents/" + document, reviewer);
  EXPECT_EQ(file.status, 200U);
  EXPECT_EQ(file.text, "PNG licence");
  csrf = CsrfIn(page.text);
  Reply no_reason = PostForm(review, "decision=reject&reason=&csrf=" + csrf, reviewer);
  EXPECT_EQ(no_reason.status, 422U);
  EXPECT_THAT(no_reason.text, HasSubstr("a rejection says why"));
  EXPECT_EQ(PostForm(review, "decision=maybe&csrf=" + csrf, reviewer).status, 422U);
  Reply decided =
      PostForm(review, "decision=accept&point_name=1&point_address=1&csrf=" + csrf, reviewer);
  ASSERT_EQ(decided.status, 303U) << decided.text;
  EXPECT_EQ(decided.headers["location"], path + "?done=identity-verified");
  EXPECT_EQ(Get(path + "/documents/" + document, reviewer).status, 409U);  // erased
  Reply after = Get(path + "?done=identity-verified", reviewer);
  EXPECT_THAT(after.text, HasSubstr("data-testid=\"verification-reviewed\">name, address"));
  EXPECT_EQ(installation_->requests().FindById(ids_[1])->status, Status::kVerified);
}

TEST_F(ConsoleTest, LogoutEndsTheSession) {
  std::string cookie = SessionOf(AddUser("alice", "staff"));
  std::string csrf = CsrfIn(Get("/console", cookie).text);
  Reply out = PostForm("/console/logout", "csrf=" + csrf, cookie);
  EXPECT_EQ(out.status, 303U);
  EXPECT_THAT(out.headers["set-cookie"], HasSubstr("Max-Age=0"));
  EXPECT_EQ(Get("/console", cookie).status, 303U);
}

TEST_F(ConsoleTest, DisablingAUserEndsTheirSessionAndLogins) {
  store::StaffUser alice = AddUser("alice", "staff");
  std::string cookie = SessionOf(alice);
  ASSERT_EQ(Get("/console", cookie).status, 200U);
  ASSERT_TRUE(app::DisableStaffUser(installation_->users(), clock_, "alice", "cli:admin"));
  EXPECT_EQ(Get("/console", cookie).status, 303U) << "the open session ended";
  NextStep();
  EXPECT_EQ(LogIn("alice", "a+long+staff+password", CodeFor(alice)).status, 401U);
  auto again = app::DisableStaffUser(installation_->users(), clock_, "alice", "cli:admin");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kFailedPrecondition);
  auto nobody = app::DisableStaffUser(installation_->users(), clock_, "nobody", "cli:admin");
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().code(), ErrorCode::kNotFound);
}

TEST_F(ConsoleTest, ALoginPurgesTheUsersEndedSessions) {
  store::StaffUser alice = AddUser("alice", "staff");
  std::string cookie = SessionOf(alice);
  std::string csrf = CsrfIn(Get("/console", cookie).text);
  ASSERT_EQ(PostForm("/console/logout", "csrf=" + csrf, cookie).status, 303U);
  Hash ended = security::HashToken(cookie.substr(cookie.find('=') + 1));
  ASSERT_TRUE(installation_->users().FindSession(ended)) << "kept until the next login";
  NextStep();
  std::string again = SessionOf(alice);
  EXPECT_EQ(Get("/console", again).status, 200U);
  auto gone = installation_->users().FindSession(ended);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code(), ErrorCode::kNotFound);
}

TEST_F(ConsoleTest, TriageShowsWaitingEmailAndMakesARequestOfIt) {
  auto classifier = app::MessageClassifier::Load({});
  ASSERT_TRUE(classifier);
  app::Services services{installation_->ruleset(), installation_->requests(), clock_, zones_,
                         random_};
  auto take_in = [&](const std::string& raw) {
    auto email = messaging::ParseInboundEmail(raw);
    EXPECT_TRUE(email);
    auto taken = app::TakeInEmail(services, installation_->inbox(), *classifier, *email);
    EXPECT_TRUE(taken) << taken.error().message();
    return *taken;
  };
  app::EmailIntakeResult waiting = take_in(
      "From: Zoe <zoe@example.com>\r\nMessage-ID: <c1@example.com>\r\nSubject: <i>hi</i>\r\n"
      "\r\nStop the thing with my stuff <script>x</script>\r\n");
  ASSERT_EQ(waiting.outcome, app::EmailOutcome::kTriaged);
  const std::string cookie = SessionOf(AddUser("ana", "staff"));

  Reply dash = Get("/console", cookie);
  EXPECT_THAT(dash.text, HasSubstr("data-testid=\"tile-triage\">1<"));
  Reply page = Get("/console/triage", cookie);
  ASSERT_EQ(page.status, 200U);
  EXPECT_THAT(page.text, HasSubstr("zoe@example.com"));
  EXPECT_THAT(page.text, HasSubstr("&lt;script&gt;x&lt;/script&gt;"));  // escaped
  EXPECT_THAT(page.text, Not(HasSubstr("<script>x")));
  const std::string csrf = CsrfIn(page.text);

  Reply bad = PostForm("/console/triage/" + waiting.inbound_id + "/accept",
                       "type=bogus&language=&csrf=" + csrf, cookie);
  EXPECT_EQ(bad.status, 422U);
  Reply made = PostForm("/console/triage/" + waiting.inbound_id + "/accept",
                        "type=opt_out&language=&csrf=" + csrf, cookie);
  ASSERT_EQ(made.status, 303U) << made.text;
  const std::string location = made.headers["location"];
  EXPECT_THAT(location, HasSubstr("?done=triage"));
  Reply shown = Get(location, cookie);
  EXPECT_THAT(shown.text, HasSubstr("data-testid=\"correspondence\""));
  EXPECT_THAT(shown.text, HasSubstr("Stop the thing with my stuff"));
  EXPECT_THAT(shown.text, HasSubstr("intake.triage_accepted"));
  EXPECT_THAT(Get("/console/triage", cookie).text, HasSubstr("Nothing waits in triage"));
  Reply twice = PostForm("/console/triage/" + waiting.inbound_id + "/accept",
                         "type=opt_out&language=&csrf=" + csrf, cookie);
  EXPECT_EQ(twice.status, 404U);
  Reply forged = PostForm("/console/triage/" + waiting.inbound_id + "/dismiss",
                          "csrf=" + std::string(64, '0'), cookie);
  EXPECT_EQ(forged.status, 403U);
}

TEST_F(ConsoleTest, ReportsShowTheYearlyMetricsAsATableACsvAndAPageToPublish) {
  const std::string cookie = SessionOf(AddUser("ana", "auditor"));
  const std::string year = FormatInstant(clock_.Now()).substr(0, 4);
  Reply page = Get("/console/reports", cookie);  // this year by default
  ASSERT_EQ(page.status, 200U) << page.text;
  EXPECT_THAT(page.text, HasSubstr("Requests received in " + year));
  // The fixture's two requests (access, delete) are open.
  EXPECT_THAT(page.text, HasSubstr("<th scope=\"row\">Requests to know</th><td>1</td>"));
  EXPECT_THAT(page.text, HasSubstr("<th scope=\"row\">Requests to delete</th><td>1</td>"));
  Reply csv = Get("/console/reports/metrics.csv?year=" + year, cookie);
  ASSERT_EQ(csv.status, 200U);
  EXPECT_THAT(csv.headers["content-disposition"], HasSubstr("metrics-" + year + ".csv"));
  EXPECT_THAT(csv.text, HasSubstr(year + ",know,1,0,0,0,0,0,0,0,1,0,,,0\n"));
  Reply publish = Get("/console/reports/metrics.html?year=" + year, cookie);
  EXPECT_THAT(publish.text, HasSubstr("<!doctype html>"));
  EXPECT_THAT(publish.text, Not(HasSubstr("Log out")));  // a page to publish, not the console's
  EXPECT_EQ(Get("/console/reports?year=19x9", cookie).status, 422U);
  EXPECT_EQ(Get("/console/reports", "").status, 303U);  // to the sign-in page
}

}  // namespace
}  // namespace rightsdesk::testing
