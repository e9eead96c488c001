// Crash safety: a process taking in requests is killed with SIGKILL at random moments. Every
// request it had reported as stored must be there afterwards, and the audit trail must verify.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "app/audit_service.h"
#include "app/installation.h"
#include "platform/system_clock.h"
#include "test_dirs.h"

namespace rightsdesk::testing {
namespace {

// Starts the child, lets it run for `run_for`, kills it, and returns every line it printed.
std::vector<std::string> RunAndKill(const std::string& data, std::chrono::milliseconds run_for) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::execl(RIGHTSDESK_CRASH_CHILD, RIGHTSDESK_CRASH_CHILD, data.c_str(), "4", nullptr);
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  std::string output;
  std::thread reader([&] {
    char buffer[4096];
    for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) {
      output.append(buffer, static_cast<std::size_t>(n));
    }
  });
  std::this_thread::sleep_for(run_for);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  reader.join();  // the pipe closes when the child is gone; read what it wrote before dying
  ::close(pipe_fds[0]);
  EXPECT_TRUE(WIFSIGNALED(status)) << "the child exited by itself: " << status;
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = output.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(output.substr(start, end - start));
  }
  return lines;  // a torn last line (no newline) was never fully reported, so it is not counted
}

TEST(CrashTest, EveryReportedRequestSurvivesSigkillAndTheTrailVerifies) {
  ScratchDir scratch;
  platform::SystemClock clock;
  app::DataDir dir{scratch.path() / "data"};
  ASSERT_TRUE(app::Installation::Init(dir, clock, "test"));
  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> delay_ms(300, 1200);  // room to start under ASan
  std::size_t total = 0;
  for (int round = 0; round < 6; ++round) {
    auto reported = RunAndKill(dir.root.string(), std::chrono::milliseconds(delay_ms(rng)));
    ASSERT_FALSE(reported.empty()) << "round " << round << ": nothing was stored";
    auto installation = app::Installation::Open(dir, clock);
    ASSERT_TRUE(installation) << installation.error().message();
    for (const std::string& reference : reported) {
      auto found = (*installation)->requests().FindByReference(reference);
      ASSERT_TRUE(found) << "round " << round << ": " << reference << " was reported but is lost";
    }
    auto report = app::VerifyStoredTrail((*installation)->trail(), (*installation)->public_key());
    ASSERT_TRUE(report);
    ASSERT_TRUE(report->ok()) << "round " << round << ": event " << report->problem->seq << " "
                              << report->problem->what;
    EXPECT_GE(static_cast<std::size_t>(report->events), total + reported.size());
    total += reported.size();
  }
  std::cout << "[ crash ] " << total << " reported requests survived 6 SIGKILLs\n";
}

}  // namespace
}  // namespace rightsdesk::testing
