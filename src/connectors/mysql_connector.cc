// MySqlConnector (mysql_session.h): from the data map's URL and the password's variable to an open,
// configured MySqlSession.
#include <mysql.h>

#include <cstdlib>
#include <memory>

#include "connectors/mysql_session.h"
#include "connectors/mysql_url.h"
#include "connectors/sql_text.h"

namespace rightsdesk::connectors {
namespace {

// The server ends lock waits and statements at the connector's timeout and says so; the client
// waits this much longer before it gives up on a server that no longer answers at all.
constexpr unsigned kClientMarginSeconds = 2;

struct CloseConnection {
  void operator()(MYSQL* connection) const { mysql_close(connection); }
};
using ConnectionPtr = std::unique_ptr<MYSQL, CloseConnection>;

// The client library initialises global state on first use; doing it once here, under the
// guarantee of a function-local static, keeps concurrent Opens safe.
bool LibraryReady() {
  static const bool ready = mysql_library_init(0, nullptr, nullptr) == 0;
  return ready;
}

Result<void> SetOptions(MYSQL* connection, const MySqlAddress& address, int timeout_seconds) {
  const unsigned timeout = static_cast<unsigned>(timeout_seconds);
  const unsigned answer_timeout = timeout + kClientMarginSeconds;
  const unsigned no_local_files = 0;  // a hostile server could otherwise ask for our files
  const my_bool on = 1;
  bool failed = mysql_optionsv(connection, MYSQL_SET_CHARSET_NAME, "utf8mb4") != 0 ||
                mysql_optionsv(connection, MYSQL_OPT_LOCAL_INFILE, &no_local_files) != 0;
  if (timeout > 0) {
    failed = failed || mysql_optionsv(connection, MYSQL_OPT_CONNECT_TIMEOUT, &timeout) != 0 ||
             mysql_optionsv(connection, MYSQL_OPT_READ_TIMEOUT, &answer_timeout) != 0 ||
             mysql_optionsv(connection, MYSQL_OPT_WRITE_TIMEOUT, &answer_timeout) != 0;
  }
  if (address.tls == MySqlAddress::Tls::kVerify) {
    // With verification the library refuses, before logging in, a server that cannot encrypt.
    failed = failed || mysql_optionsv(connection, MYSQL_OPT_SSL_ENFORCE, &on) != 0 ||
             mysql_optionsv(connection, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &on) != 0;
    if (!address.ca.empty()) {
      failed = failed || mysql_optionsv(connection, MYSQL_OPT_SSL_CA, address.ca.c_str()) != 0;
    }
  }
  if (failed) return Fail(ErrorCode::kInternal, "the client library refused an option");
  return {};
}

// Strict mode, so that a value that does not fit its column is refused rather than silently cut
// or zeroed; the server's own limits on row and table lock waits and on statements, so that a
// blocked erasure ends with an error that keeps the connection usable for its rollback.
std::string SessionSettings(MYSQL* connection, int timeout_seconds) {
  std::string sql =
      "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@sql_mode, ''), 'STRICT_ALL_TABLES')";
  if (timeout_seconds > 0) {
    const std::string seconds = std::to_string(timeout_seconds);
    sql += ", innodb_lock_wait_timeout = " + seconds + ", lock_wait_timeout = " + seconds;
    sql += mariadb_connection(connection) ? ", max_statement_time = " + seconds
                                          : ", max_execution_time = " + seconds + "000";
  }
  return sql;
}

Result<std::string> Password(const std::string& system, const std::string& variable) {
  if (variable.empty()) return std::string();
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr) {
    return Fail(ErrorCode::kFailedPrecondition, system + ": the environment variable " + variable +
                                                    " that holds the database password is not set");
  }
  return std::string(value);
}

}  // namespace

MySqlConnector::MySqlConnector(std::string system, ConnectorSettings settings)
    : system_(std::move(system)), settings_(std::move(settings)) {}

Result<std::unique_ptr<SqlSession>> MySqlConnector::Open() {
  Result<MySqlAddress> address = ParseMySqlUrl(settings_.conninfo);
  if (!address) return std::unexpected(std::move(address).error().WithContext(system_));
  Result<std::string> password = Password(system_, settings_.password_env);
  if (!password) return std::unexpected(std::move(password).error());
  const std::string doing = system_ + ": connecting";
  if (!LibraryReady()) return Fail(ErrorCode::kInternal, doing + ": the client library failed");
  ConnectionPtr connection(mysql_init(nullptr));
  if (!connection) return Fail(ErrorCode::kUnavailable, doing + ": out of memory");
  if (auto set = SetOptions(connection.get(), *address, settings_.timeout_seconds); !set) {
    return std::unexpected(std::move(set).error().WithContext(doing));
  }
  const bool by_socket = !address->socket.empty();
  if (mysql_real_connect(connection.get(), by_socket ? "localhost" : address->host.c_str(),
                         address->user.c_str(), password->c_str(), address->database.c_str(),
                         address->port, by_socket ? address->socket.c_str() : nullptr,
                         CLIENT_FOUND_ROWS) == nullptr) {
    const Error error = ConnectionError(connection.get(), doing);
    return Fail(ErrorCode::kUnavailable, WithoutSecret(error.message(), *password));
  }
  if (address->tls == MySqlAddress::Tls::kVerify &&
      mysql_get_ssl_cipher(connection.get()) == nullptr) {  // should the library not have refused
    return Fail(ErrorCode::kUnavailable, doing + ": the connection is not encrypted");
  }
  const std::string settings = SessionSettings(connection.get(), settings_.timeout_seconds);
  if (auto set = RunPlain(connection.get(), settings, system_ + ": configuring the session");
      !set) {
    return std::unexpected(std::move(set).error());
  }
  return std::make_unique<MySqlSession>(system_, connection.release());
}

}  // namespace rightsdesk::connectors
