// Identity verification as a use case on a real installation, matching against the Chinook
// customers (demo/datamap.toml): names with accents, phones in several formats, the levels per
// type, the signed declaration sealed at rest, the fallbacks, and a trail without personal values.
#include "app/verification.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "app/casework.h"
#include "app/intake.h"
#include "app/ledger_consistency.h"
#include "app/risk_assessment.h"
#include "config/datamap_loader.h"
#include "connectors/open_source.h"
#include "integration/test_dirs.h"
#include "integration/test_installation.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "support/fixed_clock.h"

namespace rightsdesk {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// A loyalty system that holds a sensitive field (a government id) for one Chinook customer.
constexpr const char* kLoyaltyMap = R"(
[[system]]
name = "loyalty"
connector = "sqlite"
path = "loyalty.sqlite"
purposes = ["Age-restricted offers"]
sources = ["The consumer"]
retention = "While a member"
  [[system.table]]
  name = "member"
  key = "id"
  identity = { email = "email" }
  erase = "delete_row"
  fields = [
    { column = "id", category = "identifiers" },
    { column = "email", category = "identifiers" },
    { column = "licence", category = "sensitive", withhold = "government_id" },
  ]
)";

class VerificationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto dir = scratch_.path();
    std::filesystem::copy_file(
        std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/chinook/Chinook_Sqlite.sqlite",
        dir / "chinook.sqlite");
    sqlite3* db = nullptr;
    sqlite3_open((dir / "loyalty.sqlite").c_str(), &db);
    sqlite3_exec(db,
                 "CREATE TABLE member (id INTEGER PRIMARY KEY, email TEXT, licence TEXT);"
                 "INSERT INTO member (email, licence) VALUES ('jfernandes@yahoo.pt', 'X1234567');",
                 nullptr, nullptr, nullptr);
    sqlite3_close(db);
    std::ifstream demo(std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/datamap.toml");
    std::ostringstream text;
    text << demo.rdbuf() << kLoyaltyMap;
    auto map = config::LoadDataMap(text.str(), "datamap.toml", dir);
    ASSERT_TRUE(map) << map.error().message();
    map_ = std::move(*map);
    installation_ = testing::NewInstallation(dir, clock_);
    services_.emplace(app::Services{installation_->ruleset(), installation_->requests(), clock_,
                                    zones_, random_});
    // These tests pin matching itself; codes to contact points have tests of their own below.
    verification_.emplace(Verifier({.contacts_need_code = false}));
  }

  app::Verification Verifier(app::VerificationOptions options) {
    return app::Verification(
        *services_, installation_->verification(), &map_,
        [this](const SystemMap& system) { return connectors::OpenDataSource(system, clock_); },
        app::RetryPolicy{.sleep = [](std::chrono::milliseconds) {}}, std::move(options));
  }

  // The newest message of `kind` the outbox would send now, as it would send it (code included).
  nlohmann::json Queued(std::string_view kind = "one_time_code") {
    auto due =
        installation_->outbox().ClaimDue(clock_.Now(), clock_.Now() + std::chrono::hours(1), 100);
    EXPECT_TRUE(due) << due.error().message();
    nlohmann::json params;
    if (!due) return params;
    for (const auto& notice : *due) {
      if (notice.kind == kind) params = notice.params;
    }
    return params;
  }

  Request Submit(app::IntakeForm form) {
    auto submitted = app::SubmitRequest(*services_, form, "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    auto pending = app::TransitionTo(*services_, submitted->request.id, "pending_verification",
                                     "asked for proof", "staff:test");
    EXPECT_TRUE(pending) << pending.error().message();
    return *pending;
  }

  app::VerificationView Match(const Request& request) {
    auto view = verification_->Match(request.reference, "staff:test");
    EXPECT_TRUE(view) << view.error().message();
    return *view;
  }

  std::string Trail(const Request& request) {
    auto events = installation_->requests().EventsOf(request.id);
    std::string text;
    for (const auto& event : *events) text += event.action + " " + event.details + "\n";
    return text;
  }

  std::vector<std::string> NoticeKinds(const Request& request) {
    std::vector<std::string> kinds;
    auto notices = installation_->requests().NoticesOf(request.id);
    EXPECT_TRUE(notices) << notices.error().message();
    if (!notices) return kinds;
    for (const auto& notice : *notices) {
      kinds.push_back(notice.kind);
    }
    return kinds;
  }

  testing::ScratchDir scratch_;
  testing::FixedClock clock_{FromMicros(1'790'000'000'000'000)};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  DataMap map_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<app::Services> services_;
  std::optional<app::Verification> verification_;
};

TEST_F(VerificationTest, TwoMatchedPointsPassACategoriesRequest) {
  Request request =
      Submit({.type = "categories", .email = "FTremblay@gmail.com", .name = "francois TREMBLAY"});
  auto view = Match(request);
  EXPECT_THAT(view.state.matched, ElementsAre(DataPoint::kEmail, DataPoint::kName));
  EXPECT_EQ(view.state.matched_system, "chinook");
  EXPECT_TRUE(view.state.verified);
  EXPECT_EQ(view.request.status, Status::kVerified);
  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr("verification.matched"));
  EXPECT_THAT(trail, HasSubstr(R"("points":["email","name"])"));
  EXPECT_THAT(trail, HasSubstr("verification.passed"));
}

