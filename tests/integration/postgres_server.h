// A real PostgreSQL server for the tests: Debian's PostgreSQL binaries, initdb in a scratch
// directory, `postgres` on a free port of 127.0.0.1 with its unix socket in that directory, and
// fsync off (the data is thrown away). The superuser logs in over the socket without a password;
// the test role logs in over TCP with its password (scram-sha-256), as RightsDesk would at a
// company. PostgreSQL refuses to run as root, so a root test run runs initdb and the server as
// the `postgres` user that Debian's postgresql package creates.
//
// Every failure throws std::runtime_error with the reason (and the server's log): a test that
// needs the server fails, it is never skipped. Not thread-safe; one test process drives it.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace rightsdesk::testing {

class PostgresServer {
 public:
  static constexpr const char* kSuperuser = "postgres";
  static constexpr const char* kRole = "rightsdesk";
  static constexpr const char* kPassword = "pg-test-secret-7f3a";
  static constexpr const char* kDatabase = "rightsdesk";  // owned by kRole

  PostgresServer();   // makes the scratch directory and picks a port; nothing runs yet
  ~PostgresServer();  // stops the server and removes the directory with everything in it
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // Initialises the cluster on the first call (with kRole and kDatabase), starts the server and
  // returns once it accepts connections.
  void Start();
  // Immediate shutdown (SIGQUIT to the postmaster), as when a database goes down; Start() brings
  // it back (with crash recovery).
  void Stop();

  unsigned short port() const { return port_; }
  // kRole over TCP, without the password (libpq reads it from elsewhere, as the connector does).
  std::string conninfo(std::string_view database = kDatabase) const;
  // The superuser over the unix socket (trust).
  std::string superuser_conninfo(std::string_view database = "postgres") const;

  // Runs a script with psql as the superuser, starting in database `postgres` (a script may
  // create and \connect to its own, as Chinook's does); stops at the first error.
  void LoadSqlFile(const std::filesystem::path& script) const;
  // Lets kRole connect to `database` and read and change every table of its public schema.
  void GrantTables(std::string_view database) const;
  // Statements run as the superuser.
  void Execute(std::string_view sql, std::string_view database = "postgres") const;
  // The first column of the first row as text.
  std::string QueryValue(std::string_view sql, std::string_view database = "postgres") const;

 private:
  void InitDb();
  bool Launch();  // false when the server exited before accepting connections
  std::string LogTail() const;

  std::filesystem::path root_;
  std::filesystem::path bin_;
  uid_t uid_ = 0;  // the server's user
  gid_t gid_ = 0;
  unsigned short port_ = 0;
  pid_t pid_ = 0;
  bool initialised_ = false;
};

// A started server with `script` loaded, shared by a test suite (SetUpTestSuite): null, with
// the reason in `error`, when it could not start (the suite's tests then fail with it). The
// password of PostgresServer::kRole is put in the environment variable `password_env`.
std::unique_ptr<PostgresServer> StartServerWith(const std::filesystem::path& script,
                                                const char* password_env, std::string& error);

}  // namespace rightsdesk::testing
