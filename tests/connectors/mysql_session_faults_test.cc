// MySqlSession when things go wrong, against a real MariaDB server: wrong names and values,
// constraints and triggers that refuse, locks held past the timeout, a server that went down, a
// refused login, a TLS demand the server cannot meet. Messages name the system, table and column
// and never a value or the password. Also the full range of column types, both ways.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "connectors/mysql_fixture.h"

namespace rightsdesk::connectors {
namespace {

using std::chrono::steady_clock;
using testing::MySqlServer;

bool Mentions(const Error& error, std::string_view text) {
  return error.message().find(text) != std::string::npos;
}

TEST_F(MySqlChinookTest, AMissingTableOrColumnIsAFailedPreconditionThatNamesIt) {
  auto rows = session_->Select("Customer", {"CustomerId", "E_mail"}, "Email",
                               MatchMode::kCaseInsensitive, {"luisg@embraer.com.br"});
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Mentions(rows.error(), "E_mail")) << rows.error().message();
  EXPECT_TRUE(Mentions(rows.error(), "chinook"));
  EXPECT_FALSE(Mentions(rows.error(), "luisg"));
  auto table = session_->Select("Wishlist", {"Id"}, "Id", MatchMode::kExact, {1});
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Mentions(table.error(), "Wishlist")) << table.error().message();
}

TEST_F(MySqlChinookTest, AValueThatDoesNotFitIsRefusedEvenOnALenientServerAndNeverQuoted) {
  // A server not in strict mode would store 0, or cut the text, and say nothing.
  server_->Root().Execute("SET GLOBAL sql_mode = ''");
  auto session = Open(Settings());
  server_->Root().Execute("SET GLOBAL sql_mode = DEFAULT");
  ASSERT_TRUE(session) << session.error().message();
  const std::string before = Value("SELECT PostalCode FROM Customer WHERE CustomerId = 1");
  auto updated = (*session)->Update("Customer", "CustomerId", 1, {{"SupportRepId", "luisg"}});
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code(), ErrorCode::kInvalidArgument) << updated.error().message();
  EXPECT_FALSE(Mentions(updated.error(), "luisg")) << updated.error().message();
  EXPECT_TRUE(Mentions(updated.error(), "Customer"));
  auto too_long = (*session)->Update("Customer", "CustomerId", 1,
                                     {{"PostalCode", "a hash far longer than ten characters"}});
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code(), ErrorCode::kInvalidArgument) << too_long.error().message();
  EXPECT_FALSE(Mentions(too_long.error(), "a hash far"));
  EXPECT_EQ(Value("SELECT PostalCode FROM Customer WHERE CustomerId = 1"), before);
  EXPECT_EQ(Value("SELECT SupportRepId FROM Customer WHERE CustomerId = 1"), "3");
}

TEST_F(MySqlChinookTest, ADuplicateOrATriggerRefusalIsAFailedPreconditionWithoutItsValues) {
  Root().Execute(
      "CREATE TABLE accounts (id INT PRIMARY KEY, email VARCHAR(60) UNIQUE);"
      "INSERT INTO accounts VALUES (1, 'alice@example.com'), (2, 'bob@example.com');"
      "CREATE TRIGGER hold BEFORE DELETE ON accounts FOR EACH ROW SIGNAL SQLSTATE '45000'"
      " SET MESSAGE_TEXT = 'account of alice@example.com is on legal hold'");
  auto duplicate = session_->Update("accounts", "id", 2, {{"email", "alice@example.com"}});
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code(), ErrorCode::kFailedPrecondition)
      << duplicate.error().message();
  EXPECT_FALSE(Mentions(duplicate.error(), "alice")) << duplicate.error().message();
  auto held = session_->Delete("accounts", "id", {1});
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error().code(), ErrorCode::kFailedPrecondition) << held.error().message();
  EXPECT_FALSE(Mentions(held.error(), "alice")) << held.error().message();
  EXPECT_EQ(Count("SELECT count(*) FROM accounts"), 2);
}