TEST_F(VerificationTest, TheSameTwoPointsFailAnAccessRequest) {
  Request request =
      Submit({.type = "access", .email = "ftremblay@gmail.com", .name = "François Tremblay"});
  auto view = Match(request);
  EXPECT_EQ(view.state.required.level, VerificationLevel::kReasonablyHigh);
  EXPECT_FALSE(view.state.verified);
  EXPECT_THAT(view.state.missing, ElementsAre("1 more matched data point", "signed declaration"));
  EXPECT_EQ(view.request.status, Status::kPendingVerification);
  EXPECT_THAT(Trail(request), Not(HasSubstr("verification.passed")));
}

TEST_F(VerificationTest, PhonesInSeveralFormatsMatchTheSameCustomer) {
  for (const char* phone : {"514.721.4711", "+1 514 721 4711", "001 (514) 721-4711"}) {
    Request request =
        Submit({.type = "categories", .email = "ftremblay@gmail.com", .phone = phone});
    auto view = Match(request);
    EXPECT_THAT(view.state.matched, ElementsAre(DataPoint::kEmail, DataPoint::kPhone)) << phone;
    // Closed, so that the next format's request is not a duplicate of this one.
    ASSERT_TRUE(app::TransitionTo(*services_, request.id, "withdrawn", "next", "staff:test"));
  }
}

TEST_F(VerificationTest, AccessPassesWithThreePointsAndASignedDeclaration) {
  Request request = Submit({.type = "access",
                            .email = "jfernandes@yahoo.pt",
                            .name = "Joao FERNANDES",
                            .phone = "+351 213 466 111"});
  auto matched = Match(request);
  EXPECT_THAT(matched.state.matched,
              ElementsAre(DataPoint::kEmail, DataPoint::kPhone, DataPoint::kName));
  EXPECT_THAT(matched.state.missing, ElementsAre("signed declaration"));
  auto declared = verification_->Declare(
      request.reference, {.full_name = "João Fernandes", .ip = "203.0.113.7"}, "consumer");
  ASSERT_TRUE(declared) << declared.error().message();
  EXPECT_TRUE(declared->state.verified);
  EXPECT_EQ(declared->request.status, Status::kVerified);
  ASSERT_EQ(declared->declarations.size(), 1u);
  EXPECT_EQ(declared->declarations[0].full_name, "João Fernandes");
  EXPECT_EQ(declared->declarations[0].statement_version, app::kDeclarationVersion);
  EXPECT_THAT(Trail(request), HasSubstr("verification.declaration"));
}

