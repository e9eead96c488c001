// The data map at work on a real company database in MariaDB: the Chinook sample
// (tests/connectors/chinook_mysql.h), mapped by tests/data/chinook_mysql.datamap.toml (the demo's
// map with connector = "mysql"). The MariaDB twin of chinook_postgres_test.cc, plus the
// failures only a server has: down, hanging, locked, refusing the login; and `rightsdesk datamap
// check` run against it. Every expectation is counted here with plain SQL as root, never taken
// from the code under test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config/datamap_loader.h"
#include "connectors/mysql_fixture.h"
#include "connectors/open_source.h"
#include "connectors/sql_data_source.h"
#include "integration/silent_server.h"
#include "integration/test_dirs.h"
#include "support/fixed_clock.h"

namespace rightsdesk::connectors {
namespace {

using std::chrono::seconds;
using std::chrono::steady_clock;
using ::testing::HasSubstr;
using testing::MySqlServer;
using ::testing::Not;
using testing::TextRows;

constexpr const char* kPlaceholder = "@CONNINFO@";

const SubjectIdentifiers kLuis{.email = "LUISG@EMBRAER.COM.BR"};  // case does not matter
const SubjectIdentifiers kFrancois{.email = "ftremblay@gmail.com"};

std::set<std::string> Keys(const FoundTable* table) {
  std::set<std::string> keys;
  if (table) {
    for (const auto& row : table->rows) keys.insert(row.key.dump());
  }
  return keys;
}

std::set<std::string> Column(const TextRows& rows) {
  std::set<std::string> values;
  for (const auto& row : rows) values.insert(row.at(0));
  return values;
}

std::string Report(const std::vector<CheckFinding>& findings) {
  std::string report;
  for (const auto& f : findings) {
    report += std::string(Name(f.severity)) + " " + f.where + ": " + f.message + "\n";
  }
  return report;
}

std::string MapText(const std::string& url) {
  std::ifstream in(std::filesystem::path(RIGHTSDESK_TEST_DATA_DIR) / "chinook_mysql.datamap.toml",
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string toml = text.str();
  const std::size_t at = toml.find(kPlaceholder);
  if (at != std::string::npos) toml.replace(at, std::string_view(kPlaceholder).size(), url);
  return toml;
}

// The Chinook copy of MySqlChinookTest, seen through the data map.
class ChinookMySqlTest : public MySqlChinookTest {
 protected:
  void SetUp() override {
    MySqlChinookTest::SetUp();
    if (HasFatalFailure()) return;
    const std::string text = MapText(server_->url(database_));
    ASSERT_THAT(text, Not(HasSubstr(kPlaceholder)));
    auto map = config::LoadDataMap(text, "chinook_mysql.datamap.toml", RIGHTSDESK_TEST_DATA_DIR);
    ASSERT_TRUE(map) << map.error().message();
    map_ = std::move(*map);
  }

  const SystemMap& chinook() const { return map_.systems.at(0); }
  // `system` must outlive the source.
  SqlDataSource Source(const SystemMap& system) {
    return SqlDataSource(system, std::make_unique<MySqlConnector>(system.name, system.connector),
                         clock_);
  }

  DataMap map_;
  testing::FixedClock clock_{Instant{}};
};

TEST_F(ChinookMySqlTest, FindsExactlyTheCustomersRowsAcrossTheRelations) {
  auto source = OpenDataSource(chinook(), clock_);  // as the fulfilment and the CLI open it
  ASSERT_TRUE(source) << source.error().message();
  auto found = (*source)->Discover(kLuis);
  ASSERT_TRUE(found) << found.error().message();
  auto db = Root();
  EXPECT_EQ(Keys(found->Table("Customer")),
            Column(db.Query("SELECT CustomerId FROM Customer WHERE LOWER(Email) = LOWER(?)",
                            {kLuis.email})));
  EXPECT_EQ(Keys(found->Table("Invoice")),
            Column(db.Query("SELECT InvoiceId FROM Invoice WHERE CustomerId = 1")));
  EXPECT_EQ(Keys(found->Table("InvoiceLine")),
            Column(db.Query("SELECT InvoiceLineId FROM InvoiceLine JOIN Invoice USING (InvoiceId)"
                            " WHERE CustomerId = 1")));
  ASSERT_NE(found->Table("InvoiceLine"), nullptr);
  EXPECT_GT(found->Table("InvoiceLine")->rows.size(), 10u);
  // The values are the database's, accents intact, in the map's field order.
  const FoundRow& customer = found->Table("Customer")->rows.at(0);
  EXPECT_EQ(customer.values.at(1), "Luís");
  EXPECT_EQ(customer.values.at(2), "Gonçalves");
  EXPECT_EQ(db.Query("SELECT FirstName, LastName FROM Customer WHERE CustomerId = 1"),
            (TextRows{{"Luís", "Gonçalves"}}));
  const FoundRow& invoice = found->Table("Invoice")->rows.at(0);
  ASSERT_TRUE(invoice.values.at(8).is_number()) << invoice.values.at(8).dump();
  EXPECT_DOUBLE_EQ(
      invoice.values.at(8).get<double>(),
      std::stod(db.Value("SELECT Total FROM Invoice WHERE InvoiceId = ?", {invoice.key.dump()})));

  // The same customer by phone, written another way than the database's "+55 (12) 3923-5555".
  auto by_phone = (*source)->Discover({.phone = "55 12 39235555"});
  ASSERT_TRUE(by_phone) << by_phone.error().message();
  EXPECT_EQ(Keys(by_phone->Table("Customer")),
            Column(db.Query("SELECT CustomerId FROM Customer"
                            " WHERE REGEXP_REPLACE(Phone, '[^0-9]', '') = '551239235555'")));
  EXPECT_EQ(Keys(by_phone->Table("Customer")), std::set<std::string>{"1"});
  // Someone the company does not know: nothing, and no error.
  auto nobody = (*source)->Discover({.email = "nobody@example.com"});
  ASSERT_TRUE(nobody) << nobody.error().message();
  EXPECT_EQ(nobody->RowCount(), 0u);
  // An account id that is not an integer matches no row (MariaDB alone would read "1abc" as 1),
  // and the email still finds him.
  for (const std::string account : {"ABC-1", "1abc", "99999999999999999999"}) {
    auto typed = (*source)->Discover({.account_id = account});
    ASSERT_TRUE(typed) << typed.error().message();
    EXPECT_EQ(typed->RowCount(), 0u) << account;
    typed = (*source)->Discover({.email = "luisg@embraer.com.br", .account_id = account});
    ASSERT_TRUE(typed) << typed.error().message();
    EXPECT_EQ(Keys(typed->Table("Customer")), std::set<std::string>{"1"}) << account;
  }
}

TEST_F(ChinookMySqlTest, AnAccentedEmailIsFoundInAnyCaseButNeverWithoutItsAccents) {
  auto source = Source(chinook());
  auto found = source.Discover({.email = "Stanisław.Wójcik@WP.PL"});
  ASSERT_TRUE(found) << found.error().message();
  auto db = Root();
  EXPECT_EQ(Keys(found->Table("Customer")),
            Column(db.Query("SELECT CustomerId FROM Customer WHERE Email = 'stanisław.wójcik@wp.pl'"
                            " COLLATE utf8mb4_bin")));
  EXPECT_EQ(Keys(found->Table("Invoice")),
            Column(db.Query("SELECT InvoiceId FROM Invoice WHERE CustomerId = 49")));
  // The column's collation takes the address without accents for his; the search does not.
  ASSERT_EQ(db.Value("SELECT CustomerId FROM Customer WHERE Email = 'stanisław.wojcik@wp.pl'"),
            "49");
  auto unaccented = source.Discover({.email = "stanisław.wojcik@wp.pl"});
  ASSERT_TRUE(unaccented) << unaccented.error().message();
  EXPECT_EQ(unaccented->RowCount(), 0u);
}

// How many cells of Customer and Invoice contain `value` (ASCII case aside); with `others_only`,
// only in rows that are not François's (customer 3).
std::int64_t CellsContaining(testing::MySqlRootClient& db, const std::string& value,
                             bool others_only) {
  auto lower = [](std::string text) {
    for (char& c : text) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return text;
  };
  const std::string needle = lower(value);
  const std::string customers = others_only ? " WHERE CustomerId <> 3" : "";
  std::int64_t cells = 0;
  for (const std::string table : {"Customer", "Invoice"}) {
    for (const auto& row : db.Query("SELECT * FROM " + table + customers)) {
      for (const std::string& cell : row) cells += lower(cell).find(needle) != std::string::npos;
    }
  }
  return cells;
}

TEST_F(ChinookMySqlTest, DeletionAnonymisesTheCustomerKeepsTheInvoicesAndIsProved) {
  auto source = Source(chinook());
  auto db = Root();
  const TextRows identifying = db.Query(
      "SELECT FirstName, LastName, Email, Phone, Address, PostalCode, City "
      "FROM Customer WHERE CustomerId = 3");
  ASSERT_EQ(identifying.size(), 1u);
  ASSERT_EQ(identifying[0].at(0), "François");
  std::map<std::string, std::int64_t> shared_with_others;  // before: others' cells holding it
  for (const auto& value : identifying[0]) {
    shared_with_others[value] = CellsContaining(db, value, /*others_only=*/true);
    EXPECT_GT(CellsContaining(db, value, /*others_only=*/false), shared_with_others[value])
        << value;
  }
  const TextRows others_before =
      db.Query("SELECT * FROM Customer WHERE CustomerId <> 3 ORDER BY 1");
  const TextRows other_invoices_before =
      db.Query("SELECT * FROM Invoice WHERE CustomerId <> 3 ORDER BY 1");
  const std::string invoices_sql =
      "SELECT InvoiceId, InvoiceDate, Total, BillingCountry FROM Invoice "
      "WHERE CustomerId = 3 ORDER BY 1";
  const TextRows invoices_before = db.Query(invoices_sql);
  ASSERT_FALSE(invoices_before.empty());
  const std::string lines_before = db.Value("SELECT count(*) FROM InvoiceLine");

  auto found = source.Discover(kFrancois);
  ASSERT_TRUE(found) << found.error().message();
  auto plan = PlanErasure(chinook(), *found, ErasureHashKey{42});
  auto applied = source.Erase(plan);
  ASSERT_TRUE(applied) << applied.error().message();
  EXPECT_EQ(applied->rows_deleted, 0);
  EXPECT_EQ(applied->rows_updated, 1 + std::ssize(invoices_before));

  auto reread = source.Reread(*found);
  ASSERT_TRUE(reread) << reread.error().message();
  auto again = source.Discover(kFrancois);
  ASSERT_TRUE(again) << again.error().message();
  auto proof = ProveErasure(chinook(), plan, *reread, *again);
  EXPECT_TRUE(proof.verified());
  EXPECT_EQ(proof.rows_found_again, 0);

  // No identifying value of François is left in any column of any row of Customer or Invoice,
  // but where another customer has it too.
  for (const auto& value : identifying[0]) {
    if (value == "NULL") continue;
    EXPECT_EQ(CellsContaining(db, value, /*others_only=*/false), shared_with_others[value])
        << value;
  }
  EXPECT_EQ(db.Value("SELECT count(*) FROM Customer WHERE CustomerId = 3"), "1");  // anonymised
  EXPECT_EQ(db.Query(invoices_sql), invoices_before);
  EXPECT_EQ(Column(db.Query("SELECT DISTINCT BillingAddress FROM Invoice WHERE CustomerId = 3")),
            std::set<std::string>{"[erased]"});
  EXPECT_EQ(db.Value("SELECT count(*) FROM InvoiceLine"), lines_before);
  EXPECT_EQ(db.Query("SELECT * FROM Customer WHERE CustomerId <> 3 ORDER BY 1"), others_before);
  EXPECT_EQ(db.Query("SELECT * FROM Invoice WHERE CustomerId <> 3 ORDER BY 1"),
            other_invoices_before);
}

TEST_F(ChinookMySqlTest, TheCheckReportsTheLiveSchemaAgainstTheMap) {
  const std::string report = Report(Source(chinook()).Check());
  EXPECT_THAT(report, Not(HasSubstr("error"))) << report;
  EXPECT_THAT(report, HasSubstr("info chinook: reachable"));
  auto db = Root();
  // information_schema's own word on what is indexed (first column of an index) and unmapped.
  const std::string first_indexed =
      "SELECT count(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
      " AND TABLE_NAME = ? AND COLUMN_NAME = ? AND SEQ_IN_INDEX = 1";
  ASSERT_EQ(db.Value(first_indexed, {"Customer", "Email"}), "0");
  EXPECT_THAT(report, HasSubstr("info chinook.Customer.Email: searched by lower(Email)"));
  ASSERT_NE(db.Value(first_indexed, {"Invoice", "CustomerId"}), "0");
  EXPECT_THAT(report, Not(HasSubstr("Invoice.CustomerId: not indexed")));
  EXPECT_EQ(Column(db.Query("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                            " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'Customer'"
                            " AND COLUMN_NAME NOT IN ('CustomerId', 'FirstName', 'LastName',"
                            " 'Company', 'Address', 'City', 'State', 'Country', 'PostalCode',"
                            " 'Phone', 'Fax', 'Email')")),
            std::set<std::string>{"SupportRepId"});
  EXPECT_THAT(report, HasSubstr("info chinook.Customer: columns not in the data map"));
  EXPECT_THAT(report, HasSubstr("SupportRepId"));

  SystemMap wrong = chinook();
  for (auto& field : wrong.tables[0].fields) {
    if (field.column == "Email") field.erasure = FieldErasure::kNull;  // Email is NOT NULL
  }
  wrong.tables[0].fields.push_back({.column = "Birthday", .erasure = FieldErasure::kNull});
  wrong.tables.push_back(wrong.tables[2]);
  wrong.tables.back().name = "Wishlist";
  wrong.tables.push_back(wrong.tables[2]);
  wrong.tables.back().name = "invoiceline";  // names are case-sensitive on Linux
  const std::string wrong_report = Report(Source(wrong).Check());
  EXPECT_THAT(wrong_report, HasSubstr("error chinook.Customer.Birthday: no such column"));
  EXPECT_THAT(wrong_report, HasSubstr("error chinook.Customer.Email: is NOT NULL"));
  EXPECT_THAT(wrong_report, HasSubstr("error chinook.Wishlist: no such table"));
  EXPECT_THAT(wrong_report, HasSubstr("error chinook.invoiceline: no such table"));
}

TEST_F(ChinookMySqlTest, TheDatamapCheckCommandReachesTheServer) {
  testing::CliInstallation installation;
  ASSERT_EQ(installation.Cli({"init"}).exit_code, 0);
  std::ofstream(installation.data() + "/datamap.toml") << MapText(server_->url(database_));
  auto check = installation.Cli({"datamap", "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_THAT(check.out, HasSubstr("info    chinook: reachable"));
  EXPECT_THAT(check.out, HasSubstr("1 systems, 0 errors"));
  Root().Execute("DROP TABLE InvoiceLine");
  auto broken = installation.Cli({"datamap", "check"});
  EXPECT_EQ(broken.exit_code, 2) << broken.out;
  EXPECT_THAT(broken.out, HasSubstr("error   chinook.InvoiceLine: no such table"));
}

TEST_F(ChinookMySqlTest, AServerThatIsDownIsUnavailableAndNamedUntilItIsBack) {
  auto source = Source(chinook());
  ASSERT_TRUE(source.Discover(kLuis));
  {
    ServerDown down(*server_);
    auto found = source.Discover(kLuis);
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().code(), ErrorCode::kUnavailable) << found.error().message();
    EXPECT_THAT(found.error().message(), HasSubstr("chinook"));
    const auto report = source.Check();
    ASSERT_FALSE(report.empty());
    EXPECT_EQ(report[0].severity, CheckFinding::Severity::kError);
    EXPECT_THAT(Report(report), Not(HasSubstr("reachable\n")));
  }
  auto back = source.Discover(kLuis);
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_EQ(Keys(back->Table("Customer")), std::set<std::string>{"1"});
}

TEST_F(ChinookMySqlTest, AServerThatNeverAnswersIsUnavailableWithinTheTimeout) {
  testing::SilentServer silent;
  SystemMap hanging = chinook();
  hanging.connector.conninfo =
      "mysql://rightsdesk@127.0.0.1:" + std::to_string(silent.port()) + "/chinook";
  hanging.connector.timeout_seconds = 2;
  const auto start = steady_clock::now();
  auto found = Source(hanging).Discover(kFrancois);
  const auto waited = steady_clock::now() - start;
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code(), ErrorCode::kUnavailable) << found.error().message();
  EXPECT_THAT(found.error().message(), HasSubstr("chinook"));
  EXPECT_GE(silent.accepted(), 1);                          // it did reach the silent host...
  EXPECT_GE(waited, std::chrono::milliseconds(1500));       // ...waited for it...
  EXPECT_LT(waited, seconds(10)) << "waited past the 2 s";  // ...and gave up
  std::cout << "[ info ] gave up on the silent server after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(waited).count()
            << " ms: " << found.error().message() << "\n";
}

TEST_F(ChinookMySqlTest, AnEraseBlockedByAnotherConnectionsLockIsUnavailableAndChangesNothing) {
  SystemMap quick = chinook();
  quick.connector.timeout_seconds = 1;
  auto source = Source(quick);
  auto found = source.Discover(kFrancois);
  ASSERT_TRUE(found) << found.error().message();
  auto plan = PlanErasure(quick, *found, ErasureHashKey{1});
  auto db = Root();
  const TextRows customer_before = db.Query("SELECT * FROM Customer WHERE CustomerId = 3");
  const TextRows invoices_before =
      db.Query("SELECT * FROM Invoice WHERE CustomerId = 3 ORDER BY 1");

  // Another program is editing François's row (the server ends its lock after 20 s at most).
  auto holder = Root();
  holder.Execute("START TRANSACTION");
  ASSERT_EQ(holder.Query("SELECT 1 FROM Customer WHERE CustomerId = 3 FOR UPDATE").size(), 1u);
  const auto start = steady_clock::now();
  auto blocked = source.Erase(plan);
  const auto waited = steady_clock::now() - start;
  holder.Execute("ROLLBACK");

  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code(), ErrorCode::kUnavailable) << blocked.error().message();
  EXPECT_THAT(blocked.error().message(), HasSubstr("chinook"));
  EXPECT_THAT(blocked.error().message(), HasSubstr("Customer"));
  EXPECT_LT(waited, seconds(10));
  // All or nothing: the invoices, updated before the customer blocked, are as they were too.
  EXPECT_EQ(db.Query("SELECT * FROM Customer WHERE CustomerId = 3"), customer_before);
  EXPECT_EQ(db.Query("SELECT * FROM Invoice WHERE CustomerId = 3 ORDER BY 1"), invoices_before);
  EXPECT_EQ(db.Value("SELECT Email FROM Customer WHERE CustomerId = 3"), kFrancois.email);
}

TEST_F(ChinookMySqlTest, AWrongPasswordIsRefusedAndNeverRepeated) {
  constexpr const char* kWrongEnv = "RIGHTSDESK_TEST_MYSQL_WRONG_PASSWORD";
  constexpr const char* kWrong = "not-the-password-5b1e";
  ::setenv(kWrongEnv, kWrong, 1);
  SystemMap wrong = chinook();
  wrong.connector.password_env = kWrongEnv;
  auto source = Source(wrong);
  auto found = source.Discover(kFrancois);
  ASSERT_FALSE(found);
  const std::string& message = found.error().message();
  EXPECT_EQ(found.error().code(), ErrorCode::kUnavailable) << message;
  EXPECT_THAT(message, HasSubstr("chinook"));
  EXPECT_THAT(message, HasSubstr("Access denied"));
  EXPECT_THAT(message, Not(HasSubstr(kWrong)));
  EXPECT_THAT(message, Not(HasSubstr(MySqlServer::kPassword)));
  const std::string report = Report(source.Check());
  EXPECT_THAT(report, HasSubstr("error chinook: unreachable"));
  EXPECT_THAT(report, Not(HasSubstr(kWrong)));
  ::unsetenv(kWrongEnv);
}

}  // namespace
}  // namespace rightsdesk::connectors
