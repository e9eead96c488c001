#include "mysql_server.h"

#include <mysql.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "child_process.h"
#include "free_port.h"

namespace rightsdesk::testing {
namespace {

const std::filesystem::path kServer = "/usr/sbin/mariadbd";
const std::filesystem::path kInstallDb = "/usr/bin/mariadb-install-db";

std::string ErrorOf(MYSQL* connection) {
  return std::string(mysql_error(connection)) + " (error " +
         std::to_string(mysql_errno(connection)) + ")";
}

// A quoted string literal of `value`, escaped for the connection's character set.
std::string Literal(MYSQL* connection, const std::string& value) {
  std::string escaped(value.size() * 2 + 1, '\0');
  const unsigned long length = mysql_real_escape_string(connection, escaped.data(), value.c_str(),
                                                        static_cast<unsigned long>(value.size()));
  escaped.resize(length);
  return "'" + escaped + "'";
}

struct FreeResult {
  void operator()(MYSQL_RES* result) const { mysql_free_result(result); }
};

// Settings of both the installation and the server: small InnoDB files (the default redo log
// alone is 96 MB per test), and temporary files in the scratch directory, where no other server
// or test can take or remove them.
std::vector<std::string> CommonOptions(const std::filesystem::path& root) {
  return {"--innodb-log-file-size=8M", "--innodb-buffer-pool-size=16M",
          "--tmpdir=" + (root / "tmp").string()};
}

}  // namespace

MySqlRootClient::MySqlRootClient(const std::filesystem::path& socket, std::string_view database)
    : connection_(mysql_init(nullptr)) {
  const std::string db(database);
  const unsigned timeout = 10;
  mysql_optionsv(connection_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  mysql_optionsv(connection_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  if (mysql_real_connect(connection_, "localhost", "root", "", db.empty() ? nullptr : db.c_str(), 0,
                         socket.c_str(), CLIENT_MULTI_STATEMENTS) == nullptr) {
    const std::string error = ErrorOf(connection_);
    mysql_close(connection_);
    throw std::runtime_error("connecting as the MariaDB root user: " + error);
  }
}

MySqlRootClient::~MySqlRootClient() { mysql_close(connection_); }

void MySqlRootClient::Execute(std::string_view sql) {
  if (mysql_real_query(connection_, sql.data(), static_cast<unsigned long>(sql.size())) != 0) {
    throw std::runtime_error("running \"" + std::string(sql) + "\": " + ErrorOf(connection_));
  }
  for (int more = 0; more == 0; more = mysql_next_result(connection_)) {
    std::unique_ptr<MYSQL_RES, FreeResult> rows(mysql_store_result(connection_));
  }
  if (mysql_errno(connection_) != 0) {
    throw std::runtime_error("running \"" + std::string(sql) + "\": " + ErrorOf(connection_));
  }
}

TextRows MySqlRootClient::Query(std::string_view sql, const std::vector<std::string>& params) {
  std::string text;
  std::size_t next = 0;
  for (char c : sql) {
    if (c != '?') {
      text += c;
    } else if (next < params.size()) {
      text += Literal(connection_, params[next++]);
    } else {
      throw std::runtime_error("more '?' than parameters in \"" + std::string(sql) + "\"");
    }
  }
  if (mysql_real_query(connection_, text.data(), static_cast<unsigned long>(text.size())) != 0) {
    throw std::runtime_error("running \"" + std::string(sql) + "\": " + ErrorOf(connection_));
  }
  std::unique_ptr<MYSQL_RES, FreeResult> result(mysql_store_result(connection_));
  TextRows rows;
  if (!result) return rows;  // a statement without rows
  const unsigned columns = mysql_num_fields(result.get());
  while (MYSQL_ROW row = mysql_fetch_row(result.get())) {
    const unsigned long* lengths = mysql_fetch_lengths(result.get());
    std::vector<std::string>& values = rows.emplace_back();
    for (unsigned c = 0; c < columns; ++c) {
      values.push_back(row[c] == nullptr ? "NULL" : std::string(row[c], lengths[c]));
    }
  }
  return rows;
}

std::string MySqlRootClient::Value(std::string_view sql, const std::vector<std::string>& params) {
  const TextRows rows = Query(sql, params);
  return rows.empty() || rows[0].empty() ? "" : rows[0][0];
}

MySqlServer::MySqlServer() : port_(FreePort()) {
  for (const auto& program : {kServer, kInstallDb}) {
    if (!std::filesystem::exists(program)) {
      throw std::runtime_error(program.string() + " not found (Debian package mariadb-server)");
    }
  }
  std::string pattern =
      (std::filesystem::temp_directory_path() / "rightsdesk-mysql-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  root_ = pattern;
  socket_ = root_ / "mariadbd.sock";
  std::filesystem::create_directory(root_ / "tmp");
}

MySqlServer::~MySqlServer() {
  Stop();
  std::error_code ec;
  std::filesystem::remove_all(root_, ec);
}

std::string MySqlServer::url(std::string_view database) const {
  return "mysql://" + std::string(kUser) + "@127.0.0.1:" + std::to_string(port_) + "/" +
         std::string(database);
}

void MySqlServer::InstallDb() {
  std::vector<std::string> argv{kInstallDb.string(), "--no-defaults",
                                "--datadir=" + (root_ / "data").string(),
                                "--auth-root-authentication-method=normal", "--skip-test-db"};
  if (::geteuid() == 0) argv.push_back("--user=root");
  for (std::string& option : CommonOptions(root_)) argv.push_back(std::move(option));
  const Finished install = RunToEnd(argv, ChildIdentity{}, root_);
  if (install.exit_code != 0) {
    throw std::runtime_error("mariadb-install-db failed (exit " +
                             std::to_string(install.exit_code) + "): " + install.output);
  }
}

bool MySqlServer::Launch() {
  std::vector<std::string> argv{kServer.string(),
                                "--no-defaults",
                                "--datadir=" + (root_ / "data").string(),
                                "--port=" + std::to_string(port_),
                                "--bind-address=127.0.0.1",
                                "--socket=" + socket_.string(),
                                "--pid-file=" + (root_ / "mariadbd.pid").string(),
                                "--log-error=" + (root_ / "mariadbd.log").string(),
                                "--skip-name-resolve",
                                "--character-set-server=utf8mb4",
                                "--innodb-flush-log-at-trx-commit=2",  // survives a killed server
                                "--innodb-doublewrite=0",
                                "--innodb-lock-wait-timeout=20"};  // no test hangs on a lock
  if (::geteuid() == 0) argv.push_back("--user=root");
  for (std::string& option : CommonOptions(root_)) argv.push_back(std::move(option));
  std::filesystem::remove(root_ / "mariadbd.log");
  pid_ = SpawnLogged(argv, ChildIdentity{}, root_ / "mariadbd.out", root_, SIGKILL);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    MYSQL* probe = mysql_init(nullptr);
    const unsigned timeout = 2;
    mysql_optionsv(probe, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    const bool up = mysql_real_connect(probe, "localhost", "root", "", nullptr, 0, socket_.c_str(),
                                       0) != nullptr;
    mysql_close(probe);
    if (up) return true;
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = 0;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Stop();
  throw std::runtime_error("mariadbd did not accept connections within 60 s; its log: " +
                           LogTail());
}

void MySqlServer::Start() {
  if (pid_ > 0) return;
  if (!std::filesystem::exists(root_ / "data")) InstallDb();
  // Another process may take the free port before the server binds it: then try another.
  for (int attempt = 0; !Launch(); ++attempt) {
    if (attempt == 2 || LogTail().find("Bind on TCP/IP port") == std::string::npos) {
      throw std::runtime_error("mariadbd exited while starting; its log: " + LogTail());
    }
    port_ = FreePort();
  }
  if (!initialised_) {
    Root().Execute("CREATE USER '" + std::string(kUser) + "'@'%' IDENTIFIED BY '" + kPassword +
                   "'");
    initialised_ = true;
  }
}

void MySqlServer::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = 0;
}

void MySqlServer::GrantTables(std::string_view database) const {
  Root().Execute("GRANT SELECT, INSERT, UPDATE, DELETE ON `" + std::string(database) + "`.* TO '" +
                 kUser + "'@'%'");
}

std::string MySqlServer::LogTail() const {
  const std::string log = Slurp(root_ / "mariadbd.log") + Slurp(root_ / "mariadbd.out");
  return log.size() > 4000 ? log.substr(log.size() - 4000) : log;
}

}  // namespace rightsdesk::testing
