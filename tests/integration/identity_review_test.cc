// Identity documents for a reviewer (§7060) on a real installation: a consumer's copy of an ID is
// sealed, counted only once a reviewer vouches for the points it shows, erased with the decision
// (or by the daily sweep when the request moved on undecided), and never named on the trail. Also
// the daily forgetting of account tokens' uses once they can no longer be replayed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/audit_service.h"
#include "app/casework.h"
#include "app/intake.h"
#include "app/ledger_consistency.h"
#include "app/verification.h"
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

constexpr std::string_view kIdBytes = "%PDF-1.4 licence of Ana Qvxzt, 12 Rua Kwpq";

class IdentityReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    installation_ = testing::NewInstallation(scratch_.path(), clock_);
    services_.emplace(app::Services{.ruleset = installation_->ruleset(),
                                    .requests = installation_->requests(),
                                    .clock = clock_,
                                    .zones = zones_,
                                    .random = random_,
                                    .verification = &installation_->verification()});
    // No data map: nothing matches, so only the reviewer's word can verify.
    verification_.emplace(*services_, installation_->verification(), nullptr, app::SourceOpener{},
                          app::RetryPolicy{}, app::VerificationOptions{});
  }

  Request Submit(std::string type) {
    auto submitted = app::SubmitRequest(
        *services_, {.type = std::move(type), .email = "ana@example.com", .name = "Ana Qvxzt"},
        "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    auto pending = app::TransitionTo(*services_, submitted->request.id, "pending_verification",
                                     "asked for proof", "staff:test");
    EXPECT_TRUE(pending) << pending.error().message();
    return *pending;
  }

  std::string UploadId(const Request& request) {
    auto added = verification_->AddDocument(request.reference,
                                            {.kind = std::string(app::kIdentityDocument),
                                             .filename = "licence-Qvxzt.pdf",
                                             .content_type = "application/pdf",
                                             .bytes = std::string(kIdBytes)},
                                            "consumer");
    EXPECT_TRUE(added) << added.error().message();
    return added && !added->documents.empty() ? added->documents.back().id : "";
  }

  std::string Trail(const Request& request) {
    auto events = installation_->requests().EventsOf(request.id);
    std::string text;
    for (const auto& event : *events) text += event.action + " " + event.details + "\n";
    return text;
  }

  // Everything the installation keeps on disk, to show what is no longer there.
  std::string StoredBytes() {
    std::string stored;
    for (const auto& entry : std::filesystem::directory_iterator(scratch_.path() / "data")) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      stored += std::string(std::istreambuf_iterator<char>(in), {});
    }
    return stored;
  }

  testing::ScratchDir scratch_;
  testing::FixedClock clock_{FromMicros(1'790'000'000'000'000)};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<app::Services> services_;
  std::optional<app::Verification> verification_;
};

TEST_F(IdentityReviewTest, AnAcceptedDocumentCountsItsPointsAndIsErasedWithTheDecision) {
  Request request = Submit("categories");
  const std::string id = UploadId(request);
  auto before = verification_->Show(request.reference);
  ASSERT_TRUE(before) << before.error().message();
  EXPECT_FALSE(before->state.verified);
  ASSERT_EQ(before->documents.size(), 1u);
  EXPECT_EQ(before->documents[0].kind, app::kIdentityDocument);

  auto reviewed = verification_->ReviewIdentityDocument(
      request.reference, id, {.accepted = true, .points = {DataPoint::kName, DataPoint::kAddress}},
      "staff:reviewer");
  ASSERT_TRUE(reviewed) << reviewed.error().message();
  EXPECT_THAT(reviewed->state.reviewed, ElementsAre(DataPoint::kName, DataPoint::kAddress));
  EXPECT_EQ(reviewed->request.status, Status::kVerified);
  ASSERT_EQ(reviewed->documents.size(), 1u);
  EXPECT_TRUE(reviewed->documents[0].erased);
  auto opened = verification_->OpenDocument(request.id, id, "staff:reviewer");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kFailedPrecondition);

  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr("verification.identity_reviewed"));
  EXPECT_THAT(trail, HasSubstr("\"accepted\""));
  EXPECT_THAT(trail, Not(HasSubstr("Qvxzt.pdf")));
  EXPECT_THAT(StoredBytes(), Not(HasSubstr("Kwpq")));
  auto consistent = app::CheckLedgerConsistency(installation_->requests(), installation_->trail());
  ASSERT_TRUE(consistent) << consistent.error().message();
  EXPECT_FALSE(consistent->mismatch) << consistent->mismatch->what;
  auto trail_ok = app::VerifyStoredTrail(installation_->trail(), installation_->public_key());
  ASSERT_TRUE(trail_ok) << trail_ok.error().message();
  EXPECT_TRUE(trail_ok->ok());
}

TEST_F(IdentityReviewTest, AccessStillNeedsAThirdPointAndTheDeclaration) {
  Request request = Submit("access");
  const std::string id = UploadId(request);
  auto reviewed = verification_->ReviewIdentityDocument(
      request.reference, id, {.accepted = true, .points = {DataPoint::kName, DataPoint::kAddress}},
      "staff:reviewer");
  ASSERT_TRUE(reviewed) << reviewed.error().message();
  EXPECT_FALSE(reviewed->state.verified);
  EXPECT_THAT(reviewed->state.missing,
              ElementsAre("1 more matched data point", "signed declaration"));
}

