// The fixture of the MySQL connector's session tests: one MariaDB server per test process
// (ctest runs each test in its own), loaded with Chinook once; each test works on its own copy of
// the database, reached by the test account through MySqlConnector, and counts what it expects
// with plain SQL as root (MySqlRootClient), never with the code under test.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "connectors/mysql_session.h"
#include "integration/mysql_server.h"

namespace rightsdesk::connectors {

inline constexpr const char* kMySqlPasswordEnv = "RIGHTSDESK_TEST_MYSQL_PASSWORD";

class MySqlChinookTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;     // copies chinook to database_ and opens session_
  void TearDown() override;  // drops the copy

  // The test account on the copy, with the password's variable set.
  ConnectorSettings Settings(int timeout_seconds = 10) const;
  Result<std::unique_ptr<SqlSession>> Open(const ConnectorSettings& settings) const {
    return MySqlConnector("chinook", settings).Open();
  }
  testing::MySqlRootClient Root() const { return server_->Root(database_); }
  std::string Value(const std::string& sql, const std::vector<std::string>& params = {}) const;
  std::int64_t Count(const std::string& sql, const std::vector<std::string>& params = {}) const;
  std::vector<SqlRow> MustSelect(std::string_view table, const std::vector<std::string>& columns,
                                 std::string_view where, MatchMode mode,
                                 const std::vector<FieldValue>& values);

  static inline testing::MySqlServer* server_ = nullptr;
  static inline std::string startup_error_;
  static inline int copies_ = 0;
  std::string database_;
  std::unique_ptr<SqlSession> session_;
};

// Stops the shared server for a scope, as when the company's database goes down; starts it again
// on leaving the scope, so that the tests after this one have it.
class ServerDown {
 public:
  explicit ServerDown(testing::MySqlServer& server) : server_(server) { server_.Stop(); }
  ~ServerDown();
  ServerDown(const ServerDown&) = delete;
  ServerDown& operator=(const ServerDown&) = delete;

 private:
  testing::MySqlServer& server_;
};

}  // namespace rightsdesk::connectors
