#include "child_process.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rightsdesk::testing {
namespace {

// In a forked child: says in the log why it could not run the program, and exits.
[[noreturn]] void ChildFails(const char* step) {
  const char* reason = ::strerror(errno);
  for (const char* text : {"test child: ", step, ": ", reason, "\n"}) {
    (void)!::write(2, text, ::strlen(text));
  }
  ::_exit(126);
}

}  // namespace

pid_t SpawnLogged(const std::vector<std::string>& argv, const ChildIdentity& identity,
                  const std::filesystem::path& log, const std::filesystem::path& cwd,
                  int death_signal) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  static char path_env[] = "PATH=/usr/bin:/bin";
  static char lc_env[] = "LC_ALL=C";
  char* env[] = {path_env, lc_env, nullptr};
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid > 0) return pid;
  const int in = ::open("/dev/null", O_RDONLY);
  const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (in < 0 || out < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(out, 2) < 0) {
    ::_exit(126);
  }
  if (identity.switch_user && (::setgroups(0, nullptr) != 0 || ::setgid(identity.gid) != 0 ||
                               ::setuid(identity.uid) != 0)) {
    ChildFails("switching user");
  }
  // After setuid, which clears it; and only while the parent is still there.
  if (::prctl(PR_SET_PDEATHSIG, death_signal) != 0 || ::getppid() != parent) ChildFails("prctl");
  if (::chdir(cwd.c_str()) != 0) ChildFails(cwd.c_str());
  ::execve(args[0], args.data(), env);
  ChildFails(args[0]);
}

Finished RunToEnd(const std::vector<std::string>& argv, const ChildIdentity& identity,
                  const std::filesystem::path& dir) {
  const std::filesystem::path log = dir / "command.log";
  std::filesystem::remove(log);
  const pid_t pid = SpawnLogged(argv, identity, log, dir);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), Slurp(log)};
}

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace rightsdesk::testing
