#include "connectors/mysql_fixture.h"

#include <stdexcept>

#include "connectors/chinook_mysql.h"

namespace rightsdesk::connectors {

void MySqlChinookTest::SetUpTestSuite() {
  server_ = testing::StartChinookServer(kMySqlPasswordEnv, startup_error_).release();
}

void MySqlChinookTest::TearDownTestSuite() {
  delete server_;
  server_ = nullptr;
}

void MySqlChinookTest::SetUp() {
  ASSERT_NE(server_, nullptr) << "the MariaDB test server did not start: " << startup_error_;
  database_ = "chinook_copy_" + std::to_string(++copies_);
  try {
    testing::CopyChinook(*server_, "chinook", database_);
    server_->GrantTables(database_);
  } catch (const std::exception& e) {
    FAIL() << "copying chinook: " << e.what();
  }
  auto session = Open(Settings());
  ASSERT_TRUE(session) << session.error().message();
  session_ = std::move(*session);
}

void MySqlChinookTest::TearDown() {
  session_.reset();
  if (server_ == nullptr || database_.empty()) return;
  try {
    server_->Root().Execute("DROP DATABASE IF EXISTS `" + database_ + "`");
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what();
  }
}

ConnectorSettings MySqlChinookTest::Settings(int timeout_seconds) const {
  ConnectorSettings settings;
  settings.kind = ConnectorSettings::Kind::kMySql;
  settings.conninfo = server_->url(database_);
  settings.password_env = kMySqlPasswordEnv;
  settings.timeout_seconds = timeout_seconds;
  return settings;
}

std::string MySqlChinookTest::Value(const std::string& sql,
                                    const std::vector<std::string>& params) const {
  return Root().Value(sql, params);
}

std::int64_t MySqlChinookTest::Count(const std::string& sql,
                                     const std::vector<std::string>& params) const {
  const std::string value = Value(sql, params);
  return value.empty() ? -1 : std::stoll(value);
}

std::vector<SqlRow> MySqlChinookTest::MustSelect(std::string_view table,
                                                 const std::vector<std::string>& columns,
                                                 std::string_view where, MatchMode mode,
                                                 const std::vector<FieldValue>& values) {
  auto rows = session_->Select(table, columns, where, mode, values);
  EXPECT_TRUE(rows) << rows.error().message();
  return rows ? *rows : std::vector<SqlRow>{};
}

ServerDown::~ServerDown() {
  try {
    server_.Start();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "restarting the MariaDB test server: " << e.what();
  }
}

}  // namespace rightsdesk::connectors
