// Crash safety over HTTP: the real `rightsdesk serve` takes a running load of submissions and is
// killed with SIGKILL. After a restart every submission that had been answered 201 must be there,
// and `rightsdesk audit verify` must pass.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "http_client.h"
#include "platform/system_clock.h"
#include "test_dirs.h"

namespace rightsdesk::testing {
namespace {

using namespace std::chrono_literals;

class HttpCrashTest : public ::testing::Test, public CliInstallation {
 protected:
  void SetUp() override {
    ASSERT_EQ(Cli({"init"}).exit_code, 0);
    RaiseIntakeLimits();
  }

  // The load comes from one address and a few emails, far above the production limits.
  void RaiseIntakeLimits() {
    const auto config = dir_.path() / "data" / "rightsdesk.toml";
    std::ifstream in(config);
    std::stringstream text;
    text << in.rdbuf();
    std::string edited = std::regex_replace(
        text.str(), std::regex(R"(^(intake_[a-z_]+) = .*$)", std::regex::multiline),
        "$1 = 1000000");
    std::ofstream(config, std::ios::trunc) << edited;
  }

  // Starts `rightsdesk serve` on a free port; returns its pid and port once it listens.
  std::pair<pid_t, unsigned short> StartServer(int round) {
    const auto out = dir_.path() / ("serve-" + std::to_string(round) + ".out");
    pid_t pid = ::fork();
    if (pid == 0) {
      if (!std::freopen(out.c_str(), "w", stdout) || !std::freopen("/dev/null", "w", stderr)) {
        ::_exit(127);
      }
      const std::string data_dir = data();
      ::execl(RIGHTSDESK_CLI, RIGHTSDESK_CLI, "serve", "--listen", "127.0.0.1:0", "--data",
              data_dir.c_str(), nullptr);
      ::_exit(127);
    }
    const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
    for (int attempt = 0; attempt < 300; ++attempt) {  // up to 30 s: ASan starts slowly
      std::ifstream in(out);
      std::stringstream text;
      text << in.rdbuf();
      std::smatch match;
      std::string printed = text.str();
      if (std::regex_search(printed, match, listening)) {
        return {pid, static_cast<unsigned short>(std::stoi(match[1]))};
      }
      std::this_thread::sleep_for(100ms);
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    ADD_FAILURE() << "round " << round << ": the server did not start";
    return {0, 0};
  }
};

// Clients submit until the server is gone; returns the ids answered 201.
std::vector<std::string> SubmitUntilKilled(unsigned short port, pid_t server, int round,
                                           std::chrono::milliseconds kill_after) {
  constexpr int kClients = 8;
  std::mutex mu;
  std::vector<std::string> answered;
  std::atomic<int> answered_count = 0;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int n = 0;; ++n) {
        std::string email = "r" + std::to_string(round) + "c" + std::to_string(c) + "n" +
                            std::to_string(n) + "@example.com";
        try {
          Reply reply = Send(port, bhttp::verb::post, "/api/v1/requests",
                             R"({"type":"delete","subject":{"email":")" + email + R"("}})");
          if (reply.status != 201) {
            ADD_FAILURE() << "round " << round << ": " << reply.status << " " << reply.text;
            return;
          }
          std::lock_guard lock(mu);
          answered.push_back(reply.body.at("id").get<std::string>());
          ++answered_count;
        } catch (const std::exception&) {
          return;  // the server is gone: this submission was never answered
        }
      }
    });
  }
  for (int waited = 0; answered_count == 0 && waited < 3000; ++waited) {
    std::this_thread::sleep_for(10ms);
  }
  std::this_thread::sleep_for(kill_after);  // the load is running now
  ::kill(server, SIGKILL);
  int status = 0;
  ::waitpid(server, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status)) << "round " << round << ": the server exited by itself";
  for (auto& client : clients) client.join();
  return answered;
}

TEST_F(HttpCrashTest, EverySubmissionAnswered201SurvivesSigkillAndTheTrailVerifies) {
  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> delay_ms(200, 900);
  platform::SystemClock clock;
  std::size_t total = 0;
  for (int round = 0; round < 3; ++round) {
    auto [server, port] = StartServer(round);
    ASSERT_NE(server, 0);
    auto answered =
        SubmitUntilKilled(port, server, round, std::chrono::milliseconds(delay_ms(rng)));
    ASSERT_FALSE(answered.empty()) << "round " << round << ": nothing was answered 201";

    auto installation = app::Installation::Open(app::DataDir{data()}, clock);
    ASSERT_TRUE(installation) << installation.error().message();
    for (const std::string& id : answered) {
      auto found = (*installation)->requests().FindById(id);
      ASSERT_TRUE(found) << "round " << round << ": " << id << " was answered 201 but is lost";
    }
    installation->reset();  // the next server opens the database alone
    ProcessResult verify = Cli({"audit", "verify"});
    ASSERT_EQ(verify.exit_code, 0) << "round " << round << ": " << verify.out << verify.err;
    total += answered.size();
  }
  std::cout << "[ crash ] " << total << " submissions answered 201 survived 3 SIGKILLs of serve\n";
}

}  // namespace
}  // namespace rightsdesk::testing