TEST_F(VerificationTest, TheDeclarationIsSealedAtRest) {
  Request request = Submit({.type = "access", .email = "jfernandes@yahoo.pt"});
  auto declared = verification_->Declare(
      request.reference, {.full_name = "Zyxwvut Fernandes", .ip = "198.51.100.42"}, "consumer");
  ASSERT_TRUE(declared) << declared.error().message();
  // Every file of the installation (the ledger, its WAL, keys): the name and IP are not there.
  std::string stored;
  for (const auto& entry : std::filesystem::directory_iterator(scratch_.path() / "data")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    stored += std::string(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_FALSE(stored.empty());
  EXPECT_THAT(stored, Not(HasSubstr("Zyxwvut")));
  EXPECT_THAT(stored, Not(HasSubstr("198.51.100.42")));
}

TEST_F(VerificationTest, ThePurgeErasesTheSignerButKeepsTheRecordOfTheDeclaration) {
  Request request = Submit({.type = "delete", .email = "nobody@example.com"});
  ASSERT_TRUE(
      verification_->Declare(request.reference, {.full_name = "No Body", .ip = "::1"}, "consumer"));
  ASSERT_TRUE(verification_->RecordFailure(request.reference, "nothing matched", "staff:test"));
  auto purged = installation_->requests().PurgePersonalData(request.id, clock_.Now(),
                                                            {.request_id = request.id,
                                                             .actor = "system",
                                                             .action = "request.purged",
                                                             .at = clock_.Now()});
  ASSERT_TRUE(purged && *purged);
  auto declarations = installation_->verification().DeclarationsOf(request.id);
  ASSERT_TRUE(declarations) << declarations.error().message();
  ASSERT_EQ(declarations->size(), 1u);
  EXPECT_TRUE((*declarations)[0].purged);
  EXPECT_EQ((*declarations)[0].full_name, "");
  EXPECT_EQ((*declarations)[0].statement_version, app::kDeclarationVersion);
}

TEST_F(VerificationTest, DeletingSensitiveDataNeedsTheHighLevel) {
  // João Fernandes has a government id in the loyalty system; François Tremblay has none.
  Request sensitive =
      Submit({.type = "delete", .email = "jfernandes@yahoo.pt", .name = "João Fernandes"});
  auto high = Match(sensitive);
  EXPECT_EQ(high.state.required.level, VerificationLevel::kReasonablyHigh);
  EXPECT_FALSE(high.state.verified);

  Request plain =
      Submit({.type = "delete", .email = "ftremblay@gmail.com", .name = "François Tremblay"});
  auto reasonable = Match(plain);
  EXPECT_EQ(reasonable.state.required.level, VerificationLevel::kReasonable);
  EXPECT_TRUE(reasonable.state.verified);
}

TEST_F(VerificationTest, AFailedAccessRequestIsAnsweredAsCategories) {
  Request request =
      Submit({.type = "access", .email = "ftremblay@gmail.com", .name = "François Tremblay"});
  Match(request);
  auto failed =
      verification_->RecordFailure(request.reference, "no declaration came back", "staff:test");
  ASSERT_TRUE(failed) << failed.error().message();
  EXPECT_EQ(failed->request.type, RequestType::kCategories);
  EXPECT_EQ(failed->fallback, "answer_as_categories");
  // Two points are a reasonable degree: the categories request goes ahead.
  EXPECT_EQ(failed->request.status, Status::kVerified);
  EXPECT_EQ(failed->request.deadlines.respond_by, request.deadlines.respond_by);
  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr("verification.failed"));
  EXPECT_THAT(trail, HasSubstr("request.type_changed"));
  EXPECT_THAT(NoticeKinds(request), ::testing::Contains("verification_failed"));
  // The audit check replays the type change: the stored request agrees with its events.
  auto agree = app::CheckLedgerConsistency(installation_->requests(), installation_->trail());
  ASSERT_TRUE(agree) << agree.error().message();
  EXPECT_FALSE(agree->mismatch) << agree->mismatch->what;
}

TEST_F(VerificationTest, AFailedDeletionIsDeniedAndTheConsumerToldOfTheOptOut) {
  Request request = Submit({.type = "delete", .email = "nobody@example.com"});
  auto view = Match(request);
  EXPECT_TRUE(view.state.matched.empty());
  auto failed = verification_->RecordFailure(request.reference, "nothing matched", "staff:test");
  ASSERT_TRUE(failed) << failed.error().message();
  EXPECT_EQ(failed->request.status, Status::kDenied);
  // §7102 counts it as unverifiable, not among "other" denials.
  EXPECT_EQ(failed->request.denial_basis, DenialBasis::kUnverifiable);
  EXPECT_EQ(failed->fallback, "deny_offer_opt_out");
  EXPECT_THAT(NoticeKinds(request), ::testing::Contains("verification_failed"));
}

TEST_F(VerificationTest, AFailedCorrectionIsRecordedAndLeftForStaff) {
  Request request = Submit({.type = "correct", .email = "nobody@example.com"});
  auto failed = verification_->RecordFailure(request.reference, "nothing matched", "staff:test");
  ASSERT_TRUE(failed) << failed.error().message();
  EXPECT_EQ(failed->request.status, Status::kPendingVerification);
  EXPECT_EQ(failed->request.type, RequestType::kCorrect);
  EXPECT_EQ(failed->fallback, "none");
  EXPECT_THAT(Trail(request), HasSubstr(R"("fallback":"none")"));
  EXPECT_THAT(NoticeKinds(request), Not(::testing::Contains("verification_failed")));
}

TEST_F(VerificationTest, AMismatchAndThenAFailureRaiseTheRiskStaffSee) {
  // Email and name are Chinook's François Tremblay; the phone is not his.
  Request request = Submit({.type = "access",
                            .email = "FTremblay@gmail.com",
                            .name = "francois TREMBLAY",
                            .phone = "+1 415 555 0100"});
  Match(request);
  auto risk = [&] {
    auto events = installation_->requests().EventsOf(request.id);
    auto assessed = app::AssessRequestRisk(*services_, request, *events);
    EXPECT_TRUE(assessed) << assessed.error().message();
    return *assessed;
  };
  RiskAssessment matched = risk();
  EXPECT_EQ(matched.reasons, std::vector<std::string>{"data_points_mismatch"});
  EXPECT_EQ(matched.level, RiskLevel::kLow);
  ASSERT_TRUE(verification_->RecordFailure(request.reference, "no declaration", "staff:test"));
  RiskAssessment failed = risk();
  EXPECT_EQ(failed.reasons,
            (std::vector<std::string>{"verification_failed", "data_points_mismatch"}));
  EXPECT_EQ(failed.score, 60);
  EXPECT_EQ(failed.level, RiskLevel::kHigh);
}

TEST_F(VerificationTest, AVerifiedRequestCannotFail) {
  Request request =
      Submit({.type = "categories", .email = "ftremblay@gmail.com", .name = "François Tremblay"});
  Match(request);
  auto failed = verification_->RecordFailure(request.reference, "changed my mind", "staff:test");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(VerificationTest, TheTrailNamesPointsButNeverValues) {
  Request request = Submit({.type = "access",
                            .email = "jfernandes@yahoo.pt",
                            .name = "João Fernandes",
                            .phone = "+351 213 466 111",
                            .address = "Rua da Assunção 53, Lisbon"});
  Match(request);
  ASSERT_TRUE(verification_->Declare(
      request.reference, {.full_name = "João Fernandes", .ip = "203.0.113.7"}, "consumer"));
  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr(R"("address")"));
  for (const char* value : {"jfernandes", "Fernandes", "213466", "Assun", "203.0.113.7"}) {
    EXPECT_THAT(trail, Not(HasSubstr(value))) << value;
  }
}

TEST_F(VerificationTest, AnOptOutNeedsNoProof) {
  Request request = Submit({.type = "opt_out", .email = "someone@example.com"});
  auto view = verification_->Show(request.reference);
  ASSERT_TRUE(view) << view.error().message();
  EXPECT_EQ(view->state.required.level, VerificationLevel::kNone);
  EXPECT_TRUE(view->state.verified);
}

TEST_F(VerificationTest, ADeclarationNeedsAName) {
  Request request = Submit({.type = "access", .email = "jfernandes@yahoo.pt"});
  auto declared = verification_->Declare(request.reference, {.full_name = "  "}, "consumer");
  ASSERT_FALSE(declared);
  EXPECT_EQ(declared.error().code(), ErrorCode::kInvalidArgument);
}

// --- One-time codes to the consumer's contact points (email; phone by SMS) ---

TEST_F(VerificationTest, AMatchedEmailCountsOnceTheConsumerTypesTheCodeSentToIt) {
  app::Verification coded = Verifier({});
  Request request =
      Submit({.type = "categories", .email = "ftremblay@gmail.com", .name = "François Tremblay"});
  auto matched = coded.Match(request.reference, "staff:test");
  ASSERT_TRUE(matched) << matched.error().message();
  EXPECT_THAT(matched->state.matched, ElementsAre(DataPoint::kName));
  EXPECT_THAT(matched->state.awaiting_code, ElementsAre(DataPoint::kEmail));
  EXPECT_THAT(matched->state.missing,
              ElementsAre("1 more matched data point", "a one-time code to the email"));
  EXPECT_FALSE(matched->state.verified);

  auto sent =
      coded.SendCode(request.reference, DataPoint::kEmail, installation_->codes(), "consumer");
  ASSERT_TRUE(sent) << sent.error().message();
  const nlohmann::json message = Queued();
  const std::string code = message.value("code", "");
  ASSERT_EQ(code.size(), 6u);
  EXPECT_TRUE(message.value("use_verification", false));
  const std::string wrong = code == "000000" ? "111111" : "000000";
  auto refused = coded.ConfirmCode(request.reference, DataPoint::kEmail, wrong,
                                   installation_->codes(), "consumer");
  ASSERT_TRUE(refused) << refused.error().message();
  EXPECT_EQ(refused->verdict.outcome, CodeOutcome::kWrong);
  EXPECT_EQ(refused->verdict.attempts_left, 4);
  EXPECT_FALSE(refused->view.state.verified);

  auto accepted = coded.ConfirmCode(request.reference, DataPoint::kEmail, code,
                                    installation_->codes(), "consumer");
  ASSERT_TRUE(accepted) << accepted.error().message();
  EXPECT_EQ(accepted->verdict.outcome, CodeOutcome::kAccepted);
  EXPECT_THAT(accepted->view.state.confirmed, ElementsAre(DataPoint::kEmail));
  EXPECT_THAT(accepted->view.state.matched, ElementsAre(DataPoint::kEmail, DataPoint::kName));
  EXPECT_TRUE(accepted->view.state.verified);
  EXPECT_EQ(accepted->view.request.status, Status::kVerified);
  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr(R"("purpose":"verification:email")"));
  EXPECT_THAT(trail, Not(HasSubstr(code)));
}

