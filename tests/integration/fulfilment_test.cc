// Fulfilment through the data map, as a use case on a real installation: two company systems (the
// Chinook database and a second SQLite system), one of which can be made to fail. Checks the
// retries, that one failing system never hides the others nor lets an erasure go ahead, that the
// approved plan is the one executed, and that the record carries no personal data.
#include "app/fulfilment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "app/casework.h"
#include "app/intake.h"
#include "config/datamap_loader.h"
#include "connectors/open_source.h"
#include "core/correction_plan.h"
#include "core/hex.h"
#include "integration/test_dirs.h"
#include "integration/test_installation.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "support/fixed_clock.h"

namespace rightsdesk {
namespace {

using ::testing::HasSubstr;

// A newsletter system: one table of subscribers, deleted outright on erasure.
constexpr const char* kNewsletterMap = R"(
[[system]]
name = "newsletter"
connector = "sqlite"
path = "newsletter.sqlite"
retries = 2
purposes = ["Sending the newsletter"]
sources = ["The consumer, when subscribing"]
retention = "Until unsubscribed"
  [[system.table]]
  name = "subscriber"
  key = "id"
  identity = { email = "address" }
  erase = "delete_row"
  fields = [
    { column = "id", category = "identifiers" },
    { column = "address", category = "identifiers" },
    { column = "topics", category = "inferences" },
  ]
)";

class FulfilmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto dir = scratch_.path();
    std::filesystem::copy_file(
        std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/chinook/Chinook_Sqlite.sqlite",
        dir / "chinook.sqlite");
    sqlite3* db = nullptr;
    sqlite3_open((dir / "newsletter.sqlite").c_str(), &db);
    sqlite3_exec(db,
                 "CREATE TABLE subscriber (id INTEGER PRIMARY KEY, address TEXT, topics TEXT);"
                 "INSERT INTO subscriber (address, topics) VALUES ('FTremblay@gmail.com', 'jazz'),"
                 " ('someone@else.example', 'rock');",
                 nullptr, nullptr, nullptr);
    sqlite3_close(db);
    std::ifstream demo(std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/datamap.toml");
    std::ostringstream text;
    text << demo.rdbuf() << kNewsletterMap;
    auto map = config::LoadDataMap(text.str(), "datamap.toml", dir);
    ASSERT_TRUE(map) << map.error().message();
    map_ = std::move(*map);
    installation_ = testing::NewInstallation(dir, clock_);
    services_.emplace(services());
  }

  app::Services services() {
    return {installation_->ruleset(), installation_->requests(), clock_, zones_, random_};
  }

  app::Fulfilment Fulfilment() {
    app::RetryPolicy retry{.first_backoff = std::chrono::milliseconds(100),
                           .sleep = [this](std::chrono::milliseconds ms) { slept_.push_back(ms); }};
    return app::Fulfilment(
        *services_, map_,
        [this](const SystemMap& system) { return connectors::OpenDataSource(system, clock_); },
        retry);
  }