TEST_F(MySqlChinookTest, AnUpdateBlockedByARowLockPastTheTimeoutIsUnavailable) {
  testing::MySqlRootClient holder = Root();
  holder.Execute("START TRANSACTION");
  ASSERT_EQ(holder.Query("SELECT 1 FROM Customer WHERE CustomerId = 3 FOR UPDATE").size(), 1u);
  auto session = Open(Settings(1));
  ASSERT_TRUE(session) << session.error().message();
  const auto start = steady_clock::now();
  auto updated = (*session)->Update("Customer", "CustomerId", 3, {{"Company", "x"}});
  const auto waited = steady_clock::now() - start;
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code(), ErrorCode::kUnavailable) << updated.error().message();
  EXPECT_TRUE(Mentions(updated.error(), "Customer"));
  EXPECT_LT(waited, std::chrono::seconds(5));
  holder.Execute("ROLLBACK");
  // The session is usable again once the lock is gone.
  EXPECT_EQ((*session)->Update("Customer", "CustomerId", 3, {{"Company", "x"}}).value_or(-1), 1);
}

TEST_F(MySqlChinookTest, ASelectBlockedByATableLockPastTheTimeoutIsUnavailable) {
  testing::MySqlRootClient holder = Root();
  holder.Execute("LOCK TABLES Customer WRITE");
  auto session = Open(Settings(1));
  ASSERT_TRUE(session) << session.error().message();
  const auto start = steady_clock::now();
  auto rows = (*session)->Select("Customer", {"CustomerId"}, "Email", MatchMode::kCaseInsensitive,
                                 {"luisg@embraer.com.br"});
  const auto waited = steady_clock::now() - start;
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code(), ErrorCode::kUnavailable) << rows.error().message();
  EXPECT_TRUE(Mentions(rows.error(), "Customer"));
  EXPECT_LT(waited, std::chrono::seconds(5));
  holder.Execute("UNLOCK TABLES");
  EXPECT_TRUE((*session)->Select("Customer", {"CustomerId"}, "Email", MatchMode::kExact, {"x"}));
}

TEST_F(MySqlChinookTest, AServerThatWentDownIsUnavailableUntilItIsBack) {
  {
    ServerDown down(*server_);
    auto rows = session_->Select("Customer", {"CustomerId"}, "CustomerId", MatchMode::kExact, {1});
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().code(), ErrorCode::kUnavailable) << rows.error().message();
    EXPECT_FALSE(session_->Begin());
    auto reopened = Open(Settings());
    ASSERT_FALSE(reopened);
    EXPECT_EQ(reopened.error().code(), ErrorCode::kUnavailable);
    EXPECT_TRUE(Mentions(reopened.error(), "chinook: connecting")) << reopened.error().message();
  }
  auto session = Open(Settings());
  ASSERT_TRUE(session) << session.error().message();
  EXPECT_EQ((*session)
                ->Select("Customer", {"CustomerId"}, "CustomerId", MatchMode::kExact, {1})
                .value_or(std::vector<SqlRow>{})
                .size(),
            1u);
}

TEST_F(MySqlChinookTest, AWrongPasswordIsUnavailableAndTheMessageOmitsIt) {
  const char* wrong = "not-the-secret-2291";
  ::setenv("RIGHTSDESK_TEST_MYSQL_WRONG_PASSWORD", wrong, 1);
  ConnectorSettings settings = Settings();
  settings.password_env = "RIGHTSDESK_TEST_MYSQL_WRONG_PASSWORD";
  auto session = Open(settings);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code(), ErrorCode::kUnavailable);
  EXPECT_TRUE(Mentions(session.error(), "chinook"));
  EXPECT_TRUE(Mentions(session.error(), "Access denied")) << session.error().message();
  EXPECT_FALSE(Mentions(session.error(), wrong));
  EXPECT_FALSE(Mentions(session.error(), MySqlServer::kPassword));
}

TEST_F(MySqlChinookTest, AnUnsetPasswordVariableIsAFailedPrecondition) {
  ConnectorSettings settings = Settings();
  settings.password_env = "RIGHTSDESK_TEST_MYSQL_NO_SUCH_VARIABLE";
  ::unsetenv(settings.password_env.c_str());
  auto session = Open(settings);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Mentions(session.error(), settings.password_env));
}

TEST_F(MySqlChinookTest, AMalformedUrlIsInvalidArgument) {
  ConnectorSettings settings = Settings();
  settings.conninfo = "host=127.0.0.1 dbname=" + database_;
  auto session = Open(settings);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Mentions(session.error(), "chinook: the conninfo is not a mysql://"));
}

