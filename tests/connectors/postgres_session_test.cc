// PostgresSession against a real PostgreSQL server loaded with the Chinook sample database
// (lower-case snake_case names: customer, customer_id, email). Expected counts are read from the
// database with the superuser, never assumed.
#include "connectors/postgres_session.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "integration/postgres_server.h"

namespace rightsdesk::connectors {
namespace {

using testing::PostgresServer;
using testing::StartServerWith;

constexpr const char* kSessionPasswordEnv = "RIGHTSDESK_TEST_PG_PASSWORD";
constexpr const char* kSystem = "chinook";

const ColumnShape* FindColumn(const TableShape& shape, std::string_view name) {
  for (const ColumnShape& column : shape.columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

ConnectorSettings SettingsFor(const PostgresServer& server, std::string_view database,
                              int timeout_seconds = 10) {
  ConnectorSettings settings;
  settings.kind = ConnectorSettings::Kind::kPostgres;
  settings.conninfo = server.conninfo(database);
  settings.password_env = kSessionPasswordEnv;
  settings.timeout_seconds = timeout_seconds;
  return settings;
}

// One server per test process (ctest runs each test in its own), loaded with Chinook once.
class PostgresChinookTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto server =
        StartServerWith(RIGHTSDESK_CHINOOK_POSTGRES_SQL, kSessionPasswordEnv, startup_error_);
    if (!server) return;
    try {
      server->GrantTables("chinook");
      server_ = server.release();
    } catch (const std::exception& e) {
      startup_error_ = e.what();
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(server_, nullptr) << "the PostgreSQL test server did not start: " << startup_error_;
    auto session = PostgresConnector(kSystem, SettingsFor(*server_, "chinook")).Open();
    ASSERT_TRUE(session) << session.error().message();
    session_ = std::move(*session);
  }

  static std::string Value(const std::string& sql) { return server_->QueryValue(sql, "chinook"); }
  static std::int64_t Count(const std::string& sql) { return std::stoll(Value(sql)); }

  std::vector<SqlRow> MustSelect(std::string_view table, const std::vector<std::string>& columns,
                                 std::string_view where, MatchMode mode,
                                 const std::vector<FieldValue>& values) {
    auto rows = session_->Select(table, columns, where, mode, values);
    EXPECT_TRUE(rows) << rows.error().message();
    return rows ? *rows : std::vector<SqlRow>{};
  }

  static inline PostgresServer* server_ = nullptr;
  static inline std::string startup_error_;
  std::unique_ptr<SqlSession> session_;
};

TEST_F(PostgresChinookTest, FindsACustomerByEmailWithoutRegardToCase) {
  const auto rows = MustSelect("customer", {"customer_id", "email"}, "email",
                               MatchMode::kCaseInsensitive, {"LUISG@EMBRAER.COM.BR"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0][0].is_number_integer());
  EXPECT_EQ(rows[0][0], 1);
  EXPECT_EQ(rows[0][1], "luisg@embraer.com.br");
}

TEST_F(PostgresChinookTest, ExactMatchOnTextKeepsCaseAndUtf8) {
  EXPECT_EQ(
      MustSelect("customer", {"customer_id"}, "email", MatchMode::kExact, {"LUISG@EMBRAER.COM.BR"})
          .size(),
      0u);
  const auto rows = MustSelect("customer", {"customer_id", "first_name"}, "first_name",
                               MatchMode::kExact, {"Luís"});
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(
                             Count("SELECT count(*) FROM customer WHERE first_name = 'Luís'")));
  EXPECT_EQ(rows[0][1], "Luís");
}

TEST_F(PostgresChinookTest, FindsACustomerByPhoneDigitsWhateverTheFormat) {
  for (const char* phone : {"+55 12 3923-5555", "55 (12) 39235555"}) {
    const auto rows = MustSelect("customer", {"customer_id"}, "phone", MatchMode::kDigits, {phone});
    ASSERT_EQ(rows.size(), 1u) << phone;
    EXPECT_EQ(rows[0][0], 1) << phone;
  }
  // Both spellings at once still find the customer once.
  EXPECT_EQ(MustSelect("customer", {"customer_id"}, "phone", MatchMode::kDigits,
                       {"+55 12 3923-5555", "55 (12) 39235555"})
                .size(),
            1u);
}

TEST_F(PostgresChinookTest, FindsEveryInvoiceOfACustomerByIntegerKey) {
  const std::int64_t expected = Count("SELECT count(*) FROM invoice WHERE customer_id = 1");
  ASSERT_GT(expected, 0);
  EXPECT_EQ(
      std::ssize(MustSelect("invoice", {"invoice_id"}, "customer_id", MatchMode::kExact, {1})),
      expected);
  // A key given as text is typed by the column as well.
  EXPECT_EQ(
      std::ssize(MustSelect("invoice", {"invoice_id"}, "customer_id", MatchMode::kExact, {"1"})),
      expected);
  EXPECT_EQ(std::ssize(MustSelect("invoice", {"invoice_id"}, "customer_id", MatchMode::kExact,
                                  {1, 2, nullptr})),
            Count("SELECT count(*) FROM invoice WHERE customer_id IN (1, 2)"));
}

TEST_F(PostgresChinookTest, ColumnsComeBackAsJsonOfTheirType) {
  const auto rows = MustSelect("invoice", {"invoice_id", "total", "invoice_date", "billing_state"},
                               "customer_id", MatchMode::kExact, {1});
  ASSERT_FALSE(rows.empty());
  const SqlRow& row = rows[0];
  EXPECT_TRUE(row[0].is_number_integer());
  ASSERT_TRUE(row[1].is_number_float()) << row[1].dump();
  const std::string invoice = std::to_string(row[0].get<std::int64_t>());
  EXPECT_DOUBLE_EQ(row[1].get<double>(),
                   std::stod(Value("SELECT total FROM invoice WHERE invoice_id = " + invoice)));
  EXPECT_TRUE(row[2].is_string());  // the server's text of a timestamp
  EXPECT_EQ(row[2], Value("SELECT invoice_date::text FROM invoice WHERE invoice_id = " + invoice));
}

TEST_F(PostgresChinookTest, AnEmptyValueListSelectsNothing) {
  EXPECT_TRUE(MustSelect("customer", {"customer_id"}, "email", MatchMode::kExact, {}).empty());
  EXPECT_TRUE(
      MustSelect("customer", {"customer_id"}, "email", MatchMode::kExact, {nullptr}).empty());
  EXPECT_TRUE(
      MustSelect("customer", {"customer_id"}, "phone", MatchMode::kDigits, {"no digits"}).empty());
}

TEST_F(PostgresChinookTest, ThousandsOfValuesGoInOneSelect) {
  std::vector<FieldValue> ids;
  for (int id = 1; id <= 5000; ++id) ids.push_back(id);
  EXPECT_EQ(std::ssize(MustSelect("invoice", {"invoice_id"}, "invoice_id", MatchMode::kExact, ids)),
            Count("SELECT count(*) FROM invoice WHERE invoice_id <= 5000"));
}

TEST_F(PostgresChinookTest, UpdateRolledBackLeavesTheRowUnchanged) {
  const std::string before = Value("SELECT company FROM customer WHERE customer_id = 1");
  ASSERT_TRUE(session_->Begin());
  auto updated = session_->Update("customer", "customer_id", 1, {{"company", "Erased Ltd"}});
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_EQ(*updated, 1);
  EXPECT_EQ(MustSelect("customer", {"company"}, "customer_id", MatchMode::kExact, {1})[0][0],
            "Erased Ltd");
  ASSERT_TRUE(session_->Rollback());
  EXPECT_EQ(Value("SELECT company FROM customer WHERE customer_id = 1"), before);
}

TEST_F(PostgresChinookTest, UpdateCommittedChangesTheRow) {
  ASSERT_TRUE(session_->Begin());
  auto updated =
      session_->Update("customer", "customer_id", 2, {{"company", "Erased Ltd"}, {"fax", nullptr}});
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_EQ(*updated, 1);
  ASSERT_TRUE(session_->Commit());
  EXPECT_EQ(Value("SELECT company FROM customer WHERE customer_id = 2"), "Erased Ltd");
  EXPECT_EQ(Value("SELECT fax IS NULL FROM customer WHERE customer_id = 2"), "t");
  auto nothing = session_->Update("customer", "customer_id", 999999, {{"company", "x"}});
  ASSERT_TRUE(nothing);
  EXPECT_EQ(*nothing, 0);
}

TEST_F(PostgresChinookTest, AnUnfinishedTransactionIsRolledBackWhenTheSessionCloses) {
  const std::string before = Value("SELECT company FROM customer WHERE customer_id = 4");
  ASSERT_TRUE(session_->Begin());
  ASSERT_EQ(session_->Update("customer", "customer_id", 4, {{"company", "Erased Ltd"}}).value_or(0),
            1);
  session_.reset();
  EXPECT_EQ(Value("SELECT company FROM customer WHERE customer_id = 4"), before);
}

TEST_F(PostgresChinookTest, UpdateWithNothingToSetOrANullKeyChangesNothing) {
  auto nothing_to_set = session_->Update("customer", "customer_id", 1, {});
  ASSERT_FALSE(nothing_to_set);
  EXPECT_EQ(nothing_to_set.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(session_->Update("customer", "company", nullptr, {{"company", "x"}}).value_or(-1), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM customer WHERE company = 'x'"), 0);
}

TEST_F(PostgresChinookTest, DeleteReturnsHowManyRowsItDeleted) {
  const std::int64_t lines = Count(
      "SELECT count(*) FROM invoice_line WHERE invoice_id IN "
      "(SELECT invoice_id FROM invoice WHERE customer_id = 1)");
  std::vector<FieldValue> invoices;
  for (const SqlRow& row :
       MustSelect("invoice", {"invoice_id"}, "customer_id", MatchMode::kExact, {1})) {
    invoices.push_back(row[0]);
  }
  ASSERT_TRUE(session_->Begin());
  auto deleted = session_->Delete("invoice_line", "invoice_id", invoices);
  ASSERT_TRUE(deleted) << deleted.error().message();
  EXPECT_EQ(*deleted, lines);
  EXPECT_EQ(session_->Delete("invoice_line", "invoice_id", invoices).value_or(-1), 0);
  ASSERT_TRUE(session_->Rollback());
  EXPECT_EQ(Count("SELECT count(*) FROM invoice_line WHERE invoice_id IN "
                  "(SELECT invoice_id FROM invoice WHERE customer_id = 1)"),
            lines);

  const std::int64_t tracks = Count("SELECT count(*) FROM playlist_track WHERE playlist_id = 18");
  EXPECT_EQ(session_->Delete("playlist_track", "playlist_id", {18}).value_or(-1), tracks);
  EXPECT_EQ(Count("SELECT count(*) FROM playlist_track WHERE playlist_id = 18"), 0);
  EXPECT_EQ(session_->Delete("playlist_track", "playlist_id", {}).value_or(-1), 0);
}

TEST_F(PostgresChinookTest, DeletingARowOthersReferenceIsAFailedPrecondition) {
  auto deleted = session_->Delete("customer", "customer_id", {1});
  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(deleted.error().message().find("customer"), std::string::npos);
  EXPECT_EQ(deleted.error().message().find("luisg"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM customer WHERE customer_id = 1"), 1);
}

TEST_F(PostgresChinookTest, CommitAfterAFailedStatementIsRefusedAndAppliesNothing) {
  const std::string before = Value("SELECT company FROM customer WHERE customer_id = 3");
  ASSERT_TRUE(session_->Begin());
  ASSERT_TRUE(session_->Update("customer", "customer_id", 3, {{"company", "Erased Ltd"}}));
  ASSERT_FALSE(session_->Delete("customer", "customer_id", {3}));  // referenced by invoices
  auto committed = session_->Commit();
  ASSERT_FALSE(committed);
  EXPECT_EQ(committed.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Value("SELECT company FROM customer WHERE customer_id = 3"), before);
}

TEST_F(PostgresChinookTest, DescribeReportsNotNullAndIndexedColumns) {
  auto shape = session_->Describe("customer");
  ASSERT_TRUE(shape) << shape.error().message();
  ASSERT_TRUE(shape->has_value());
  EXPECT_EQ(std::ssize((*shape)->columns),
            Count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'customer'"));
  EXPECT_EQ((*shape)->columns.front().name, "customer_id");
  const ColumnShape* id = FindColumn(**shape, "customer_id");
  const ColumnShape* email = FindColumn(**shape, "email");
  const ColumnShape* company = FindColumn(**shape, "company");
  const ColumnShape* rep = FindColumn(**shape, "support_rep_id");
  ASSERT_TRUE(id && email && company && rep);
  EXPECT_TRUE(id->indexed);  // the primary key
  EXPECT_TRUE(id->not_null);
  EXPECT_TRUE(email->not_null);
  EXPECT_FALSE(email->indexed);  // the script indexes foreign keys only
  EXPECT_FALSE(company->not_null);
  EXPECT_TRUE(rep->indexed);  // customer_support_rep_id_idx
}

TEST_F(PostgresChinookTest, DescribeOfAnUnknownTableIsNullopt) {
  for (const char* table : {"no_such_table", "Customer", "public.customer"}) {
    auto shape = session_->Describe(table);
    ASSERT_TRUE(shape) << shape.error().message();
    EXPECT_FALSE(shape->has_value()) << table;
  }
}

TEST_F(PostgresChinookTest, AValueShapedLikeSqlIsOnlyAValue) {
  const FieldValue attack = "x' OR '1'='1";
  for (MatchMode mode : {MatchMode::kExact, MatchMode::kCaseInsensitive}) {
    EXPECT_TRUE(MustSelect("customer", {"customer_id"}, "email", mode, {attack}).empty());
  }
  EXPECT_EQ(session_->Update("customer", "email", attack, {{"company", "x"}}).value_or(-1), 0);
  EXPECT_EQ(session_->Delete("invoice_line", "invoice_line_id", {"1 OR 1=1"}).value_or(-1), -1);
  EXPECT_EQ(Count("SELECT count(*) FROM customer WHERE company = 'x'"), 0);
  EXPECT_GT(Count("SELECT count(*) FROM invoice_line"), 0);
}

TEST_F(PostgresChinookTest, ATableNameShapedLikeSqlDoesNoHarm) {
  const std::int64_t customers = Count("SELECT count(*) FROM customer");
  const std::string attack = "customer\"; DROP TABLE customer; --";
  auto selected = session_->Select(attack, {"customer_id"}, "email", MatchMode::kExact, {"x"});
  ASSERT_FALSE(selected);
  EXPECT_EQ(selected.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(session_->Delete(attack, "customer_id", {1}));
  EXPECT_FALSE(session_->Update("customer", "company\" = 'x', email", 1, {{"company", "x"}}));
  auto shape = session_->Describe(attack);
  ASSERT_TRUE(shape);
  EXPECT_FALSE(shape->has_value());
  EXPECT_EQ(Count("SELECT count(*) FROM customer"), customers);
}

TEST_F(PostgresChinookTest, AMissingColumnIsAFailedPreconditionThatNamesIt) {
  auto rows = session_->Select("customer", {"customer_id", "e_mail"}, "email",
                               MatchMode::kCaseInsensitive, {"luisg@embraer.com.br"});
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(rows.error().message().find("e_mail"), std::string::npos);
  EXPECT_NE(rows.error().message().find("chinook"), std::string::npos);
  EXPECT_EQ(rows.error().message().find("luisg"), std::string::npos);
}

TEST_F(PostgresChinookTest, AValueOfTheWrongTypeMatchesNothingAndIsNeverQuoted) {
  // Searching: a value that cannot be of the column's type matches no row (as in SQLite).
  auto rows = session_->Select("customer", {"customer_id"}, "customer_id", MatchMode::kExact,
                               {"luisg@embraer.com.br"});
  ASSERT_TRUE(rows) << rows.error().message();
  EXPECT_TRUE(rows->empty());
  // Writing one is an error that names the column, not the value.
  auto updated = session_->Update("customer", "customer_id", 1, {{"support_rep_id", "luisg"}});
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(updated.error().message().find("luisg"), std::string::npos)
      << updated.error().message();
  EXPECT_NE(updated.error().message().find("customer"), std::string::npos);
}

TEST_F(PostgresChinookTest, AWrongPasswordIsUnavailableAndTheMessageOmitsIt) {
  const char* wrong = "not-the-secret-2291";
  ::setenv("RIGHTSDESK_TEST_PG_WRONG_PASSWORD", wrong, 1);
  ConnectorSettings settings = SettingsFor(*server_, "chinook");
  settings.password_env = "RIGHTSDESK_TEST_PG_WRONG_PASSWORD";
  auto session = PostgresConnector(kSystem, settings).Open();
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(session.error().message().find("chinook"), std::string::npos);
  EXPECT_NE(session.error().message().find("password authentication failed"), std::string::npos)
      << session.error().message();
  EXPECT_EQ(session.error().message().find(wrong), std::string::npos);
  EXPECT_EQ(session.error().message().find(PostgresServer::kPassword), std::string::npos);
}

TEST_F(PostgresChinookTest, AnUnsetPasswordVariableIsAFailedPrecondition) {
  ConnectorSettings settings = SettingsFor(*server_, "chinook");
  settings.password_env = "RIGHTSDESK_TEST_PG_NO_SUCH_VARIABLE";
  ::unsetenv(settings.password_env.c_str());
  auto session = PostgresConnector(kSystem, settings).Open();
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(session.error().message().find(settings.password_env), std::string::npos);
}

TEST_F(PostgresChinookTest, AMalformedConninfoIsInvalidArgument) {
  ConnectorSettings settings = SettingsFor(*server_, "chinook");
  settings.conninfo = "host=127.0.0.1 port";
  auto session = PostgresConnector(kSystem, settings).Open();
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(PostgresChinookTest, AStatementBlockedPastTheTimeoutIsUnavailable) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> locker(
      PQconnectdb(server_->superuser_conninfo("chinook").c_str()), &PQfinish);
  ASSERT_EQ(PQstatus(locker.get()), CONNECTION_OK) << PQerrorMessage(locker.get());
  // The lock ends by itself after 10 s, so a session without a timeout fails this test instead
  // of hanging it.
  PGresult* locked = PQexec(locker.get(),
                            "SET idle_in_transaction_session_timeout = '10s'; BEGIN;"
                            " LOCK TABLE customer IN ACCESS EXCLUSIVE MODE");
  ASSERT_EQ(PQresultStatus(locked), PGRES_COMMAND_OK) << PQerrorMessage(locker.get());
  PQclear(locked);

  auto session = PostgresConnector(kSystem, SettingsFor(*server_, "chinook", 1)).Open();
  ASSERT_TRUE(session) << session.error().message();
  const auto start = std::chrono::steady_clock::now();
  auto rows = (*session)->Select("customer", {"customer_id"}, "email", MatchMode::kCaseInsensitive,
                                 {"luisg@embraer.com.br"});
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code(), ErrorCode::kUnavailable) << rows.error().message();
  EXPECT_NE(rows.error().message().find("customer"), std::string::npos);
  EXPECT_LT(waited, std::chrono::seconds(5));
  PQclear(PQexec(locker.get(), "ROLLBACK"));
  // The session is usable again once the lock is gone.
  EXPECT_TRUE((*session)->Select("customer", {"customer_id"}, "email", MatchMode::kExact, {"x"}));
}

// Tests that need a server of their own: they make tables, or take the server down.
class PostgresOwnServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv(kSessionPasswordEnv, PostgresServer::kPassword, 1);
    try {
      server_ = std::make_unique<PostgresServer>();
      server_->Start();
    } catch (const std::exception& e) {
      FAIL() << "the PostgreSQL test server did not start: " << e.what();
    }
  }

  std::unique_ptr<SqlSession> MustOpen() {
    auto session =
        PostgresConnector("test", SettingsFor(*server_, PostgresServer::kDatabase)).Open();
    EXPECT_TRUE(session) << session.error().message();
    return session ? std::move(*session) : nullptr;
  }

  std::unique_ptr<PostgresServer> server_;
};

TEST_F(PostgresOwnServerTest, ColumnsConvertByTypeAndValuesBindByType) {
  server_->Execute(
      "CREATE TABLE kinds (id int8 PRIMARY KEY, small int2, flag bool, ratio float8,"
      " amount numeric(12,2), odd numeric, note text, data bytea, day date);"
      "INSERT INTO kinds VALUES (1, 7, true, 0.5, 12.34, 'NaN', 'hé', '\\x0aff', '2024-02-29'),"
      " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);"
      "GRANT SELECT, UPDATE ON kinds TO rightsdesk",
      PostgresServer::kDatabase);
  std::unique_ptr<SqlSession> session = MustOpen();
  ASSERT_NE(session, nullptr);
  const std::vector<std::string> columns{"id",  "small", "flag", "ratio", "amount",
                                         "odd", "note",  "data", "day"};
  auto first = session->Select("kinds", columns, "flag", MatchMode::kExact, {true});
  ASSERT_TRUE(first) << first.error().message();
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0], (SqlRow{1, 7, true, 0.5, 12.34, "NaN", "hé", "0aff", "2024-02-29"}));
  EXPECT_TRUE((*first)[0][1].is_number_integer());

  auto second = session->Select("kinds", columns, "id", MatchMode::kExact, {2});
  ASSERT_TRUE(second) << second.error().message();
  ASSERT_EQ(second->size(), 1u);
  for (std::size_t c = 1; c < columns.size(); ++c) EXPECT_TRUE((*second)[0][c].is_null()) << c;

  auto updated = session->Update("kinds", "id", 2,
                                 {{"small", 3},
                                  {"flag", false},
                                  {"ratio", 0.25},
                                  {"amount", 1.5},
                                  {"note", "x"},
                                  {"data", "\\x01"},
                                  {"day", "2025-01-01"}});
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_EQ(*updated, 1);
  second = session->Select("kinds", columns, "id", MatchMode::kExact, {2});
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_EQ((*second)[0], (SqlRow{2, 3, false, 0.25, 1.5, nullptr, "x", "01", "2025-01-01"}));
}

TEST_F(PostgresOwnServerTest, ATriggerThatRefusesIsAFailedPreconditionWithoutItsText) {
  server_->Execute(
      "CREATE TABLE accounts (id int PRIMARY KEY, email text); INSERT INTO accounts VALUES (1,"
      " 'alice@example.com'); CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS"
      " $$BEGIN RAISE EXCEPTION 'account % is on legal hold', OLD.email; END$$;"
      "CREATE TRIGGER hold BEFORE DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION refuse();"
      "GRANT SELECT, DELETE ON accounts TO rightsdesk",
      PostgresServer::kDatabase);
  std::unique_ptr<SqlSession> session = MustOpen();
  ASSERT_NE(session, nullptr);
  auto deleted = session->Delete("accounts", "id", {1});
  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(deleted.error().message().find("alice"), std::string::npos)
      << deleted.error().message();
}

TEST_F(PostgresOwnServerTest, AServerThatWentDownIsUnavailableUntilItIsBack) {
  server_->Execute(
      "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);"
      "GRANT SELECT ON t TO rightsdesk",
      PostgresServer::kDatabase);
  std::unique_ptr<SqlSession> session = MustOpen();
  ASSERT_NE(session, nullptr);
  ASSERT_EQ(session->Select("t", {"id"}, "id", MatchMode::kExact, {1})
                .value_or(std::vector<SqlRow>{})
                .size(),
            1u);

  server_->Stop();
  auto rows = session->Select("t", {"id"}, "id", MatchMode::kExact, {1});
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code(), ErrorCode::kUnavailable) << rows.error().message();
  EXPECT_FALSE(session->Begin());
  auto reopened =
      PostgresConnector("test", SettingsFor(*server_, PostgresServer::kDatabase)).Open();
  ASSERT_FALSE(reopened);
  EXPECT_EQ(reopened.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(reopened.error().message().find("test: connecting"), std::string::npos)
      << reopened.error().message();

  server_->Start();
  session = MustOpen();
  ASSERT_NE(session, nullptr);
  EXPECT_EQ(session->Select("t", {"id"}, "id", MatchMode::kExact, {1})
                .value_or(std::vector<SqlRow>{})
                .size(),
            1u);
}

}  // namespace
}  // namespace rightsdesk::connectors