  Request Verified(const std::string& type, const std::string& email) {
    auto submitted = app::SubmitRequest(*services_, {.type = type, .email = email}, "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    auto moved = app::TransitionTo(*services_, submitted->request.id, "verified", "3 points", "t");
    EXPECT_TRUE(moved) << moved.error().message();
    return *moved;
  }

  std::string Trail(const Request& request) {
    auto events = installation_->requests().EventsOf(request.id);
    std::string text;
    for (const auto& event : *events) text += event.action + " " + event.details + "\n";
    return text;
  }

  void BreakNewsletter() {
    std::filesystem::rename(scratch_.path() / "newsletter.sqlite", scratch_.path() / "moved");
  }

  testing::ScratchDir scratch_;
  testing::FixedClock clock_{FromMicros(1'790'000'000'000'000)};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  DataMap map_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<app::Services> services_;  // set once the installation exists
  std::vector<std::chrono::milliseconds> slept_;
};

TEST_F(FulfilmentTest, SearchesEverySystemAndRecordsCountsOnly) {
  const Request request = Verified("access", "ftremblay@gmail.com");
  auto fulfilment = Fulfilment();
  auto searches = fulfilment.Search(request.reference, "staff:ana");
  ASSERT_TRUE(searches) << searches.error().message();
  ASSERT_EQ(searches->size(), 2u);
  EXPECT_EQ((*searches)[0].findings->Table("Customer")->rows.size(), 1u);
  EXPECT_EQ((*searches)[1].findings->Table("subscriber")->rows.size(), 1u);  // any case
  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr("fulfilment.searched"));
  EXPECT_THAT(trail, HasSubstr("\"subscriber\":1"));
  EXPECT_EQ(trail.find("ftremblay"), std::string::npos);
  EXPECT_EQ(trail.find("Tremblay"), std::string::npos);
}

TEST_F(FulfilmentTest, AFailingSystemIsRetriedWithBackoffAndNeverHidesTheOthers) {
  const Request request = Verified("delete", "ftremblay@gmail.com");
  BreakNewsletter();
  auto fulfilment = Fulfilment();
  auto searches = fulfilment.Search(request.reference, "staff:ana");
  ASSERT_TRUE(searches);
  EXPECT_TRUE((*searches)[0].findings.has_value());  // Chinook answered
  const SystemSearch& newsletter = (*searches)[1];
  ASSERT_TRUE(newsletter.error.has_value());
  EXPECT_EQ(newsletter.error->code(), ErrorCode::kUnavailable);
  EXPECT_EQ(newsletter.attempts, 3);  // 1 + retries
  EXPECT_EQ(slept_, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(100),
                                                            std::chrono::milliseconds(200)}));
  EXPECT_THAT(Trail(request), HasSubstr("\"attempts\":3"));

  // The plan shows the failure, and no erasure can run while a system cannot be searched.
  auto review = fulfilment.PlanDeletion(request.reference, "staff:ana");
  ASSERT_TRUE(review);
  EXPECT_EQ(review->failed.size(), 1u);
  auto refused = fulfilment.ExecuteDeletion(request.reference, review->digest, "staff:ana",
                                            installation_->signer());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kUnavailable);
  EXPECT_THAT(refused.error().message(), HasSubstr("newsletter"));
}

