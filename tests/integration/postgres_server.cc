#include "postgres_server.h"

#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "child_process.h"
#include "free_port.h"

namespace rightsdesk::testing {
namespace {

// The newest /usr/lib/postgresql/<version>/bin with initdb (Debian keeps the server binaries off
// the PATH), or RIGHTSDESK_PG_BINDIR.
std::filesystem::path FindBinDir() {
  if (const char* dir = std::getenv("RIGHTSDESK_PG_BINDIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  std::filesystem::path best;
  int best_version = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    const int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version && std::filesystem::exists(entry.path() / "bin" / "initdb")) {
      best_version = version;
      best = entry.path() / "bin";
    }
  }
  if (best.empty()) {
    throw std::runtime_error(
        "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin (Debian package "
        "postgresql), and RIGHTSDESK_PG_BINDIR is not set");
  }
  return best;
}

// A value in a libpq connection string, quoted.
std::string ConninfoValue(std::string_view value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

struct ConnectionCloser {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};

// Runs `sql` as the superuser; the result of its last statement.
std::unique_ptr<PGresult, ResultClearer> SuperuserQuery(const std::string& conninfo,
                                                        std::string_view sql) {
  std::unique_ptr<PGconn, ConnectionCloser> connection(PQconnectdb(conninfo.c_str()));
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    throw std::runtime_error("connecting as the PostgreSQL superuser: " +
                             std::string(PQerrorMessage(connection.get())));
  }
  std::unique_ptr<PGresult, ResultClearer> result(
      PQexec(connection.get(), std::string(sql).c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error("running \"" + std::string(sql) +
                             "\": " + PQerrorMessage(connection.get()));
  }
  return result;
}

}  // namespace

PostgresServer::PostgresServer() : bin_(FindBinDir()), port_(FreePort()) {
  for (const char* program : {"initdb", "postgres", "psql"}) {
    if (!std::filesystem::exists(bin_ / program)) {
      throw std::runtime_error((bin_ / program).string() +
                               " not found (Debian package postgresql)");
    }
  }
  uid_ = ::geteuid();
  gid_ = ::getegid();
  if (uid_ == 0) {
    const passwd* postgres = ::getpwnam("postgres");
    if (postgres == nullptr) {
      throw std::runtime_error(
          "PostgreSQL refuses to run as root and there is no user 'postgres' to run it as "
          "(Debian package postgresql creates it)");
    }
    uid_ = postgres->pw_uid;
    gid_ = postgres->pw_gid;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "rightsdesk-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  root_ = pattern;
  if (::geteuid() == 0 && ::chown(root_.c_str(), uid_, gid_) != 0) {
    throw std::runtime_error("cannot give " + root_.string() + " to the postgres user");
  }
}

PostgresServer::~PostgresServer() {
  Stop();
  std::error_code ec;
  std::filesystem::remove_all(root_, ec);
}

std::string PostgresServer::conninfo(std::string_view database) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=" + kRole +
         " dbname=" + ConninfoValue(database);
}

std::string PostgresServer::superuser_conninfo(std::string_view database) const {
  return "host=" + ConninfoValue(root_.string()) + " port=" + std::to_string(port_) +
         " user=" + kSuperuser + " dbname=" + ConninfoValue(database);
}

void PostgresServer::InitDb() {
  const ChildIdentity identity{::geteuid() == 0, uid_, gid_};
  const Finished initdb =
      RunToEnd({(bin_ / "initdb").string(), "-D", (root_ / "data").string(), "-U", kSuperuser, "-E",
                "UTF8", "--locale=C.UTF-8", "-A", "trust", "--no-sync", "--no-instructions"},
               identity, root_);
  if (initdb.exit_code != 0) {
    throw std::runtime_error("initdb failed (exit " + std::to_string(initdb.exit_code) +
                             "): " + initdb.output);
  }
  // The superuser over the socket only; everyone else over TCP with a password.
  std::ofstream(root_ / "data" / "pg_hba.conf", std::ios::trunc)
      << "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n";
}

bool PostgresServer::Launch() {
  const ChildIdentity identity{::geteuid() == 0, uid_, gid_};
  pid_ =
      SpawnLogged({(bin_ / "postgres").string(), "-D", (root_ / "data").string(), "-p",
                   std::to_string(port_), "-k", root_.string(), "-c", "listen_addresses=127.0.0.1",
                   "-c", "fsync=off", "-c", "full_page_writes=off"},
                  identity, root_ / "postgres.log", root_, SIGQUIT);  // immediate shutdown
  const std::string ping = superuser_conninfo() + " connect_timeout=2";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (PQping(ping.c_str()) == PQPING_OK) return true;
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = 0;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Stop();
  throw std::runtime_error("postgres did not accept connections within 60 s; its log: " +
                           LogTail());
}

void PostgresServer::Start() {
  if (pid_ > 0) return;
  if (!std::filesystem::exists(root_ / "data")) InitDb();
  // Another process may take the free port before the server binds it: then try another.
  for (int attempt = 0; !Launch(); ++attempt) {
    if (attempt == 2 || LogTail().find("could not bind") == std::string::npos) {
      throw std::runtime_error("postgres exited while starting; its log: " + LogTail());
    }
    port_ = FreePort();
  }
  if (!initialised_) {
    Execute("CREATE ROLE " + std::string(kRole) + " LOGIN PASSWORD '" + kPassword + "'");
    Execute("CREATE DATABASE " + std::string(kDatabase) + " OWNER " + kRole);
    initialised_ = true;
  }
}

void PostgresServer::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGQUIT);
  ::waitpid(pid_, nullptr, 0);
  pid_ = 0;
}