TEST_F(VerificationTest, TheConsumersConfirmationStartsTheMatch) {
  app::Verification coded = Verifier({});
  Request request =
      Submit({.type = "categories", .email = "ftremblay@gmail.com", .name = "François Tremblay"});
  ASSERT_TRUE(coded.SendCode(request.reference, DataPoint::kEmail, installation_->codes(), "c"));
  auto accepted = coded.ConfirmCode(request.reference, DataPoint::kEmail,
                                    Queued().value("code", ""), installation_->codes(), "c");
  ASSERT_TRUE(accepted) << accepted.error().message();
  EXPECT_TRUE(accepted->view.matched_on_record);
  EXPECT_EQ(accepted->view.request.status, Status::kVerified);
}

TEST_F(VerificationTest, AnExpiredCodeIsRefused) {
  app::Verification coded = Verifier({});
  Request request = Submit({.type = "access", .email = "ftremblay@gmail.com"});
  ASSERT_TRUE(coded.SendCode(request.reference, DataPoint::kEmail, installation_->codes(), "c"));
  const std::string code = Queued().value("code", "");
  clock_.Set(clock_.Now() + std::chrono::minutes(11));
  auto refused =
      coded.ConfirmCode(request.reference, DataPoint::kEmail, code, installation_->codes(), "c");
  ASSERT_TRUE(refused) << refused.error().message();
  EXPECT_EQ(refused->verdict.outcome, CodeOutcome::kExpired);
  EXPECT_TRUE(refused->view.state.confirmed.empty());
}