TEST_F(FulfilmentTest, TheApprovedPlanIsExecutedProvedAndCertified) {
  const Request request = Verified("delete", "ftremblay@gmail.com");
  auto fulfilment = Fulfilment();
  auto review = fulfilment.PlanDeletion(request.reference, "staff:ana");
  ASSERT_TRUE(review) << review.error().message();
  ASSERT_EQ(review->plans.size(), 2u);
  EXPECT_EQ(review->plans[1].tables[0].delete_keys.size(), 1u);

  // A digest that is not the plan's is refused, and nothing is erased.
  auto wrong = fulfilment.ExecuteDeletion(request.reference, "0123456789abcdef", "staff:ana",
                                          installation_->signer());
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), ErrorCode::kConflict);
  auto still = fulfilment.Search(request.reference, "staff:ana");
  EXPECT_EQ((*still)[1].findings->RowCount(), 1u);

  auto outcome = fulfilment.ExecuteDeletion(request.reference, review->digest, "staff:ana",
                                            installation_->signer());
  ASSERT_TRUE(outcome) << outcome.error().message();
  EXPECT_TRUE(outcome->all_verified);
  const PublicKey key = installation_->public_key();
  auto check = VerifyCertificateText(CertificateText(outcome->certificate), &key);
  ASSERT_TRUE(check) << check.error().message();
  EXPECT_TRUE(check->all_verified);
  EXPECT_EQ(outcome->certificate["systems"].size(), 2u);
  EXPECT_EQ(outcome->certificate["systems"][1]["proof"]["tables"][0]["rows_deleted"], 1);
  EXPECT_EQ(outcome->certificate["recipients"][0]["name"], "Payment processor");
  EXPECT_EQ(CertificateText(outcome->certificate).find("ftremblay"), std::string::npos);

  // Nothing is left to find, and the other subscriber is still there.
  auto after = fulfilment.Search(request.reference, "staff:ana");
  EXPECT_EQ((*after)[0].findings->RowCount() + (*after)[1].findings->RowCount(), 0u);
  sqlite3* db = nullptr;
  sqlite3_open((scratch_.path() / "newsletter.sqlite").c_str(), &db);
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM subscriber", -1, &count, nullptr);
  ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(count, 0), 1);
  sqlite3_finalize(count);
  sqlite3_close(db);
  // The recipient is asked to delete too, and its confirmation is recorded.
  bool asked = false;
  auto due = installation_->outbox().ClaimDue(clock_.Now() + std::chrono::hours(1),
                                              clock_.Now() + std::chrono::hours(2), 100);
  for (const auto& notice : *due) {
    if (notice.kind != "recipient_deletion") continue;
    asked = true;
    EXPECT_EQ(notice.params["to"], "privacy@payments.example");
    EXPECT_EQ(notice.params["certificate_id"], outcome->certificate["certificate_id"]);
  }
  EXPECT_TRUE(asked);
  EXPECT_FALSE(fulfilment.ConfirmRecipient(request.reference, "Nobody Inc",
                                           app::RecipientNotice::kDeletion, "staff:ana"));
  ASSERT_TRUE(fulfilment.ConfirmRecipient(request.reference, "Payment processor",
                                          app::RecipientNotice::kDeletion, "staff:ana"));
  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr("recipient.notified"));
  EXPECT_THAT(trail, HasSubstr("recipient.confirmed"));
  EXPECT_THAT(trail, HasSubstr("erasure.planned"));
  EXPECT_THAT(trail, HasSubstr("erasure.executed"));
  EXPECT_THAT(trail, HasSubstr("\"all_verified\":true"));
  EXPECT_EQ(trail.find("ftremblay"), std::string::npos);
}

TEST_F(FulfilmentTest, WithADataMapADeletionCompletesOnlyAfterAVerifiedErasure) {
  services_->fulfilment_required = true;
  auto fulfilment = Fulfilment();
  const Request request = Verified("delete", "ftremblay@gmail.com");
  ASSERT_TRUE(app::TransitionTo(*services_, request.id, "in_progress", "working", "t"));
  auto early = app::TransitionTo(*services_, request.id, "completed", "done", "staff:ana");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(early.error().message(), HasSubstr("erase-plan"));
  auto review = fulfilment.PlanDeletion(request.reference, "staff:ana");
  ASSERT_TRUE(review) << review.error().message();
  ASSERT_TRUE(fulfilment.ExecuteDeletion(request.reference, review->digest, "staff:ana",
                                         installation_->signer()));
  auto done = app::TransitionTo(*services_, request.id, "completed", "done", "staff:ana");
  EXPECT_TRUE(done) << done.error().message();
  // A denial is never held back.
  const Request other = Verified("delete", "someone@else.example");
  EXPECT_TRUE(app::TransitionTo(*services_, other.id, "denied", "exempt", "staff:ana"));
}

std::string CustomerColumn(const std::filesystem::path& db_path, const std::string& column,
                           int id) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_stmt* read = nullptr;
  std::string sql = "SELECT " + column + " FROM Customer WHERE CustomerId = ?";
  sqlite3_prepare_v2(db, sql.c_str(), -1, &read, nullptr);
  sqlite3_bind_int(read, 1, id);
  std::string value;
  if (sqlite3_step(read) == SQLITE_ROW && sqlite3_column_text(read, 0) != nullptr) {
    value = reinterpret_cast<const char*>(sqlite3_column_text(read, 0));
  }
  sqlite3_finalize(read);
  sqlite3_close(db);
  return value;
}

