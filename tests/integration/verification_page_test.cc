// The consumer's identity-confirmation page over real HTTP, on the Chinook demo data: the code
// sent to the email (taken from the outbox as it would be sent), a wrong then a right code, the
// match it starts, the declaration an access request needs, a form from another site, an unknown
// link. The page never says which details matched.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "app/intake.h"
#include "connectors/open_source.h"
#include "http_client.h"
#include "security/account_tokens.h"
#include "support/login_keys.h"

namespace rightsdesk::testing {
namespace {

using bhttp::verb;
using ::testing::HasSubstr;
using ::testing::Not;

class VerificationPageTest : public ServerFixture {
 protected:
  void Configure(http::ApiContext& api) override {
    const app::DataDir dir{scratch_.path() / "data"};
    const std::filesystem::path demo = std::string(RIGHTSDESK_SOURCE_DIR) + "/demo";
    std::filesystem::copy_file(demo / "chinook/Chinook_Sqlite.sqlite", dir.root / "chinook.sqlite");
    std::filesystem::copy_file(demo / "datamap.toml", dir.datamap());
    desk_.emplace(app::FulfilmentDesk{
        .datamap_file = dir.datamap(),
        .certificates_dir = dir.certificates(),
        .open =
            [this](const SystemMap& system) { return connectors::OpenDataSource(system, clock_); },
        .retry = {.sleep = [](std::chrono::milliseconds) {}}});
    api.desk = &*desk_;
    api.codes = &installation_->codes();
  }