TEST_F(VerificationTest, FiveWrongCodesLockTheCodeAndAUsedCodeCannotBeReplayed) {
  app::Verification coded = Verifier({});
  // Access needs more than the email: the request stays open for the replay.
  Request request = Submit({.type = "access", .email = "ftremblay@gmail.com"});
  ASSERT_TRUE(coded.SendCode(request.reference, DataPoint::kEmail, installation_->codes(), "c"));
  const std::string code = Queued().value("code", "");
  const std::string wrong = code == "999999" ? "888888" : "999999";
  for (int attempt = 0; attempt < 5; ++attempt) {
    ASSERT_TRUE(coded.ConfirmCode(request.reference, DataPoint::kEmail, wrong,
                                  installation_->codes(), "c"));
  }
  auto locked =
      coded.ConfirmCode(request.reference, DataPoint::kEmail, code, installation_->codes(), "c");
  ASSERT_TRUE(locked) << locked.error().message();
  EXPECT_EQ(locked->verdict.outcome, CodeOutcome::kLocked);

  ASSERT_TRUE(coded.SendCode(request.reference, DataPoint::kEmail, installation_->codes(), "c"));
  const std::string fresh = Queued().value("code", "");
  auto accepted =
      coded.ConfirmCode(request.reference, DataPoint::kEmail, fresh, installation_->codes(), "c");
  ASSERT_TRUE(accepted) << accepted.error().message();
  EXPECT_EQ(accepted->verdict.outcome, CodeOutcome::kAccepted);
  auto replayed =
      coded.ConfirmCode(request.reference, DataPoint::kEmail, fresh, installation_->codes(), "c");
  ASSERT_TRUE(replayed) << replayed.error().message();
  EXPECT_EQ(replayed->verdict.outcome, CodeOutcome::kUsed);
}

