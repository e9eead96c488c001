// The data map at work on a real company database: the Chinook sample in SQLite, mapped by the
// demo's datamap.toml. Every expectation is counted here with plain SQL on the same file, not
// taken from the code under test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <set>

#include "config/datamap_loader.h"
#include "connectors/sql_data_source.h"
#include "connectors/sqlite_session.h"
#include "integration/test_dirs.h"
#include "support/fixed_clock.h"

namespace rightsdesk {
namespace {

using ::testing::HasSubstr;

const std::filesystem::path kChinook =
    std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/chinook/Chinook_Sqlite.sqlite";

// Plain SQL on the test's copy, to count what the connector should have found.
class Sql {
 public:
  explicit Sql(const std::filesystem::path& path) { sqlite3_open(path.c_str(), &db_); }
  ~Sql() { sqlite3_close(db_); }
  std::vector<std::vector<std::string>> Rows(const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db_);
      return rows;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const unsigned char* text = sqlite3_column_text(stmt, c);
        row.push_back(text ? reinterpret_cast<const char*>(text) : "NULL");
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return rows;
  }
  std::set<std::string> Column(const std::string& sql) {
    std::set<std::string> values;
    for (auto& row : Rows(sql)) values.insert(row.at(0));
    return values;
  }
  void Exec(const std::string& sql) { sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr); }

 private:
  sqlite3* db_ = nullptr;
};

std::set<std::string> Keys(const FoundTable* table) {
  std::set<std::string> keys;
  if (table) {
    for (const auto& row : table->rows) keys.insert(row.key.dump());
  }
  return keys;
}

class ChinookSqliteTest : public ::testing::Test {
 protected:
  ChinookSqliteTest() {
    std::filesystem::copy_file(kChinook, dir_.path() / "chinook.sqlite");
    std::filesystem::copy_file(std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/datamap.toml",
                               dir_.path() / "datamap.toml");
    auto map = config::LoadDataMapFile(dir_.path() / "datamap.toml");
    if (!map) throw std::runtime_error(map.error().message());
    map_ = std::move(*map);
  }
  const SystemMap& chinook() const { return map_.systems.at(0); }
  connectors::SqlDataSource Source(const SystemMap& system) {
    return connectors::SqlDataSource(
        system, std::make_unique<connectors::SqliteConnector>(system.name, system.connector),
        clock_);
  }
  Sql Db() { return Sql(dir_.path() / "chinook.sqlite"); }

  testing::ScratchDir dir_;
  DataMap map_;
  testing::FixedClock clock_{Instant{}};
};

TEST_F(ChinookSqliteTest, FindsExactlyTheCustomersRowsAcrossTheRelations) {
  auto source = Source(chinook());
  auto found = source.Discover({.email = "LUISG@EMBRAER.COM.BR"});  // case does not matter
  ASSERT_TRUE(found) << found.error().message();
  Sql db = Db();
  EXPECT_EQ(Keys(found->Table("Customer")), db.Column("SELECT CustomerId FROM Customer WHERE "
                                                      "lower(Email) = 'luisg@embraer.com.br'"));
  EXPECT_EQ(Keys(found->Table("Invoice")),
            db.Column("SELECT InvoiceId FROM Invoice WHERE CustomerId = 1"));
  EXPECT_EQ(Keys(found->Table("InvoiceLine")),
            db.Column("SELECT InvoiceLineId FROM InvoiceLine JOIN Invoice USING (InvoiceId) "
                      "WHERE CustomerId = 1"));
  EXPECT_GT(found->Table("InvoiceLine")->rows.size(), 10u);
  // The values are the database's, accents intact, in the map's field order.
  const FoundRow& customer = found->Table("Customer")->rows.at(0);
  EXPECT_EQ(customer.values.at(1), "Luís");
  EXPECT_EQ(customer.values.at(2), "Gonçalves");
  EXPECT_TRUE(found->Table("Invoice")->rows.at(0).values.at(8).is_number());

  // The same customer by phone, written another way.
  auto by_phone = source.Discover({.phone = "55 12 39235555"});
  ASSERT_TRUE(by_phone);
  EXPECT_EQ(Keys(by_phone->Table("Customer")), std::set<std::string>{"1"});
  // Someone the company does not know: nothing, and no error.
  auto nobody = source.Discover({.email = "nobody@example.com"});
  ASSERT_TRUE(nobody);
  EXPECT_EQ(nobody->RowCount(), 0u);
}

