// The outbox through the binary: `rightsdesk worker --once` and `serve` deliver acknowledgments
// to a real SMTP server as the installation's [mail] settings say; without them, messages wait.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "http_client.h"
#include "smtp_server.h"
#include "test_dirs.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;
using namespace std::chrono_literals;

class WorkerTest : public ::testing::Test, public CliInstallation {
 protected:
  void SetUp() override { ASSERT_EQ(Cli({"init"}).exit_code, 0); }

  void ConfigureMail(const std::string& smtp_url) {
    const auto config = dir_.path() / "data" / "rightsdesk.toml";
    std::ifstream in(config);
    std::stringstream text;
    text << in.rdbuf();
    std::string edited = std::regex_replace(text.str(), std::regex(R"(smtp_url = "")"),
                                            "smtp_url = \"" + smtp_url + "\"");
    edited = std::regex_replace(edited, std::regex("require_tls = true"), "require_tls = false");
    edited = std::regex_replace(edited, std::regex("poll_seconds = 5"), "poll_seconds = 1");
    std::ofstream(config, std::ios::trunc) << edited;
  }

  SmtpServer smtp_{dir_.path() / "maildir"};
};

TEST_F(WorkerTest, WorkerOnceDeliversWhatIsDueThenNothingMore) {
  smtp_.Start();
  ConfigureMail(smtp_.url());
  ASSERT_EQ(Cli({"request", "submit", "--type", "delete", "--email", "ana@example.com",
                 "--language", "es"})
                .exit_code,
            0);
  ProcessResult first = Cli({"worker", "--once"});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out,
            "scheduler: 0 reminders/alarms, 0 closed unverified, 0 reprioritised\n"
            "outbox: sent 1, to retry 0, failed 0\n");
  EXPECT_THAT(Cli({"worker", "--once"}).out, HasSubstr("outbox: sent 0, to retry 0, failed 0\n"));
  auto mails = smtp_.Received();
  ASSERT_THAT(mails, SizeIs(1));
  EXPECT_EQ(mails[0].headers.at("To"), "<ana@example.com>");
  EXPECT_THAT(mails[0].body, HasSubstr("Eliminamos"));
}

TEST_F(WorkerTest, WithoutAnSmtpUrlTheWorkerRunsTheSchedulerAndMessagesWait) {
  ProcessResult result = Cli({"worker", "--once"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "scheduler: 0 reminders/alarms, 0 closed unverified, 0 reprioritised\n");
}

TEST_F(WorkerTest, WithNothingToDoTheWorkerRefuses) {
  const auto config = dir_.path() / "data" / "rightsdesk.toml";
  std::ifstream in(config);
  std::stringstream text;
  text << in.rdbuf();
  std::ofstream(config, std::ios::trunc)
      << std::regex_replace(text.str(), std::regex("enabled = true"), "enabled = false");
  ProcessResult result = Cli({"worker", "--once"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("nothing to do: no [mail] smtp_url"));
}

TEST_F(WorkerTest, BadMailSettingsAreRefusedWithTheirSection) {
  ConfigureMail("http://not-smtp.example");
  ProcessResult result = Cli({"worker", "--once"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("[mail] smtp_url must start with smtp://"));
}

TEST_F(WorkerTest, ServeAcknowledgesAnIntakeBySmtpWithinSeconds) {
  smtp_.Start();
  ConfigureMail(smtp_.url());
  const auto out = dir_.path() / "serve.out";
  pid_t pid = ::fork();
  if (pid == 0) {
    if (!std::freopen(out.c_str(), "w", stdout)) ::_exit(127);
    const std::string data_dir = data();
    ::execl(RIGHTSDESK_CLI, RIGHTSDESK_CLI, "serve", "--listen", "127.0.0.1:0", "--data",
            data_dir.c_str(), nullptr);
    ::_exit(127);
  }
  unsigned short port = 0;
  std::string printed;
  for (int i = 0; i < 300 && port == 0; ++i) {
    std::this_thread::sleep_for(100ms);
    std::ifstream in(out);
    std::stringstream text;
    text << in.rdbuf();
    printed = text.str();
    std::smatch match;
    if (std::regex_search(printed, match, std::regex(R"(127\.0\.0\.1:(\d+))"))) {
      port = static_cast<unsigned short>(std::stoi(match[1]));
    }
  }
  ASSERT_NE(port, 0) << printed;
  EXPECT_THAT(printed, HasSubstr("outbox:         delivering by SMTP"));
  EXPECT_THAT(printed, HasSubstr("scheduler:      running"));
  Reply reply = Send(port, bhttp::verb::post, "/api/v1/requests",
                     R"({"type":"access","subject":{"email":"luis@example.com"}})");
  ASSERT_EQ(reply.status, 201U) << reply.text;
  for (int i = 0; i < 100 && smtp_.Received().empty(); ++i) std::this_thread::sleep_for(100ms);
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  auto mails = smtp_.Received();
  ASSERT_THAT(mails, SizeIs(1));
  EXPECT_THAT(mails[0].headers.at("Subject"),
              HasSubstr(reply.body.at("reference").get<std::string>()));
  EXPECT_THAT(mails[0].body, HasSubstr(reply.body.at("status_url").get<std::string>()));
}

}  // namespace
}  // namespace rightsdesk::testing