TEST_F(VerificationTest, APhoneCodeGoesBySmsInE164OnlyWhenAGatewayIsSetUp) {
  Request request =
      Submit({.type = "categories", .email = "ftremblay@gmail.com", .phone = "(514) 721-4711"});
  app::Verification email_only = Verifier({});
  auto refused =
      email_only.SendCode(request.reference, DataPoint::kPhone, installation_->codes(), "c");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kFailedPrecondition);

  app::Verification coded = Verifier({.sms_country_code = "1"});
  ASSERT_TRUE(coded.SendCode(request.reference, DataPoint::kPhone, installation_->codes(), "c"));
  const nlohmann::json text = Queued("one_time_code_sms");
  EXPECT_EQ(text.value("sms_to", ""), "+15147214711");
  auto accepted = coded.ConfirmCode(request.reference, DataPoint::kPhone, text.value("code", ""),
                                    installation_->codes(), "c");
  ASSERT_TRUE(accepted) << accepted.error().message();
  EXPECT_THAT(accepted->view.state.confirmed, ElementsAre(DataPoint::kPhone));
  // The phone is confirmed but the email is not: one point counts, the request waits.
  EXPECT_THAT(accepted->view.state.matched, ElementsAre(DataPoint::kPhone));
  EXPECT_THAT(accepted->view.state.awaiting_code, ElementsAre(DataPoint::kEmail));
  auto name = coded.SendCode(request.reference, DataPoint::kName, installation_->codes(), "c");
  ASSERT_FALSE(name);
  EXPECT_EQ(name.error().code(), ErrorCode::kInvalidArgument);
}

// --- Authorized agents (§7063) ---

