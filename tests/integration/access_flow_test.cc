// A request to know, fulfilled end to end on the Chinook demo data: the package holds exactly the
// consumer's rows across Customer, Invoice and InvoiceLine (counted here with SQL) and nothing of
// any other customer; it is sealed, offered by an expiring link and erased at expiry. A system
// without a connector gets a task its owner must finish before the package or the completion.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/access_delivery.h"
#include "app/casework.h"
#include "app/intake.h"
#include "app/manual_tasks.h"
#include "config/datamap_loader.h"
#include "connectors/open_source.h"
#include "integration/test_dirs.h"
#include "integration/test_installation.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"
#include "support/fixed_clock.h"
#include "support/unzip.h"

namespace rightsdesk {
namespace {

using ::testing::HasSubstr;

constexpr const char* kCrmMap = R"(
[[system]]
name = "crm"
description = "The sales team's CRM, no API"
owner = "sales-ops@acme.example"
connector = "manual"
purposes = ["Sales follow-up"]
sources = ["The consumer"]
retention = "3 years"
)";

std::set<std::string> SqlColumn(const std::filesystem::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  std::set<std::string> values;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    values.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return values;
}

class AccessFlowTest : public ::testing::Test {
 protected:
  void Load(bool with_crm) {
    const auto dir = scratch_.path();
    std::filesystem::copy_file(
        std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/chinook/Chinook_Sqlite.sqlite",
        dir / "chinook.sqlite", std::filesystem::copy_options::overwrite_existing);
    std::ifstream demo(std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/datamap.toml");
    std::ostringstream text;
    text << demo.rdbuf() << (with_crm ? kCrmMap : "");
    auto map = config::LoadDataMap(text.str(), "datamap.toml", dir);
    ASSERT_TRUE(map) << map.error().message();
    map_ = std::move(*map);
    installation_ = testing::NewInstallation(dir, clock_);
    services_.emplace(app::Services{installation_->ruleset(), installation_->requests(), clock_,
                                    zones_, random_, &installation_->fulfilment()});
    fulfilment_.emplace(
        *services_, map_,
        [this](const SystemMap& system) { return connectors::OpenDataSource(system, clock_); },
        app::RetryPolicy{.first_backoff = {}, .sleep = [](auto) {}});
  }

  Request Verified(const std::string& type, const std::string& email) {
    auto submitted = app::SubmitRequest(*services_, {.type = type, .email = email}, "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    auto moved = app::TransitionTo(*services_, submitted->request.id, "verified", "ok", "t");
    EXPECT_TRUE(moved) << moved.error().message();
    return *moved;
  }

  Result<app::IssuedPackage> Issue(const Request& request) {
    return app::IssueAccessPackage(*services_, *fulfilment_, request.reference, {}, {},
                                   "staff:ana");
  }

  std::vector<store::OutgoingNotice> Outbox() {
    auto due = installation_->outbox().ClaimDue(clock_.Now() + std::chrono::hours(1),
                                                clock_.Now() + std::chrono::hours(2), 100);
    EXPECT_TRUE(due);
    return *due;
  }

  testing::ScratchDir scratch_;
  testing::FixedClock clock_{FromMicros(1'790'000'000'000'000)};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  DataMap map_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<app::Services> services_;
  std::optional<app::Fulfilment> fulfilment_;
};

TEST_F(AccessFlowTest, ThePackageHoldsExactlyTheConsumersRowsAndNothingOfAnyoneElse) {
  Load(false);
  const Request request = Verified("access", "ftremblay@gmail.com");
  auto issued = Issue(request);
  ASSERT_TRUE(issued) << issued.error().message();
  EXPECT_THAT(issued->link_path, HasSubstr("/privacy/package/" + issued->record.id + "/rdp_"));

  auto zip = installation_->fulfilment().DownloadPackage(issued->record.id,
                                                         {.request_id = request.id,
                                                          .actor = "test",
                                                          .action = "package.downloaded",
                                                          .at = clock_.Now()});
  ASSERT_TRUE(zip) << zip.error().message();
  const auto entries = testing::Unzip(*zip);
  nlohmann::json data;
  std::string everything;
  for (const auto& [name, bytes] : entries) {
    everything += bytes;
    if (name == "data.json") data = nlohmann::json::parse(bytes);
  }
  const auto db = scratch_.path() / "chinook.sqlite";
  std::map<std::string, std::set<std::string>> keys;
  for (const auto& table : data["systems"][0]["tables"]) {
    for (const auto& record : table["records"]) {
      keys[table["name"].get<std::string>()].insert(record["key"].dump());
    }
  }
  EXPECT_EQ(keys["Customer"],
            SqlColumn(db, "SELECT CustomerId FROM Customer WHERE CustomerId = 3"));
  EXPECT_EQ(keys["Invoice"], SqlColumn(db, "SELECT InvoiceId FROM Invoice WHERE CustomerId = 3"));
  EXPECT_EQ(keys["InvoiceLine"],
            SqlColumn(db,
                      "SELECT InvoiceLineId FROM InvoiceLine JOIN Invoice USING (InvoiceId)"
                      " WHERE CustomerId = 3"));
  // Nobody else's email or last name is anywhere in the package.
  for (const auto& other : SqlColumn(db, "SELECT Email FROM Customer WHERE CustomerId <> 3")) {
    EXPECT_EQ(everything.find(other), std::string::npos) << other;
  }
  for (const auto& other : SqlColumn(db,
                                     "SELECT LastName FROM Customer WHERE CustomerId <> 3"
                                     " AND length(LastName) > 4 AND LastName <> 'Tremblay'")) {
    EXPECT_EQ(everything.find(other), std::string::npos) << other;
  }
  EXPECT_THAT(everything, HasSubstr("François"));

  // The consumer is sent the link; the audit trail has the package's fingerprint, not its data.
  bool offered = false;
  for (const auto& notice : Outbox()) {
    if (notice.kind != "package_ready") continue;
    offered = true;
    EXPECT_EQ(notice.params["package_path"], issued->link_path);
  }
  EXPECT_TRUE(offered);
  auto events = installation_->requests().EventsOf(request.id);
  std::string trail;
  for (const auto& event : *events) trail += event.action + " " + event.details + "\n";
  EXPECT_THAT(trail, HasSubstr("package.built"));
  EXPECT_THAT(trail, HasSubstr(issued->record.sha256));
  EXPECT_THAT(trail, HasSubstr("package.downloaded"));
  EXPECT_EQ(trail.find("Tremblay"), std::string::npos);
  EXPECT_EQ(trail.find("rdp_"), std::string::npos);
}

TEST_F(AccessFlowTest, TheLinkWorksUntilItExpiresAndThenTheBytesAreErased) {
  Load(false);
  const Request request = Verified("access", "ftremblay@gmail.com");
  auto issued = Issue(request);
  ASSERT_TRUE(issued);
  const std::string secret = issued->link_path.substr(issued->link_path.rfind('/') + 1);
  EXPECT_TRUE(app::FindOfferedPackage(*services_, issued->record.id, secret));
  EXPECT_EQ(app::FindOfferedPackage(*services_, issued->record.id, secret + "0").error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(app::FindOfferedPackage(*services_, "another-id", secret).error().code(),
            ErrorCode::kNotFound);

  clock_.Set(clock_.Now() + std::chrono::days(7) + std::chrono::seconds(1));
  EXPECT_EQ(app::FindOfferedPackage(*services_, issued->record.id, secret).error().code(),
            ErrorCode::kFailedPrecondition);
  auto erased = installation_->fulfilment().EraseExpiredPackages(clock_.Now(), "system");
  ASSERT_TRUE(erased);
  EXPECT_EQ(*erased, 1);
  auto gone = installation_->fulfilment().DownloadPackage(
      issued->record.id,
      {.request_id = request.id, .actor = "t", .action = "x", .at = clock_.Now()});
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code(), ErrorCode::kFailedPrecondition);
  auto packages = installation_->fulfilment().PackagesOf(request.id);
  ASSERT_EQ(packages->size(), 1u);
  EXPECT_TRUE(packages->at(0).erased);  // the record of what was sent stays
}

TEST_F(AccessFlowTest, AManualSystemsTaskMustBeDoneBeforeThePackageAndTheCompletion) {
  Load(true);
  const Request request = Verified("access", "ftremblay@gmail.com");
  auto refused = Issue(request);
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().message(), HasSubstr("manual task for crm"));

  auto tasks = installation_->fulfilment().TasksOf(request.id);
  ASSERT_EQ(tasks->size(), 1u);  // searched twice, one task
  const store::ManualTask task = tasks->at(0);
  EXPECT_EQ(task.owner, "sales-ops@acme.example");
  EXPECT_EQ(task.checklist.size(), 3u);
  bool owner_told = false;
  for (const auto& notice : Outbox()) {
    if (notice.kind == "manual_task") owner_told = notice.params["to"] == task.owner;
  }
  EXPECT_TRUE(owner_told);

  auto moved = app::TransitionTo(*services_, request.id, "in_progress", "working", "t");
  ASSERT_TRUE(moved);
  auto early = app::TransitionTo(*services_, request.id, "completed", "done", "t");
  ASSERT_FALSE(early);
  EXPECT_THAT(early.error().message(), HasSubstr("manual task for crm"));

  auto partial = app::UpdateManualTask(*services_, task.id,
                                       {.steps_done = {1, 2}, .complete = true}, "crm-owner");
  ASSERT_FALSE(partial);
  EXPECT_THAT(partial.error().message(), HasSubstr("1 step(s) not done"));
  EXPECT_FALSE(app::UpdateManualTask(*services_, task.id, {.steps_done = {4}}, "o"));
  auto done = app::UpdateManualTask(
      *services_, task.id,
      {.steps_done = {1, 2, 3}, .complete = true, .note = "Found one lead, exported"}, "crm-owner");
  ASSERT_TRUE(done) << done.error().message();
  EXPECT_EQ(done->status, "done");
  EXPECT_EQ(installation_->fulfilment().FindTask(task.id)->note, "Found one lead, exported");

  ASSERT_TRUE(Issue(request));
  EXPECT_TRUE(app::TransitionTo(*services_, request.id, "completed", "sent", "t"));
}

TEST_F(AccessFlowTest, OnlyAVerifiedAccessRequestGetsAPackageAndCategoriesComeFromTheMap) {
  Load(false);
  const Request deletion = Verified("delete", "ftremblay@gmail.com");
  EXPECT_EQ(Issue(deletion).error().code(), ErrorCode::kFailedPrecondition);
  const Request categories = Verified("categories", "ftremblay@gmail.com");
  auto disclosure = app::DiscloseCategoriesFor(*services_, map_, categories.reference, "staff:ana");
  ASSERT_TRUE(disclosure) << disclosure.error().message();
  std::set<std::string> names;
  for (const auto& category : (*disclosure)["categories"]) names.insert(category["category"]);
  EXPECT_EQ(names, (std::set<std::string>{"identifiers", "customer_records", "professional",
                                          "commercial"}));
}

}  // namespace
}  // namespace rightsdesk