TEST_F(ChinookSqliteTest, DeletionAnonymisesTheCustomerKeepsTheInvoicesAndIsProved) {
  auto source = Source(chinook());
  Sql db = Db();
  const auto before = db.Rows(
      "SELECT FirstName, LastName, Email, Phone, Address, PostalCode, "
      "City FROM Customer WHERE CustomerId = 3");
  const auto others_before = db.Rows("SELECT * FROM Customer WHERE CustomerId <> 3");
  const auto invoices_before = db.Rows(
      "SELECT InvoiceId, InvoiceDate, Total, BillingCountry "
      "FROM Invoice WHERE CustomerId = 3");
  const auto lines_before = db.Rows("SELECT count(*) FROM InvoiceLine");
  const SubjectIdentifiers francois{.email = "ftremblay@gmail.com"};

  auto found = source.Discover(francois);
  ASSERT_TRUE(found);
  auto plan = PlanErasure(chinook(), *found, ErasureHashKey{42});
  auto applied = source.Erase(plan);
  ASSERT_TRUE(applied) << applied.error().message();
  EXPECT_EQ(applied->rows_deleted, 0);
  EXPECT_EQ(applied->rows_updated, 1 + static_cast<std::int64_t>(invoices_before.size()));

  auto reread = source.Reread(*found);
  auto again = source.Discover(francois);
  ASSERT_TRUE(reread && again);
  auto proof = ProveErasure(chinook(), plan, *reread, *again);
  EXPECT_TRUE(proof.verified());
  EXPECT_EQ(proof.rows_found_again, 0);

  // No identifying value of François is left anywhere in Customer or Invoice.
  const std::string everything = [&] {
    std::string text;
    for (const auto& row : db.Rows("SELECT * FROM Customer"))
      for (const auto& v : row) text += v + "|";
    for (const auto& row : db.Rows("SELECT * FROM Invoice"))
      for (const auto& v : row) text += v + "|";
    return text;
  }();
  for (const auto& value : before.at(0)) {
    if (value == "Montréal") continue;  // another customer lives there too
    EXPECT_EQ(everything.find("|" + value + "|"), std::string::npos) << value;
  }
  // The invoices stay (date, total, tax jurisdiction), the billing address does not.
  EXPECT_EQ(db.Rows("SELECT InvoiceId, InvoiceDate, Total, BillingCountry FROM Invoice WHERE "
                    "CustomerId = 3"),
            invoices_before);
  EXPECT_EQ(db.Column("SELECT DISTINCT BillingAddress FROM Invoice WHERE CustomerId = 3"),
            std::set<std::string>{"[erased]"});
  EXPECT_EQ(db.Rows("SELECT count(*) FROM InvoiceLine"), lines_before);
  // Nobody else was touched.
  EXPECT_EQ(db.Rows("SELECT * FROM Customer WHERE CustomerId <> 3"), others_before);
}

TEST_F(ChinookSqliteTest, TheCheckReportsTheLiveSchemaAgainstTheMap) {
  auto findings = Source(chinook()).Check();
  std::string report;
  for (const auto& f : findings) {
    report += std::string(connectors::Name(f.severity)) + " " + f.where + ": " + f.message + "\n";
    EXPECT_NE(f.severity, connectors::CheckFinding::Severity::kError) << report;
  }
  EXPECT_THAT(report, HasSubstr("info chinook: reachable"));
  EXPECT_THAT(report, HasSubstr("info chinook.Customer.Email: searched by lower(Email)"));
  EXPECT_THAT(report, HasSubstr("info chinook.Customer: columns not in the data map"));
  EXPECT_THAT(report, HasSubstr("SupportRepId"));
  EXPECT_THAT(report, ::testing::Not(HasSubstr("Invoice.CustomerId: not indexed")));

  SystemMap wrong = chinook();
  wrong.tables[0].fields.push_back({.column = "Birthday", .erasure = FieldErasure::kNull});
  wrong.tables[0].fields[11].erasure = FieldErasure::kNull;  // Email is NOT NULL
  wrong.tables.push_back(wrong.tables[2]);
  wrong.tables.back().name = "Wishlist";
  std::string wrong_report;
  for (const auto& f : Source(wrong).Check()) {
    wrong_report +=
        std::string(connectors::Name(f.severity)) + " " + f.where + ": " + f.message + "\n";
  }
  EXPECT_THAT(wrong_report, HasSubstr("error chinook.Customer.Birthday: no such column"));
  EXPECT_THAT(wrong_report, HasSubstr("error chinook.Customer.Email: is NOT NULL"));
  EXPECT_THAT(wrong_report, HasSubstr("error chinook.Wishlist: no such table"));
}

TEST_F(ChinookSqliteTest, ADatabaseThatIsMissingOrLockedIsUnavailableAndNothingChanges) {
  SystemMap missing = chinook();
  missing.connector.path = (dir_.path() / "gone.sqlite").string();
  auto none = Source(missing).Discover({.email = "ftremblay@gmail.com"});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), ErrorCode::kUnavailable);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "gone.sqlite"));  // never created
  auto report = Source(missing).Check();
  ASSERT_FALSE(report.empty());
  EXPECT_EQ(report[0].severity, connectors::CheckFinding::Severity::kError);

  SystemMap quick = chinook();
  quick.connector.timeout_seconds = 1;
  auto source = Source(quick);
  auto found = source.Discover({.email = "ftremblay@gmail.com"});
  ASSERT_TRUE(found);
  auto plan = PlanErasure(quick, *found, ErasureHashKey{1});
  Sql holder = Db();
  holder.Exec("BEGIN EXCLUSIVE");  // another program holds the database
  auto blocked = source.Erase(plan);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code(), ErrorCode::kUnavailable);
  EXPECT_THAT(blocked.error().message(), HasSubstr("chinook"));
  holder.Exec("ROLLBACK");
  EXPECT_EQ(Db().Column("SELECT Email FROM Customer WHERE CustomerId = 3"),
            std::set<std::string>{"ftremblay@gmail.com"});
}

}  // namespace
}  // namespace rightsdesk
