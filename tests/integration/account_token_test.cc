// Account holders re-authenticating with a token from the company's login (§7061), as a use case
// over the real SQLite store and through `rightsdesk request verify --account-token`: the request
// becomes verified, a token works once, refusals are recorded with their reason, and the trail
// holds neither the token nor what it says about the consumer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "app/casework.h"
#include "app/intake.h"
#include "app/verification.h"
#include "integration/test_dirs.h"
#include "integration/test_installation.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "support/fixed_clock.h"
#include "support/login_keys.h"

namespace rightsdesk {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::int64_t kAccountTokenNowSeconds = 1'790'000'000;
constexpr const char* kAccountTokenIssuer = "https://login.example.com";

json AccountTokenClaims(std::int64_t now_seconds, const std::string& jti) {
  return {{"iss", kAccountTokenIssuer},
          {"aud", {"portal", "rightsdesk"}},
          {"sub", "C-1042"},
          {"email", "Ana.Nunez@Example.com"},
          {"iat", now_seconds - 5},
          {"exp", now_seconds + 300},
          {"jti", jti}};
}

class AccountTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    installation_ = testing::NewInstallation(scratch_.path(), clock_);
    services_.emplace(app::Services{installation_->ruleset(), installation_->requests(), clock_,
                                    zones_, random_});
    verification_.emplace(*services_, installation_->verification(), nullptr, app::SourceOpener{},
                          app::RetryPolicy{});
    auto keys = security::AccountTokenKeys::Parse(testing::Jwks({&login_}), "login.jwks");
    ASSERT_TRUE(keys) << keys.error().message();
    keys_ = std::move(*keys);
    verification_->AcceptAccountTokens(
        *keys_, {.keys = "login.jwks", .issuer = kAccountTokenIssuer, .audience = "rightsdesk"});
  }

  Request Submit(const std::string& type, const std::string& email) {
    auto submitted = app::SubmitRequest(
        *services_, {.type = type, .email = email, .account_id = "C-1042"}, "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    auto pending = app::TransitionTo(*services_, submitted->request.id, "pending_verification",
                                     "asked for proof", "staff:test");
    EXPECT_TRUE(pending) << pending.error().message();
    return *pending;
  }

  std::string Token(const std::string& jti = "jti-1") const {
    return login_.Token({{"alg", "ES256"}, {"kid", "key-0"}, {"typ", "JWT"}},
                        AccountTokenClaims(kAccountTokenNowSeconds, jti));
  }

  std::string Trail(const Request& request) {
    auto events = installation_->requests().EventsOf(request.id);
    std::string text;
    for (const auto& event : *events) text += event.action + " " + event.details + "\n";
    return text;
  }

  Status StatusOf(const Request& request) {
    return app::FindRequest(*services_, request.reference)->status;
  }

  testing::ScratchDir scratch_;
  testing::FixedClock clock_{FromMicros(kAccountTokenNowSeconds * 1'000'000)};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  testing::LoginKey login_ = testing::LoginKey::Ec();
  std::optional<security::AccountTokenKeys> keys_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<app::Services> services_;
  std::optional<app::Verification> verification_;
};

TEST_F(AccountTokenTest, AnAccountHoldersTokenVerifiesAnAccessRequestAndTheTrailHoldsNoToken) {
  const Request request = Submit("access", "ana.nunez@example.com");
  const std::string token = Token();
  auto view = verification_->Reauthenticate(request.reference, token + "\n", "consumer");
  ASSERT_TRUE(view) << view.error().message();
  EXPECT_EQ(view->request.status, Status::kVerified);
  EXPECT_TRUE(view->state.verified);
  EXPECT_TRUE(view->state.by_reauthentication);
  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr(R"(verification.reauthenticated {"alg":"ES256","issuer":)"
                               R"("https://login.example.com","kid":"key-0"})"));
  EXPECT_THAT(trail, HasSubstr(R"("by_reauthentication":true)"));
  const std::size_t first = token.find('.');
  const std::size_t second = token.rfind('.');
  for (std::size_t at : {std::size_t{0}, first + 1, second + 1}) {  // header, payload, signature
    EXPECT_THAT(trail, Not(HasSubstr(token.substr(at, 16))));
  }
  for (const char* personal : {"jti-1", "C-1042", "Ana.Nunez", "ana.nunez"}) {
    EXPECT_THAT(trail, Not(HasSubstr(personal)));
  }
}

TEST_F(AccountTokenTest, ATokenWorksOnceEvenForAnotherRequest) {
  const Request first = Submit("access", "ana.nunez@example.com");
  const Request second = Submit("categories", "ana.nunez@example.com");
  ASSERT_TRUE(verification_->Reauthenticate(first.reference, Token(), "consumer"));
  auto again = verification_->Reauthenticate(second.reference, Token(), "consumer");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_THAT(again.error().message(), HasSubstr("re-authenticating " + second.reference));
  EXPECT_THAT(Trail(second), HasSubstr(R"(reauthentication_refused {"reason":"replayed"})"));
  EXPECT_EQ(StatusOf(second), Status::kPendingVerification);
  // A new token (another jti) from the same login is fine.
  EXPECT_TRUE(verification_->Reauthenticate(second.reference, Token("jti-2"), "consumer"));
}

TEST_F(AccountTokenTest, ATokenForAnotherConsumerIsRefusedAndRecorded) {
  const Request request = Submit("delete", "someone.else@example.com");
  auto refused = verification_->Reauthenticate(request.reference, Token(), "consumer");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_THAT(Trail(request), HasSubstr(R"({"reason":"wrong_consumer"})"));
  EXPECT_EQ(StatusOf(request), Status::kPendingVerification);
  // A refused token was not used up.
  const Request ana = Submit("delete", "ana.nunez@example.com");
  EXPECT_TRUE(verification_->Reauthenticate(ana.reference, Token(), "consumer"));
}

TEST_F(AccountTokenTest, ExpiredForgedAndMalformedTokensAreRecordedWithTheirReason) {
  const Request request = Submit("access", "ana.nunez@example.com");
  clock_.Set(FromMicros((kAccountTokenNowSeconds + 3600) * 1'000'000));
  EXPECT_FALSE(verification_->Reauthenticate(request.reference, Token(), "consumer"));
  clock_.Set(FromMicros(kAccountTokenNowSeconds * 1'000'000));
  const testing::LoginKey forger = testing::LoginKey::Ec();
  const std::string forged = forger.Token({{"alg", "ES256"}, {"kid", "key-0"}},
                                          AccountTokenClaims(kAccountTokenNowSeconds, "jti-9"));
  EXPECT_FALSE(verification_->Reauthenticate(request.reference, forged, "consumer"));
  auto malformed = verification_->Reauthenticate(request.reference, "not a token", "consumer");
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().code(), ErrorCode::kInvalidArgument);
  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr(R"({"reason":"expired"})"));
  EXPECT_THAT(trail, HasSubstr(R"({"reason":"bad_signature"})"));
  EXPECT_THAT(trail, HasSubstr(R"({"reason":"malformed"})"));
  EXPECT_EQ(StatusOf(request), Status::kPendingVerification);
}