void PostgresServer::LoadSqlFile(const std::filesystem::path& script) const {
  if (!std::filesystem::exists(script)) {
    throw std::runtime_error("SQL script not found: " + script.string());
  }
  // psql is a client: it runs as we do, and needs no other rights than the script's.
  const Finished psql =
      RunToEnd({(bin_ / "psql").string(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d",
                superuser_conninfo(), "-f", std::filesystem::absolute(script).string()},
               ChildIdentity{}, root_);
  if (psql.exit_code != 0) {
    throw std::runtime_error("psql -f " + script.string() + " failed (exit " +
                             std::to_string(psql.exit_code) + "): " + psql.output);
  }
}

void PostgresServer::GrantTables(std::string_view database) const {
  const std::string db(database);
  Execute("GRANT CONNECT ON DATABASE \"" + db + "\" TO " + kRole);
  Execute("GRANT USAGE ON SCHEMA public TO " + std::string(kRole) +
              "; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + kRole,
          database);
}

void PostgresServer::Execute(std::string_view sql, std::string_view database) const {
  (void)SuperuserQuery(superuser_conninfo(database), sql);
}

std::string PostgresServer::QueryValue(std::string_view sql, std::string_view database) const {
  const auto result = SuperuserQuery(superuser_conninfo(database), sql);
  if (PQntuples(result.get()) < 1 || PQnfields(result.get()) < 1) {
    throw std::runtime_error("no value from \"" + std::string(sql) + "\"");
  }
  return PQgetvalue(result.get(), 0, 0);
}

std::string PostgresServer::LogTail() const {
  const std::string log = Slurp(root_ / "postgres.log");
  return log.size() > 4000 ? log.substr(log.size() - 4000) : log;
}

std::unique_ptr<PostgresServer> StartServerWith(const std::filesystem::path& script,
                                                const char* password_env, std::string& error) {
  try {
    auto server = std::make_unique<PostgresServer>();
    server->Start();
    server->LoadSqlFile(script);
    ::setenv(password_env, PostgresServer::kPassword, 1);
    return server;
  } catch (const std::exception& e) {
    error = e.what();
    return nullptr;
  }
}

}  // namespace rightsdesk::testing