  app::Submitted Submit(const app::IntakeForm& form) {
    auto submitted = app::SubmitRequest(api_->services, form, "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    return *submitted;
  }

  static std::string VerifyPath(const app::Submitted& s) {
    return app::StatusPath(s.request.id, s.status_token) + "/verify";
  }

  Reply Get(const std::string& target) { return Send(port_, verb::get, target, "", ""); }
  Reply Post(const std::string& target, const std::string& body, const Headers& headers = {}) {
    return Send(port_, verb::post, target, body, kForm, "", headers);
  }

  // The code of the newest one-time code message the outbox would send now.
  std::string QueuedCode() {
    auto due =
        installation_->outbox().ClaimDue(clock_.Now(), clock_.Now() + std::chrono::hours(1), 100);
    EXPECT_TRUE(due) << due.error().message();
    std::string code;
    for (const auto& notice : *due) {
      if (notice.kind == "one_time_code") code = notice.params.value("code", "");
    }
    return code;
  }

  Status StatusOf(const app::Submitted& s) {
    auto found = installation_->requests().FindById(s.request.id);
    EXPECT_TRUE(found) << found.error().message();
    return found ? found->status : Status::kReceived;
  }

  // A multipart/form-data body with one file and the given text fields.
  static std::string Multipart(const std::string& file, const std::string& field_text = "") {
    std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nen\r\n";
    if (!field_text.empty()) {
      body += "--XyZ\r\nContent-Disposition: form-data; name=\"" + field_text + "\"\r\n\r\nyes\r\n";
    }
    body +=
        "--XyZ\r\nContent-Disposition: form-data; name=\"permission\"; "
        "filename=\"permission.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" +
        file + "\r\n--XyZ--\r\n";
    return body;
  }
  Reply Upload(const app::Submitted& s, const std::string& body) {
    return Send(port_, verb::post, VerifyPath(s) + "/document", body,
                "multipart/form-data; boundary=XyZ");
  }

  std::optional<app::FulfilmentDesk> desk_;
};

TEST_F(VerificationPageTest, AConsumerConfirmsTheirEmailAndACategoriesRequestIsVerified) {
  app::Submitted s =
      Submit({.type = "categories", .email = "ftremblay@gmail.com", .name = "François Tremblay"});
  Reply status = Get(app::StatusPath(s.request.id, s.status_token));
  EXPECT_THAT(status.text, HasSubstr(VerifyPath(s)));

  Reply page = Get(VerifyPath(s));
  ASSERT_EQ(page.status, 200u) << page.text;
  EXPECT_THAT(page.text, HasSubstr(R"(data-testid="send-email")"));
  EXPECT_THAT(page.text, Not(HasSubstr(R"(data-testid="step-phone")")));  // no SMS gateway

  Reply sent = Post(VerifyPath(s) + "/code", "lang=en&contact=email");
  ASSERT_EQ(sent.status, 200u) << sent.text;
  EXPECT_THAT(sent.text, HasSubstr(R"(data-testid="code-sent")"));
  EXPECT_THAT(sent.text, HasSubstr(R"(data-testid="confirm-email")"));
  const std::string code = QueuedCode();
  ASSERT_EQ(code.size(), 6u);

  const std::string wrong = code == "000000" ? "111111" : "000000";
  Reply refused = Post(VerifyPath(s) + "/confirm", "lang=en&contact=email&code=" + wrong);
  EXPECT_EQ(refused.status, 422u);
  EXPECT_THAT(refused.text, HasSubstr("That code is not right. Attempts left with this code: 4."));
  EXPECT_EQ(StatusOf(s), Status::kReceived);

  Reply accepted = Post(VerifyPath(s) + "/confirm", "lang=en&contact=email&code=" + code);
  ASSERT_EQ(accepted.status, 303u) << accepted.text;
  EXPECT_EQ(accepted.headers["location"], VerifyPath(s));
  EXPECT_EQ(StatusOf(s), Status::kVerified);
  Reply done = Get(VerifyPath(s));
  EXPECT_THAT(done.text, HasSubstr(R"(data-testid="verify-done")"));
  EXPECT_THAT(Get(app::StatusPath(s.request.id, s.status_token)).text,
              Not(HasSubstr(VerifyPath(s))));
}

TEST_F(VerificationPageTest, AnAccessRequestAsksForTheSignedDeclarationAndNeverSaysWhatMatched) {
  app::Submitted s = Submit({.type = "access",
                             .email = "ftremblay@gmail.com",
                             .name = "François Tremblay",
                             .address = "1498 rue Bélanger, Montréal",
                             .language = "es"});
  ASSERT_EQ(Post(VerifyPath(s) + "/code", "contact=email").status, 200u);
  Reply confirmed = Post(VerifyPath(s) + "/confirm", "contact=email&code=" + QueuedCode());
  ASSERT_EQ(confirmed.status, 303u) << confirmed.text;
  EXPECT_EQ(StatusOf(s), Status::kReceived);

  Reply page = Get(VerifyPath(s));
  EXPECT_THAT(page.text, HasSubstr(R"(data-testid="confirmed-email")"));
  EXPECT_THAT(page.text, HasSubstr(R"(data-testid="declare")"));
  EXPECT_THAT(page.text, HasSubstr("under penalty of perjury"));
  EXPECT_THAT(page.text, HasSubstr("Firmar la declaración"));  // the request's language
  for (const char* leak : {"chinook", "matched", "address", "Bélanger"}) {
    EXPECT_THAT(page.text, Not(HasSubstr(leak))) << leak;
  }

  Reply unticked = Post(VerifyPath(s) + "/declare", "full_name=Fran%C3%A7ois+Tremblay");
  EXPECT_EQ(unticked.status, 422u);
  EXPECT_THAT(unticked.text, HasSubstr("Marque la casilla"));
  Reply nameless = Post(VerifyPath(s) + "/declare", "full_name=+&agree=yes");
  EXPECT_EQ(nameless.status, 422u);
  EXPECT_EQ(StatusOf(s), Status::kReceived);

  Reply signed_ = Post(VerifyPath(s) + "/declare", "full_name=Fran%C3%A7ois+Tremblay&agree=yes");
  ASSERT_EQ(signed_.status, 303u) << signed_.text;
  EXPECT_EQ(StatusOf(s), Status::kVerified);
  auto declarations = installation_->verification().DeclarationsOf(s.request.id);
  ASSERT_TRUE(declarations && declarations->size() == 1u);
  EXPECT_EQ((*declarations)[0].full_name, "François Tremblay");
  EXPECT_EQ((*declarations)[0].ip, "127.0.0.1");
}

TEST_F(VerificationPageTest, TheConsumerIsToldWhenTheirPartIsDoneButTheRecordsDoNotAgree) {
  app::Submitted s = Submit({.type = "categories", .email = "someone.else@example.com"});
  ASSERT_EQ(Post(VerifyPath(s) + "/code", "contact=email").status, 200u);
  ASSERT_EQ(Post(VerifyPath(s) + "/confirm", "contact=email&code=" + QueuedCode()).status, 303u);
  Reply page = Get(VerifyPath(s));
  EXPECT_THAT(page.text, HasSubstr(R"(data-testid="team-review")"));
  EXPECT_EQ(StatusOf(s), Status::kReceived);
}

TEST_F(VerificationPageTest, AFormFromAnotherSiteAndAnUnknownLinkAreRefused) {
  app::Submitted s = Submit({.type = "access", .email = "ftremblay@gmail.com"});
  Reply cross =
      Post(VerifyPath(s) + "/code", "contact=email", {{"Origin", "https://attacker.example"}});
  EXPECT_EQ(cross.status, 403u);
  EXPECT_EQ(QueuedCode(), "");
  Reply unknown = Get("/privacy/status/" + s.request.id + "/rds_notthetoken/verify");
  EXPECT_EQ(unknown.status, 404u);
  Reply bad_contact = Post(VerifyPath(s) + "/code", "contact=name");
  EXPECT_EQ(bad_contact.status, 422u);
}

TEST_F(VerificationPageTest, AnAgentSendsThePermissionAndTheConsumerConfirmsWithTheirOwnCode) {
  app::Submitted s = Submit({.type = "categories",
                             .email = "ftremblay@gmail.com",
                             .name = "François Tremblay",
                             .address = "1498 rue Bélanger, Montréal",
                             .agent_name = "<b>Helper</b> Inc",
                             .agent_email = "desk@helper.example"});
  Reply page = Get(VerifyPath(s));
  EXPECT_THAT(page.text, HasSubstr(R"(data-testid="upload-permission")"));
  EXPECT_THAT(page.text, HasSubstr("&lt;b&gt;Helper&lt;/b&gt; Inc"));
  EXPECT_THAT(page.text, Not(HasSubstr("<b>Helper</b>")));

  EXPECT_EQ(Upload(s, "--XyZ--\r\n").status, 422u) << "no file";
  Reply uploaded = Upload(s, Multipart("%PDF-1.4 signed"));
  ASSERT_EQ(uploaded.status, 303u) << uploaded.text;
  EXPECT_THAT(Get(VerifyPath(s)).text, HasSubstr(R"(data-testid="agent-permission-on-record")"));

  Reply sent = Post(VerifyPath(s) + "/consent-code", "lang=en");
  ASSERT_EQ(sent.status, 200u) << sent.text;
  EXPECT_THAT(sent.text, HasSubstr(R"(data-testid="confirm-agent")"));
  // The code goes to the consumer's email: the agent at this page does not see it.
  auto due =
      installation_->outbox().ClaimDue(clock_.Now(), clock_.Now() + std::chrono::hours(1), 100);
  ASSERT_TRUE(due);
  std::string code;
  for (const auto& notice : *due) {
    if (notice.kind != "one_time_code") continue;
    EXPECT_FALSE(notice.params.contains("to")) << "sent to the request's email, the consumer's";
    code = notice.params.value("code", "");
  }
  Reply confirmed = Post(VerifyPath(s) + "/consent", "lang=en&code=" + code);
  ASSERT_EQ(confirmed.status, 303u) << confirmed.text;
  EXPECT_EQ(StatusOf(s), Status::kVerified);
  auto documents = installation_->verification().DocumentsOf(s.request.id);
  ASSERT_TRUE(documents && documents->size() == 1u);
  EXPECT_EQ((*documents)[0].kind, "agent_permission");
  EXPECT_EQ((*documents)[0].added_by, "agent");
}

TEST_F(VerificationPageTest, AConsumerWhoGaveNoPermissionStopsTheAgentsRequest) {
  app::Submitted s = Submit({.type = "delete",
                             .email = "ftremblay@gmail.com",
                             .agent_name = "Impostor LLC",
                             .agent_email = "x@impostor.example"});
  Reply refused = Post(VerifyPath(s) + "/not-authorized", "lang=en");
  ASSERT_EQ(refused.status, 303u) << refused.text;
  EXPECT_EQ(StatusOf(s), Status::kDenied);
  Reply again = Post(VerifyPath(s) + "/not-authorized", "lang=en");
  EXPECT_EQ(again.status, 409u);
}

TEST_F(VerificationPageTest, AConsumerSendsACopyOfAnIdentityDocumentForAReviewer) {
  app::Submitted s = Submit({.type = "categories", .email = "nobody.here@example.com"});
  Reply page = Get(VerifyPath(s));
  ASSERT_EQ(page.status, 200u) << page.text;
  EXPECT_THAT(page.text, HasSubstr(R"(data-testid="upload-identity")"));
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nen\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"document\"\r\n\r\nidentity\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"identity\"; filename=\"id.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\nJFIF licence\r\n--XyZ--\r\n";
  Reply uploaded = Upload(s, body);
  ASSERT_EQ(uploaded.status, 303u) << uploaded.text;
  auto documents = installation_->verification().DocumentsOf(s.request.id);
  ASSERT_TRUE(documents && documents->size() == 1u);
  EXPECT_EQ((*documents)[0].kind, "identity_document");
  EXPECT_EQ((*documents)[0].added_by, "consumer");
  Reply after = Get(VerifyPath(s));
  EXPECT_THAT(after.text, HasSubstr(R"(data-testid="identity-pending")"));
  EXPECT_THAT(after.text, Not(HasSubstr(R"(data-testid="upload-identity")")));
  EXPECT_EQ(StatusOf(s), Status::kReceived);  // a reviewer decides, not the upload
}

TEST_F(VerificationPageTest, AnAgentOpensThePageOnlyForTheRequestItNames) {
  app::Submitted s = Submit({.type = "categories", .email = "ftremblay@gmail.com"});
  EXPECT_EQ(Get(VerifyPath(s) + "?request_id=" + s.request.id).status, 200u);
  EXPECT_EQ(Get(VerifyPath(s) + "?request_id=another-request").status, 404u);
}

TEST_F(VerificationPageTest, TheCompanysLoginPostsAnAccountTokenThatVerifiesOnce) {
  app::Submitted s =
      Submit({.type = "access", .email = "ana.nunez@example.com", .account_id = "C-1042"});
  Reply off = Post(VerifyPath(s) + "/account", "account_token=x");
  EXPECT_EQ(off.status, 404u);  // this installation takes no account tokens

  const LoginKey login = LoginKey::Ed25519();
  auto keys = security::AccountTokenKeys::Parse(Jwks({&login}), "login.jwks");
  ASSERT_TRUE(keys) << keys.error().message();
  api_->account_token_keys = &*keys;
  api_->account_token_settings = {
      .keys = "login.jwks", .issuer = "https://login.example.com", .audience = "rightsdesk"};
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
  const std::string token = login.Token({{"alg", "EdDSA"}, {"kid", "key-0"}, {"typ", "JWT"}},
                                        {{"iss", "https://login.example.com"},
                                         {"aud", "rightsdesk"},
                                         {"email", "ana.nunez@example.com"},
                                         {"email_verified", true},
                                         {"exp", now + 300},
                                         {"jti", "login-1"}});
  Reply garbage = Post(VerifyPath(s) + "/account", "account_token=not-a-token");
  EXPECT_EQ(garbage.status, 401u);
  EXPECT_EQ(StatusOf(s), Status::kReceived);
  // Posted by the login's own site: the token, not the origin, proves the consumer.
  Reply accepted = Post(VerifyPath(s) + "/account", "account_token=" + token,
                        {{"Origin", "https://login.example.com"}});
  ASSERT_EQ(accepted.status, 303u) << accepted.text;
  EXPECT_EQ(StatusOf(s), Status::kVerified);
  app::Submitted other =
      Submit({.type = "delete", .email = "ana.nunez@example.com", .account_id = "C-1042"});
  Reply replayed = Post(VerifyPath(other) + "/account", "account_token=" + token);
  EXPECT_EQ(replayed.status, 401u);
  EXPECT_THAT(replayed.text, HasSubstr("could not be used to verify"));
  api_->account_token_keys = nullptr;
}

}  // namespace
}  // namespace rightsdesk::testing