TEST_F(IdentityReviewTest, ADecisionIsTakenOnceAndARejectionSaysWhy) {
  Request request = Submit("categories");
  const std::string id = UploadId(request);
  auto no_reason = verification_->ReviewIdentityDocument(request.reference, id, {.accepted = false},
                                                         "staff:reviewer");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code(), ErrorCode::kInvalidArgument);
  auto no_points = verification_->ReviewIdentityDocument(request.reference, id, {.accepted = true},
                                                         "staff:reviewer");
  ASSERT_FALSE(no_points);
  EXPECT_EQ(no_points.error().code(), ErrorCode::kInvalidArgument);
  auto email = verification_->ReviewIdentityDocument(
      request.reference, id, {.accepted = true, .points = {DataPoint::kEmail}}, "staff:reviewer");
  ASSERT_FALSE(email);
  EXPECT_EQ(email.error().code(), ErrorCode::kInvalidArgument);

  auto rejected = verification_->ReviewIdentityDocument(
      request.reference, id, {.accepted = false, .reason = "expired document"}, "staff:reviewer");
  ASSERT_TRUE(rejected) << rejected.error().message();
  EXPECT_FALSE(rejected->state.verified);
  EXPECT_TRUE(rejected->state.reviewed.empty());
  EXPECT_TRUE(rejected->documents[0].erased);
  auto again = verification_->ReviewIdentityDocument(
      request.reference, id, {.accepted = true, .points = {DataPoint::kName}}, "staff:other");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(Trail(request), HasSubstr("expired document"));

  // Decided, another copy may come; while one awaits a reviewer, a second may not.
  const std::string second = UploadId(request);
  auto third = verification_->AddDocument(
      request.reference,
      {.kind = std::string(app::kIdentityDocument), .filename = "again.pdf", .bytes = "%PDF again"},
      "consumer");
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(second.empty());

  auto unknown = verification_->ReviewIdentityDocument(
      request.reference, "no-such-document", {.accepted = false, .reason = "x"}, "staff:reviewer");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
}

TEST_F(IdentityReviewTest, AnotherRequestsDocumentIsNotFound) {
  Request mine = Submit("categories");
  Request other = Submit("delete");
  const std::string id = UploadId(other);
  auto crossed = verification_->ReviewIdentityDocument(
      mine.reference, id, {.accepted = true, .points = {DataPoint::kName}}, "staff:reviewer");
  ASSERT_FALSE(crossed);
  EXPECT_EQ(crossed.error().code(), ErrorCode::kNotFound);
}

TEST_F(IdentityReviewTest, TheDailySweepErasesADocumentLeftUndecidedWhenTheRequestMovedOn) {
  Request moved = Submit("categories");
  const std::string left = UploadId(moved);
  Request waiting = Submit("delete");  // another type: not a duplicate of the first
  const std::string kept = UploadId(waiting);
  ASSERT_TRUE(app::TransitionTo(*services_, moved.id, "verified", "verified by phone", "staff:a"));

  auto erased = app::EraseIdentityDocumentsLeftUndecided(*services_, "system:scheduler");
  ASSERT_TRUE(erased) << erased.error().message();
  EXPECT_EQ(*erased, 1);
  EXPECT_THAT(Trail(moved), HasSubstr("verification.identity_document_erased"));
  auto moved_docs = installation_->verification().DocumentsOf(moved.id);
  ASSERT_TRUE(moved_docs);
  EXPECT_TRUE(moved_docs->at(0).erased);
  // The request still awaiting proof keeps its document for the reviewer.
  auto waiting_docs = installation_->verification().DocumentsOf(waiting.id);
  ASSERT_TRUE(waiting_docs);
  EXPECT_FALSE(waiting_docs->at(0).erased);
  EXPECT_EQ(waiting_docs->at(0).id, kept);
  auto second = app::EraseIdentityDocumentsLeftUndecided(*services_, "system:scheduler");
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, 0);
  EXPECT_FALSE(left.empty());
}

TEST_F(IdentityReviewTest, UsesOfExpiredAccountTokensAreForgottenAndOthersKept) {
  Request request = Submit("categories");
  const Instant now = clock_.Now();
  for (auto [id, expires] : {std::pair{std::string(64, 'a'), now - std::chrono::minutes(5)},
                             std::pair{std::string(64, 'b'), now + std::chrono::minutes(5)}}) {
    AuditEventDraft used{.request_id = request.id,
                         .actor = "consumer",
                         .action = std::string(app::kReauthenticatedEvent),
                         .at = now,
                         .details = nlohmann::json::object()};
    ASSERT_TRUE(installation_->verification().RecordAccountTokenUse(
        {.use_id = id, .request_id = request.id, .used_at = now, .expires_at = expires}, used));
  }
  auto forgotten = installation_->verification().ForgetAccountTokenUses(now);
  ASSERT_TRUE(forgotten) << forgotten.error().message();
  EXPECT_EQ(*forgotten, 1);
  // The unexpired one still guards against its replay.
  AuditEventDraft again{.request_id = request.id, .actor = "c", .action = "x", .at = now};
  auto replay = installation_->verification().RecordAccountTokenUse(
      {.use_id = std::string(64, 'b'), .request_id = request.id, .used_at = now, .expires_at = now},
      again);
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().code(), ErrorCode::kAlreadyExists);
}

}  // namespace
}  // namespace rightsdesk
