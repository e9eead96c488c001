// A real MariaDB server for the tests: Debian's mariadbd on a data directory that
// mariadb-install-db makes in a scratch directory, listening on a free port of 127.0.0.1 and on
// a unix socket in that directory, with durability relaxed (the data is thrown away). Grant
// tables are on: `root` logs in over the socket without a password, and the test account
// kUser over TCP with its password, as RightsDesk would at a company. A root test run runs the
// server as root (--user=root); anyone else runs it as themselves.
//
// Every failure throws std::runtime_error with the reason (and the server's log): a test that
// needs the server fails, it is never skipped. Not thread-safe; one test process drives it.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct st_mysql;  // libmariadb's MYSQL

namespace rightsdesk::testing {

using TextRows = std::vector<std::vector<std::string>>;  // values as text, SQL NULL as "NULL"

// A connection as root over the server's unix socket, for setting up and for counting what a
// test expects: plain text-protocol SQL, independent of the connector under test.
class MySqlRootClient {
 public:
  // Connects to `database` (none when empty); throws when it cannot.
  MySqlRootClient(const std::filesystem::path& socket, std::string_view database);
  ~MySqlRootClient();
  MySqlRootClient(const MySqlRootClient&) = delete;
  MySqlRootClient& operator=(const MySqlRootClient&) = delete;

  // Runs one or more statements separated by ';'; throws at the first error.
  void Execute(std::string_view sql);
  // The rows of one statement, each '?' in it replaced by the next of `params` as a quoted,
  // escaped string literal. Throws on error.
  TextRows Query(std::string_view sql, const std::vector<std::string>& params = {});
  // The first column of the first row ("" when there is none).
  std::string Value(std::string_view sql, const std::vector<std::string>& params = {});
  st_mysql* raw() { return connection_; }

 private:
  st_mysql* connection_;
};

class MySqlServer {
 public:
  static constexpr const char* kUser = "rightsdesk";
  static constexpr const char* kPassword = "my-test-secret-4c9e";

  MySqlServer();   // makes the scratch directory and picks a port; nothing runs yet
  ~MySqlServer();  // stops the server and removes the directory with everything in it
  MySqlServer(const MySqlServer&) = delete;
  MySqlServer& operator=(const MySqlServer&) = delete;

  // Makes the data directory on the first call (and kUser, allowed nothing yet), starts the
  // server and returns once it accepts connections.
  void Start();
  // Kills the server (SIGKILL), as when a database host dies; Start() brings it back (crash
  // recovery). Committed data survives: the log is written at each commit.
  void Stop();

  unsigned short port() const { return port_; }
  const std::filesystem::path& socket() const { return socket_; }
  // kUser over TCP, without the password: mysql://rightsdesk@127.0.0.1:<port>/<database>.
  std::string url(std::string_view database) const;

  MySqlRootClient Root(std::string_view database = {}) const { return {socket_, database}; }
  // Lets kUser read and change every table of `database`.
  void GrantTables(std::string_view database) const;

 private:
  void InstallDb();
  bool Launch();  // false when the server exited before accepting connections
  std::string LogTail() const;

  std::filesystem::path root_;
  std::filesystem::path socket_;
  unsigned short port_ = 0;
  pid_t pid_ = 0;
  bool initialised_ = false;
};

}  // namespace rightsdesk::testing