TEST_F(AccountTokenTest, TheSubClaimCanNameTheConsumerByAccountId) {
  verification_->AcceptAccountTokens(*keys_, {.keys = "login.jwks",
                                              .issuer = kAccountTokenIssuer,
                                              .audience = "rightsdesk",
                                              .consumer_claim = AccountTokenIdentity::kSubject});
  const Request request = Submit("categories", "another.address@example.com");
  auto view = verification_->Reauthenticate(request.reference, Token(), "consumer");
  ASSERT_TRUE(view) << view.error().message();
  EXPECT_EQ(view->request.status, Status::kVerified);
}

TEST_F(AccountTokenTest, WithoutConfiguredKeysTokensAreNotAccepted) {
  app::Verification plain(*services_, installation_->verification(), nullptr, {}, {});
  const Request request = Submit("access", "ana.nunez@example.com");
  auto refused = plain.Reauthenticate(request.reference, Token(), "consumer");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(Trail(request), Not(HasSubstr("reauthentication")));
}

// The same through the binary, configured in rightsdesk.toml, the token on stdin or in a file.
class AccountTokenCliTest : public ::testing::Test, protected testing::CliInstallation {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitWithDemoMap());
    std::ofstream(std::filesystem::path(data()) / "login.pem") << login_.PublicPem();
    std::ofstream(std::filesystem::path(data()) / "rightsdesk.toml", std::ios::app)
        << "\n[verification.account_token]\nkeys = \"login.pem\"\nissuer = \""
        << kAccountTokenIssuer << "\"\naudience = \"rightsdesk\"\n";
  }

  std::string Token(const std::string& jti) const {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    return login_.Token({{"alg", "EdDSA"}}, AccountTokenClaims(now, jti));
  }

  testing::LoginKey login_ = testing::LoginKey::Ed25519();
};

TEST_F(AccountTokenCliTest, ATokenOnStdinVerifiesTheRequest) {
  ASSERT_EQ(
      Cli({"request", "submit", "--type", "access", "--email", "ana.nunez@example.com"}).exit_code,
      0);
  auto verified =
      Cli({"request", "verify", "RD-2026-00001", "--account-token", "-"}, Token("cli-1"));
  ASSERT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_THAT(verified.out, HasSubstr("verified:     yes (re-authenticated)"));
}

TEST_F(AccountTokenCliTest, AReplayedTokenFromAFileExitsTwoAndSaysWhy) {
  // Two types: the same type twice while the first is open would be linked as a duplicate.
  for (const char* type : {"access", "categories"}) {
    ASSERT_EQ(
        Cli({"request", "submit", "--type", type, "--email", "ana.nunez@example.com"}).exit_code,
        0);
  }
  const auto file = std::filesystem::path(data()) / "token.jwt";
  std::ofstream(file) << Token("cli-2") << "\n";
  ASSERT_EQ(Cli({"request", "verify", "RD-2026-00001", "--account-token", file.string()}).exit_code,
            0);
  auto replayed = Cli({"request", "verify", "RD-2026-00002", "--account-token", file.string()});
  EXPECT_EQ(replayed.exit_code, 2);
  EXPECT_THAT(replayed.err, HasSubstr("used before"));
}

TEST_F(AccountTokenCliTest, ABadKeyFileStopsTheCommandNamingTheSetting) {
  std::ofstream(std::filesystem::path(data()) / "login.pem") << "not a key\n";
  auto shown = Cli({"request", "list"});
  EXPECT_NE(shown.exit_code, 0);
  EXPECT_THAT(shown.err, HasSubstr("rightsdesk.toml: [verification.account_token] keys"));
  EXPECT_THAT(shown.err, HasSubstr("login.pem"));
}

}  // namespace
}  // namespace rightsdesk
