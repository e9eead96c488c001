// The data map at work on a real company database in PostgreSQL: the Chinook sample, mapped by
// tests/data/chinook_postgres.datamap.toml (the demo's map with PostgreSQL's snake_case names).
// The PostgreSQL twin of tests/integration/chinook_sqlite_test.cc, plus the failures only a
// server has: down, hanging, locked, refusing the login. Every expectation is counted here with
// plain SQL through libpq, as the superuser, never taken from the code under test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/datamap_loader.h"
#include "connectors/postgres_session.h"
#include "connectors/sql_data_source.h"
#include "integration/postgres_server.h"
#include "integration/silent_server.h"
#include "support/fixed_clock.h"

namespace rightsdesk {
namespace {

using std::chrono::seconds;
using std::chrono::steady_clock;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::PostgresServer;
using testing::SilentServer;
using testing::StartServerWith;

constexpr const char* kPasswordEnv = "RIGHTSDESK_TEST_PG_PASSWORD";  // named by the map
constexpr const char* kPlaceholder = "@CONNINFO@";

const SubjectIdentifiers kLuis{.email = "LUISG@EMBRAER.COM.BR"};  // case does not matter
const SubjectIdentifiers kFrancois{.email = "ftremblay@gmail.com"};

using Rows = std::vector<std::vector<std::string>>;

// Plain SQL as the superuser on the test's database, to count what the connector should have
// found or left. Values as the server's text; NULL as "NULL".
class Sql {
 public:
  explicit Sql(const std::string& conninfo) : connection_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(connection_.get()) != CONNECTION_OK) {
      ADD_FAILURE() << "test SQL connection: " << PQerrorMessage(connection_.get());
    }
  }
  Rows Query(const std::string& sql, const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    for (const std::string& param : params) values.push_back(param.c_str());
    std::unique_ptr<PGresult, decltype(&PQclear)> result(
        PQexecParams(connection_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                     values.data(), nullptr, nullptr, 0),
        &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    Rows rows;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      ADD_FAILURE() << sql << ": " << PQerrorMessage(connection_.get());
      return rows;
    }
    for (int r = 0; r < PQntuples(result.get()); ++r) {
      std::vector<std::string> row;
      for (int c = 0; c < PQnfields(result.get()); ++c) {
        row.push_back(PQgetisnull(result.get(), r, c) ? "NULL" : PQgetvalue(result.get(), r, c));
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }
  std::set<std::string> Column(const std::string& sql,
                               const std::vector<std::string>& params = {}) {
    std::set<std::string> values;
    for (auto& row : Query(sql, params)) values.insert(row.at(0));
    return values;
  }
  std::string Value(const std::string& sql, const std::vector<std::string>& params = {}) {
    const Rows rows = Query(sql, params);
    return rows.empty() || rows[0].empty() ? "" : rows[0][0];
  }
  std::int64_t Count(const std::string& sql, const std::vector<std::string>& params = {}) {
    const std::string value = Value(sql, params);
    return value.empty() ? -1 : std::stoll(value);
  }

 private:
  struct Finish {
    void operator()(PGconn* connection) const { PQfinish(connection); }
  };
  std::unique_ptr<PGconn, Finish> connection_;
};

std::set<std::string> Keys(const FoundTable* table) {
  std::set<std::string> keys;
  if (table) {
    for (const auto& row : table->rows) keys.insert(row.key.dump());
  }
  return keys;
}

std::string Report(const std::vector<connectors::CheckFinding>& findings) {
  std::string report;
  for (const auto& f : findings) {
    report += std::string(connectors::Name(f.severity)) + " " + f.where + ": " + f.message + "\n";
  }
  return report;
}

// The map file with the test server's connection string in place of the placeholder.
Result<DataMap> LoadChinookMap(const std::string& conninfo) {
  const std::filesystem::path path =
      std::filesystem::path(RIGHTSDESK_TEST_DATA_DIR) / "chinook_postgres.datamap.toml";
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string toml = text.str();
  const std::string_view placeholder(kPlaceholder);
  std::size_t replaced = 0;
  for (std::size_t at = 0; (at = toml.find(placeholder, at)) != std::string::npos; ++replaced) {
    toml.replace(at, placeholder.size(), conninfo);
    at += conninfo.size();
  }
  if (replaced == 0) {
    return Fail(ErrorCode::kInvalidArgument, path.string() + " has no " + kPlaceholder);
  }
  return config::LoadDataMap(toml, path.string(), path.parent_path());
}

// One server for the suite, loaded with Chinook once (ctest runs each test in its own process,
// so each gets its own). Every test works on its own copy, `CREATE DATABASE ... TEMPLATE chinook`,
// so a test that erases or locks never sees another's changes.
class ChinookPostgresTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ =
        StartServerWith(RIGHTSDESK_CHINOOK_POSTGRES_SQL, kPasswordEnv, startup_error_).release();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(server_, nullptr) << "the PostgreSQL test server did not start: " << startup_error_;
    database_ = "chinook_copy_" + std::to_string(++copies_);
    try {
      server_->Execute("CREATE DATABASE " + database_ + " TEMPLATE chinook");
      server_->GrantTables(database_);
    } catch (const std::exception& e) {
      FAIL() << "copying chinook: " << e.what();
    }
    auto map = LoadChinookMap(server_->conninfo(database_));
    ASSERT_TRUE(map) << map.error().message();
    map_ = std::move(*map);
  }
  void TearDown() override {
    if (server_ == nullptr || database_.empty()) return;
    try {
      server_->Execute("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  }

  const SystemMap& chinook() const { return map_.systems.at(0); }
  // `system` must outlive the source.
  connectors::SqlDataSource Source(const SystemMap& system) {
    return connectors::SqlDataSource(
        system, std::make_unique<connectors::PostgresConnector>(system.name, system.connector),
        clock_);
  }
  Sql Db() const { return Sql(server_->superuser_conninfo(database_)); }

  static inline PostgresServer* server_ = nullptr;
  static inline std::string startup_error_;
  static inline int copies_ = 0;
  std::string database_;
  DataMap map_;
  testing::FixedClock clock_{Instant{}};
};

TEST_F(ChinookPostgresTest, FindsExactlyTheCustomersRowsAcrossTheRelations) {
  auto source = Source(chinook());
  auto found = source.Discover(kLuis);
  ASSERT_TRUE(found) << found.error().message();
  Sql db = Db();
  EXPECT_EQ(
      Keys(found->Table("customer")),
      db.Column("SELECT customer_id FROM customer WHERE lower(email) = lower($1)", {kLuis.email}));
  EXPECT_EQ(Keys(found->Table("invoice")),
            db.Column("SELECT invoice_id FROM invoice WHERE customer_id = 1"));
  EXPECT_EQ(Keys(found->Table("invoice_line")),
            db.Column("SELECT invoice_line_id FROM invoice_line JOIN invoice USING (invoice_id) "
                      "WHERE customer_id = 1"));
  ASSERT_NE(found->Table("invoice_line"), nullptr);
  EXPECT_GT(found->Table("invoice_line")->rows.size(), 10u);
  // The values are the database's, accents intact, in the map's field order.
  const FoundRow& customer = found->Table("customer")->rows.at(0);
  EXPECT_EQ(customer.values.at(1), "Luís");
  EXPECT_EQ(customer.values.at(2), "Gonçalves");
  EXPECT_EQ(db.Query("SELECT first_name, last_name FROM customer WHERE customer_id = 1"),
            (Rows{{"Luís", "Gonçalves"}}));
  const FoundRow& invoice = found->Table("invoice")->rows.at(0);
  ASSERT_TRUE(invoice.values.at(8).is_number()) << invoice.values.at(8).dump();
  EXPECT_DOUBLE_EQ(
      invoice.values.at(8).get<double>(),
      std::stod(db.Value("SELECT total FROM invoice WHERE invoice_id = $1", {invoice.key.dump()})));

  // The same customer by phone, written another way than the database's "+55 (12) 3923-5555".
  auto by_phone = source.Discover({.phone = "55 12 39235555"});
  ASSERT_TRUE(by_phone) << by_phone.error().message();
  EXPECT_EQ(Keys(by_phone->Table("customer")),
            db.Column("SELECT customer_id FROM customer "
                      "WHERE regexp_replace(phone, '[^0-9]', '', 'g') = '551239235555'"));
  EXPECT_EQ(Keys(by_phone->Table("customer")), std::set<std::string>{"1"});
  // Someone the company does not know: nothing, and no error.
  auto nobody = source.Discover({.email = "nobody@example.com"});
  ASSERT_TRUE(nobody) << nobody.error().message();
  EXPECT_EQ(nobody->RowCount(), 0u);
  EXPECT_EQ(db.Count("SELECT count(*) FROM customer WHERE lower(email) = 'nobody@example.com'"), 0);
  // An account id that cannot be an integer matches no row, and the email still finds hers.
  for (const std::string account : {"ABC-1", "99999999999999999999"}) {
    auto typed = source.Discover({.email = "luisg@embraer.com.br", .account_id = account});
    ASSERT_TRUE(typed) << typed.error().message();
    EXPECT_EQ(typed->Table("customer")->rows.size(), 1u);
  }
}

// How many cells of customer and invoice contain `value` (case aside); with `others_only`, only
// in rows that are not François's (customer 3).
std::int64_t CellsContaining(Sql& db, const std::string& value, bool others_only) {
  const std::string customers = others_only ? " WHERE c.customer_id <> 3" : "";
  const std::string invoices = others_only ? " WHERE i.customer_id <> 3" : "";
  return db.Count(
      "SELECT count(*) FROM ("
      " SELECT v.value FROM customer c, jsonb_each_text(to_jsonb(c)) v" +
          customers +
          " UNION ALL"
          " SELECT v.value FROM invoice i, jsonb_each_text(to_jsonb(i)) v" +
          invoices + ") AS cells WHERE strpos(lower(cells.value), lower($1)) > 0",
      {value});
}

TEST_F(ChinookPostgresTest, DeletionAnonymisesTheCustomerKeepsTheInvoicesAndIsProved) {
  auto source = Source(chinook());
  Sql db = Db();
  const Rows identifying = db.Query(
      "SELECT first_name, last_name, email, phone, address, postal_code, city "
      "FROM customer WHERE customer_id = 3");
  ASSERT_EQ(identifying.size(), 1u);
  ASSERT_EQ(identifying[0].at(0), "François");
  std::map<std::string, std::int64_t> shared_with_others;  // before: others' cells holding it
  for (const auto& value : identifying[0]) {
    shared_with_others[value] = CellsContaining(db, value, /*others_only=*/true);
    // The search sees his values before the erasure (else finding none after proves nothing).
    EXPECT_GT(CellsContaining(db, value, /*others_only=*/false), shared_with_others[value])
        << value;
  }
  const Rows others_before = db.Query("SELECT * FROM customer WHERE customer_id <> 3 ORDER BY 1");
  const Rows other_invoices_before =
      db.Query("SELECT * FROM invoice WHERE customer_id <> 3 ORDER BY 1");
  const std::string invoices_sql =
      "SELECT invoice_id, invoice_date, total, billing_country FROM invoice "
      "WHERE customer_id = 3 ORDER BY 1";
  const Rows invoices_before = db.Query(invoices_sql);
  ASSERT_FALSE(invoices_before.empty());
  const std::int64_t lines_before = db.Count("SELECT count(*) FROM invoice_line");

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

  // No identifying value of François is left in any column of any row of customer or invoice,
  // but where another customer has it too.
  for (const auto& value : identifying[0]) {
    if (value == "NULL") continue;
    EXPECT_EQ(CellsContaining(db, value, /*others_only=*/false), shared_with_others[value])
        << value;
  }
  EXPECT_EQ(db.Count("SELECT count(*) FROM customer WHERE customer_id = 3"), 1);  // anonymised
  // The invoices stay (date, total, tax jurisdiction), the billing address does not.
  EXPECT_EQ(db.Query(invoices_sql), invoices_before);
  EXPECT_EQ(db.Column("SELECT DISTINCT billing_address FROM invoice WHERE customer_id = 3"),
            std::set<std::string>{"[erased]"});
  EXPECT_EQ(db.Count("SELECT count(*) FROM invoice_line"), lines_before);
  // Nobody else was touched.
  EXPECT_EQ(db.Query("SELECT * FROM customer WHERE customer_id <> 3 ORDER BY 1"), others_before);
  EXPECT_EQ(db.Query("SELECT * FROM invoice WHERE customer_id <> 3 ORDER BY 1"),
            other_invoices_before);
}

TEST_F(ChinookPostgresTest, TheCheckReportsTheLiveSchemaAgainstTheMap) {
  const std::string report = Report(Source(chinook()).Check());
  EXPECT_THAT(report, Not(HasSubstr("error"))) << report;
  EXPECT_THAT(report, HasSubstr("info chinook: reachable"));
  Sql db = Db();
  // The catalog's own word on what is indexed (first column of an index) and what is unmapped.
  const std::string first_indexed =
      "SELECT count(*) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
      " AND a.attnum = i.indkey[0] WHERE i.indrelid = $1::regclass AND a.attname = $2";
  ASSERT_EQ(db.Count(first_indexed, {"customer", "email"}), 0);
  EXPECT_THAT(report, HasSubstr("info chinook.customer.email: searched by lower(email)"));
  ASSERT_GT(db.Count(first_indexed, {"invoice", "customer_id"}), 0);
  EXPECT_THAT(report, Not(HasSubstr("invoice.customer_id: not indexed")));
  const std::set<std::string> unmapped = db.Column(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'customer'"
      " AND column_name NOT IN ('customer_id', 'first_name', 'last_name', 'company', 'address',"
      " 'city', 'state', 'country', 'postal_code', 'phone', 'fax', 'email')");
  EXPECT_EQ(unmapped, std::set<std::string>{"support_rep_id"});
  EXPECT_THAT(report, HasSubstr("info chinook.customer: columns not in the data map"));
  EXPECT_THAT(report, HasSubstr("support_rep_id"));

  SystemMap wrong = chinook();
  for (auto& field : wrong.tables[0].fields) {
    if (field.column == "email") field.erasure = FieldErasure::kNull;  // email is NOT NULL
  }
  wrong.tables[0].fields.push_back({.column = "birthday", .erasure = FieldErasure::kNull});
  wrong.tables.push_back(wrong.tables[2]);
  wrong.tables.back().name = "wishlist";
  ASSERT_EQ(db.Count("SELECT count(*) FROM information_schema.columns WHERE column_name = "
                     "'birthday' OR table_name = 'wishlist'"),
            0);
  const std::string wrong_report = Report(Source(wrong).Check());
  EXPECT_THAT(wrong_report, HasSubstr("error chinook.customer.birthday: no such column"));
  EXPECT_THAT(wrong_report, HasSubstr("error chinook.customer.email: is NOT NULL"));
  EXPECT_THAT(wrong_report, HasSubstr("error chinook.wishlist: no such table"));
}

// Stops the shared server for a scope, as when the company's database goes down; starts it again
// on leaving the scope, so the tests after this one have it.
class ServerDown {
 public:
  explicit ServerDown(PostgresServer& server) : server_(server) { server_.Stop(); }
  ~ServerDown() {
    try {
      server_.Start();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "restarting the PostgreSQL test server: " << e.what();
    }
  }
  ServerDown(const ServerDown&) = delete;
  ServerDown& operator=(const ServerDown&) = delete;

 private:
  PostgresServer& server_;
};

TEST_F(ChinookPostgresTest, AServerThatIsDownIsUnavailableAndNamedUntilItIsBack) {
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
    EXPECT_EQ(report[0].severity, connectors::CheckFinding::Severity::kError);
    EXPECT_THAT(Report(report), Not(HasSubstr("reachable\n")));
  }
  auto back = source.Discover(kLuis);
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_EQ(Keys(back->Table("customer")), std::set<std::string>{"1"});
}

TEST_F(ChinookPostgresTest, AServerThatNeverAnswersIsUnavailableWithinTheTimeout) {
  SilentServer silent;
  SystemMap hanging = chinook();
  hanging.connector.conninfo =
      "host=127.0.0.1 port=" + std::to_string(silent.port()) + " user=rightsdesk dbname=chinook";
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

TEST_F(ChinookPostgresTest, AnEraseBlockedByAnotherConnectionsLockIsUnavailableAndChangesNothing) {
  SystemMap quick = chinook();
  quick.connector.timeout_seconds = 1;
  auto source = Source(quick);
  auto found = source.Discover(kFrancois);
  ASSERT_TRUE(found) << found.error().message();
  auto plan = PlanErasure(quick, *found, ErasureHashKey{1});
  Sql db = Db();
  const Rows customer_before = db.Query("SELECT * FROM customer WHERE customer_id = 3");
  const Rows invoices_before = db.Query("SELECT * FROM invoice WHERE customer_id = 3 ORDER BY 1");

  // Another program is editing François's row. Its lock ends by itself after 20 s, so an erase
  // without a timeout fails this test instead of hanging it.
  Sql holder = Db();
  holder.Query("SET idle_in_transaction_session_timeout = '20s'");
  holder.Query("BEGIN");
  ASSERT_EQ(holder.Query("SELECT 1 FROM customer WHERE customer_id = 3 FOR UPDATE").size(), 1u);
  const auto start = steady_clock::now();
  auto blocked = source.Erase(plan);
  const auto waited = steady_clock::now() - start;
  holder.Query("ROLLBACK");

  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code(), ErrorCode::kUnavailable) << blocked.error().message();
  EXPECT_THAT(blocked.error().message(), HasSubstr("chinook"));
  EXPECT_THAT(blocked.error().message(), HasSubstr("customer"));
  EXPECT_LT(waited, seconds(10));
  // All or nothing: the invoices, updated before the customer blocked, are as they were too.
  EXPECT_EQ(db.Query("SELECT * FROM customer WHERE customer_id = 3"), customer_before);
  EXPECT_EQ(db.Query("SELECT * FROM invoice WHERE customer_id = 3 ORDER BY 1"), invoices_before);
  EXPECT_EQ(db.Value("SELECT email FROM customer WHERE customer_id = 3"), kFrancois.email);
}

TEST_F(ChinookPostgresTest, AWrongPasswordIsRefusedAndNeverRepeated) {
  constexpr const char* kWrongEnv = "RIGHTSDESK_TEST_PG_WRONG_PASSWORD";
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
  EXPECT_THAT(message, HasSubstr("password authentication failed"));
  EXPECT_THAT(message, Not(HasSubstr(kWrong)));
  EXPECT_THAT(message, Not(HasSubstr(PostgresServer::kPassword)));
  const std::string report = Report(source.Check());
  EXPECT_THAT(report, HasSubstr("error chinook: unreachable"));
  EXPECT_THAT(report, Not(HasSubstr(kWrong)));
  ::unsetenv(kWrongEnv);
}

}  // namespace
}  // namespace rightsdesk