TEST_F(VerificationTest, AnAgentsRequestPassesWithThePermissionAndTheConsumersOwnConfirmation) {
  Request request = Submit({.type = "categories",
                            .email = "ftremblay@gmail.com",
                            .name = "François Tremblay",
                            .agent_name = "Helper Inc",
                            .agent_email = "desk@helper.example"});
  auto matched = Match(request);
  EXPECT_THAT(matched.state.matched, ElementsAre(DataPoint::kEmail, DataPoint::kName));
  EXPECT_FALSE(matched.state.verified);
  EXPECT_THAT(matched.state.missing, ElementsAre("the agent's signed permission",
                                                 "the consumer's confirmation of the agent"));

  auto added = verification_->AddDocument(request.reference,
                                          {.kind = std::string(app::kAgentPermission),
                                           .filename = "permission-Zqxj.pdf",
                                           .content_type = "application/pdf",
                                           .bytes = "%PDF-1.4 signed by François Zqxjwv"},
                                          "agent");
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_TRUE(added->state.agent_permission);
  ASSERT_EQ(added->documents.size(), 1u);
  EXPECT_EQ(added->documents[0].filename, "permission-Zqxj.pdf");

  ASSERT_TRUE(verification_->SendAgentConsentCode(request.reference, installation_->codes(), "c"));
  const nlohmann::json message = Queued();
  EXPECT_TRUE(message.value("use_agent_consent", false));
  auto confirmed = verification_->ConfirmAgent(request.reference, message.value("code", ""),
                                               installation_->codes(), "consumer");
  ASSERT_TRUE(confirmed) << confirmed.error().message();
  EXPECT_TRUE(confirmed->view.state.agent_confirmed);
  EXPECT_EQ(confirmed->view.request.status, Status::kVerified);

  auto opened = verification_->OpenDocument(request.id, added->documents[0].id, "staff:test");
  ASSERT_TRUE(opened) << opened.error().message();
  EXPECT_EQ(std::string(opened->second.begin(), opened->second.end()),
            "%PDF-1.4 signed by François Zqxjwv");
  EXPECT_FALSE(verification_->OpenDocument("another-request", added->documents[0].id, "s"));
  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr("verification.document_opened"));
  EXPECT_THAT(trail, Not(HasSubstr("Zqxj")));
  // Sealed at rest: neither the name nor the bytes are in the installation's files.
  std::string stored;
  for (const auto& entry : std::filesystem::directory_iterator(scratch_.path() / "data")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    stored += std::string(std::istreambuf_iterator<char>(in), {});
  }
  EXPECT_THAT(stored, Not(HasSubstr("Zqxj")));
}

TEST_F(VerificationTest, APowerOfAttorneyNeedsNoConfirmationAndCannotBeRefusedFromThePage) {
  Request request = Submit({.type = "categories",
                            .email = "ftremblay@gmail.com",
                            .name = "François Tremblay",
                            .agent_name = "A. Lawyer",
                            .agent_email = "lawyer@example.com"});
  Match(request);
  auto added = verification_->AddDocument(
      request.reference,
      {.kind = std::string(app::kPowerOfAttorney), .filename = "poa.pdf", .bytes = "%PDF poa"},
      "staff:test");
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_EQ(added->request.status, Status::kVerified);
  Request other = Submit({.type = "access",
                          .email = "x@example.com",
                          .agent_name = "A. Lawyer",
                          .agent_email = "lawyer@example.com"});
  ASSERT_TRUE(verification_->AddDocument(
      other.reference,
      {.kind = std::string(app::kPowerOfAttorney), .filename = "poa.pdf", .bytes = "%PDF"}, "s"));
  auto refused = verification_->RepudiateAgent(other.reference, "consumer");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(VerificationTest, TheConsumerWhoGaveNoPermissionStopsTheAgentsRequest) {
  Request request = Submit({.type = "delete",
                            .email = "ftremblay@gmail.com",
                            .agent_name = "Impostor LLC",
                            .agent_email = "x@impostor.example"});
  auto denied = verification_->RepudiateAgent(request.reference, "consumer");
  ASSERT_TRUE(denied) << denied.error().message();
  EXPECT_EQ(denied->request.status, Status::kDenied);
  // Neither the consumer nor an agent they authorized made it (§7102(a)(1)(C)(ii)).
  EXPECT_EQ(denied->request.denial_basis, DenialBasis::kNotAConsumer);
  EXPECT_THAT(Trail(request), HasSubstr("verification.agent_repudiated"));
  Request own = Submit({.type = "delete", .email = "ftremblay@gmail.com"});
  EXPECT_FALSE(verification_->RepudiateAgent(own.reference, "consumer"));
  EXPECT_FALSE(verification_->AddDocument(
      own.reference,
      {.kind = std::string(app::kAgentPermission), .filename = "p.pdf", .bytes = "x"}, "s"));
  auto empty = verification_->AddDocument(
      request.reference, {.kind = "selfie", .filename = "p.pdf", .bytes = "x"}, "s");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace rightsdesk
