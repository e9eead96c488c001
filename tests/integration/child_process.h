// Test servers as child processes (postgres_server.h, mysql_server.h): started with their output
// in a log file, optionally as another user, and tied to the test so that a crashed test leaves
// no server behind.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace rightsdesk::testing {

struct ChildIdentity {
  bool switch_user = false;  // true when we are root and the child must not be
  uid_t uid = 0;
  gid_t gid = 0;
};

// Starts argv[0] (an absolute path) in `cwd` with stdin from /dev/null and stdout and stderr
// appended to `log`, as `identity` says, with PATH=/usr/bin:/bin and LC_ALL=C. The child gets
// `death_signal` when the test process dies. Throws std::runtime_error when fork fails.
pid_t SpawnLogged(const std::vector<std::string>& argv, const ChildIdentity& identity,
                  const std::filesystem::path& log, const std::filesystem::path& cwd,
                  int death_signal = SIGKILL);

struct Finished {
  int exit_code = -1;  // 128 + the signal when a signal ended it
  std::string output;  // stdout and stderr
};

// Runs argv to its end in `dir` (its output goes through dir/command.log).
Finished RunToEnd(const std::vector<std::string>& argv, const ChildIdentity& identity,
                  const std::filesystem::path& dir);

// The whole file, or "" when it cannot be read.
std::string Slurp(const std::filesystem::path& path);

}  // namespace rightsdesk::testing