TEST_F(FulfilmentTest, ACorrectionIsPlannedApprovedAppliedReReadAndSealed) {
  services_->fulfilment = &installation_->fulfilment();
  services_->fulfilment_required = true;
  auto fulfilment = Fulfilment();
  const Request request = Verified("correct", "ftremblay@gmail.com");  // customer 3
  const auto db = scratch_.path() / "chinook.sqlite";
  const std::string old_address = CustomerColumn(db, "Address", 3);
  const std::string neighbour = CustomerColumn(db, "Address", 4);
  const std::vector<FieldCorrection> corrections = {
      *ParseFieldCorrection("chinook.Customer.Address=1498 rue Bélanger, app. 2"),
      *ParseFieldCorrection("chinook.Customer.PostalCode=H2G 1A8")};

  auto plan = fulfilment.PlanCorrection(request.reference, corrections, "staff:ana");
  ASSERT_TRUE(plan) << plan.error().message();
  ASSERT_EQ(plan->changes.size(), 2u);
  EXPECT_EQ(plan->changes[0].before, old_address);
  auto stale =
      fulfilment.ExecuteCorrection(request.reference, corrections, "0123456789abcdef", "staff:ana");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(CustomerColumn(db, "Address", 3), old_address);  // nothing applied without approval

  auto done =
      fulfilment.ExecuteCorrection(request.reference, corrections, plan->digest, "staff:ana");
  ASSERT_TRUE(done) << done.error().message();
  EXPECT_TRUE(done->verified());
  EXPECT_EQ(CustomerColumn(db, "Address", 3), "1498 rue Bélanger, app. 2");
  EXPECT_EQ(CustomerColumn(db, "PostalCode", 3), "H2G 1A8");
  EXPECT_EQ(CustomerColumn(db, "Address", 4), neighbour);  // nobody else touched

  // The before/after record is sealed with the request; the trail names fields, never values.
  auto records = installation_->fulfilment().CorrectionsOf(request.id);
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 1u);
  EXPECT_THAT((*records)[0].record, HasSubstr(old_address));
  EXPECT_THAT((*records)[0].record, HasSubstr("Bélanger"));
  EXPECT_EQ((*records)[0].sha256, Sha256Hex((*records)[0].record));
  const std::string trail = Trail(request);
  EXPECT_THAT(trail, HasSubstr("correction.planned"));
  EXPECT_THAT(trail, HasSubstr("correction.applied"));
  EXPECT_THAT(trail, HasSubstr("chinook.Customer.Address"));
  EXPECT_EQ(trail.find("Bélanger"), std::string::npos);
  EXPECT_EQ(trail.find(old_address), std::string::npos);
  // The payment processor (a service provider) is told to correct too, and the request may close.
  EXPECT_THAT(trail, HasSubstr("\"notice\":\"correction\""));
  ASSERT_TRUE(app::TransitionTo(*services_, request.id, "in_progress", "working", "t"));
  auto closed = app::TransitionTo(*services_, request.id, "completed", "corrected", "staff:ana");
  EXPECT_TRUE(closed) << closed.error().message();
  // Correcting again to the same values has nothing left to do.
  const Request again = Verified("correct", "ftremblay@gmail.com");
  auto nothing = fulfilment.PlanCorrection(again.reference, corrections, "staff:ana");
  ASSERT_FALSE(nothing);
  EXPECT_EQ(nothing.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(FulfilmentTest, OnlyAVerifiedDeleteRequestCanBeErased) {
  auto fulfilment = Fulfilment();
  const Request access = Verified("access", "ftremblay@gmail.com");
  auto not_delete = fulfilment.PlanDeletion(access.reference, "staff:ana");
  ASSERT_FALSE(not_delete);
  EXPECT_EQ(not_delete.error().code(), ErrorCode::kFailedPrecondition);
  auto submitted =
      app::SubmitRequest(*services_, {.type = "delete", .email = "ftremblay@gmail.com"}, "test");
  auto unverified = fulfilment.PlanDeletion(submitted->request.reference, "staff:ana");
  ASSERT_FALSE(unverified);
  EXPECT_THAT(unverified.error().message(), HasSubstr("needs a verified request"));
}

}  // namespace
}  // namespace rightsdesk