TEST_F(MySqlChinookTest, TheUnixSocketIsAnotherWayIn) {
  ConnectorSettings settings = Settings();
  settings.conninfo = "mysql://" + std::string(MySqlServer::kUser) + "@/" + database_ +
                      "?socket=" + server_->socket().string();
  auto session = Open(settings);
  ASSERT_TRUE(session) << session.error().message();
  EXPECT_EQ((*session)
                ->Select("Customer", {"CustomerId"}, "Email", MatchMode::kCaseInsensitive,
                         {"FTREMBLAY@gmail.com"})
                .value_or(std::vector<SqlRow>{})
                .size(),
            1u);
}

TEST_F(MySqlChinookTest, VerifiedTlsThatTheServerLacksIsUnavailable) {
  ASSERT_EQ(Value("SELECT @@have_ssl"), "DISABLED");  // the test server has no certificate
  ConnectorSettings settings = Settings();
  settings.conninfo += "?tls=verify";
  auto session = Open(settings);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code(), ErrorCode::kUnavailable) << session.error().message();
  EXPECT_TRUE(Mentions(session.error(), "chinook: connecting"));
  EXPECT_TRUE(Mentions(session.error(), "SSL")) << session.error().message();
}

TEST_F(MySqlChinookTest, ColumnsConvertByTypeAndValuesBindByType) {
  const std::string long_text(1000, 'y');
  Root().Execute(
      "CREATE TABLE kinds (id BIGINT PRIMARY KEY, small SMALLINT, big BIGINT UNSIGNED,"
      " flag BOOLEAN, ratio DOUBLE, amount DECIMAL(12,2), huge DECIMAL(40,0), note TEXT,"
      " data VARBINARY(8), day DATE, bits BIT(9), doc JSON, state ENUM('open', 'closed'));"
      "INSERT INTO kinds VALUES (1, -7, 18446744073709551615, TRUE, 0.5, 12.34,"
      " 1234567890123456789012345678901234567890, 'hé " +
      long_text +
      "', x'0aff', '2024-02-29', b'100000001', '{\"a\": 1}', 'open'),"
      " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
  const std::vector<std::string> columns{"id",   "small", "big", "flag", "ratio", "amount", "huge",
                                         "note", "data",  "day", "bits", "doc",   "state"};
  auto first = session_->Select("kinds", columns, "flag", MatchMode::kExact, {true});
  ASSERT_TRUE(first) << first.error().message();
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0], (SqlRow{1, -7, 18446744073709551615u, 1, 0.5, 12.34,
                                 "1234567890123456789012345678901234567890", "hé " + long_text,
                                 "0aff", "2024-02-29", 257, "{\"a\": 1}", "open"}));
  auto second = session_->Select("kinds", columns, "id", MatchMode::kExact, {2});
  ASSERT_TRUE(second) << second.error().message();
  ASSERT_EQ(second->size(), 1u);
  for (std::size_t c = 1; c < columns.size(); ++c) EXPECT_TRUE((*second)[0][c].is_null()) << c;

  auto updated = session_->Update("kinds", "id", 2,
                                  {{"small", 3},
                                   {"big", 18446744073709551615u},
                                   {"flag", false},
                                   {"ratio", 0.25},
                                   {"amount", 1.5},
                                   {"note", "x"},
                                   {"day", "2025-01-01"},
                                   {"doc", FieldValue{{"b", 2}}},
                                   {"state", "closed"}});
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_EQ(*updated, 1);
  second = session_->Select("kinds", columns, "id", MatchMode::kExact, {"2"});
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_EQ((*second)[0], (SqlRow{2, 3, 18446744073709551615u, 0, 0.25, 1.5, nullptr, "x", nullptr,
                                  "2025-01-01", nullptr, "{\"b\":2}", "closed"}));
  EXPECT_EQ(MustSelect("kinds", {"id"}, "state", MatchMode::kExact, {"CLOSED"}).size(), 0u);
  EXPECT_EQ(MustSelect("kinds", {"id"}, "day", MatchMode::kExact, {"2025-01-01"}).size(), 1u);
}

}  // namespace
}  // namespace rightsdesk::connectors
