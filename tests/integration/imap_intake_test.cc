// Email intake from a real IMAP server (dovecot) through the binary: a mailbox of requests, a
// reply, a bounce, an auto-reply, an unclear message and something that is not email; one
// `worker --once` creates exactly the right requests, threads the reply, files every message
// away (the unreadable one apart), and a message fetched again changes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "imap_server.h"
#include "test_dirs.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;

std::string ImapFixture(const std::string& name) {
  std::ifstream in(std::string(RIGHTSDESK_TEST_DATA_DIR) + "/mail/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class ImapIntakeTest : public ::testing::Test, public CliInstallation {
 protected:
  void SetUp() override {
    ASSERT_EQ(Cli({"init"}).exit_code, 0);
    imap_.Start();
    ::setenv("RIGHTSDESK_IMAP_PASSWORD", ImapServer::kPassword, 1);
    const auto config = dir_.path() / "data" / "rightsdesk.toml";
    std::ifstream in(config);
    std::stringstream text;
    text << in.rdbuf();
    std::string edited = std::regex_replace(text.str(), std::regex(R"(\nurl = "")"),
                                            "\nurl = \"" + imap_.url() + "\"");
    edited = std::regex_replace(edited, std::regex(R"(\[imap\]([^\[]*)require_tls = true)"),
                                "[imap]$1require_tls = false");
    edited = std::regex_replace(edited, std::regex(R"(\[imap\]([^\[]*)username = "")"),
                                std::string("[imap]$1username = \"") + ImapServer::kUser + "\"");
    std::ofstream(config, std::ios::trunc) << edited;
  }

  ImapServer imap_{dir_.path() / "imap"};
};

TEST_F(ImapIntakeTest, TheMailboxBecomesExactlyTheRightRequestsAndIsFiledAway) {
  for (const char* name : {"request_en.eml", "request_es_html.eml", "request_attachment.eml",
                           "reply.eml", "bounce.eml", "auto_reply.eml"}) {
    imap_.Deliver(ImapFixture(name));
  }
  imap_.Deliver(
      "From: bob@example.com\r\nMessage-ID: <u1@example.com>\r\nSubject: hi\r\n\r\n"
      "Do you sell gift cards for the shop in town?\r\n");
  imap_.Deliver("this is not an email at all");
  ASSERT_EQ(imap_.Count("INBOX"), 8U);

  ProcessResult run = Cli({"worker", "--once"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("email intake: auto_reply 1, bounce 1, created 3, threaded 1, "
                                 "triaged 1, rejected 1\n"));
  EXPECT_EQ(imap_.Count("INBOX"), 0U);
  EXPECT_EQ(imap_.Count("RightsDesk-Processed"), 7U);
  EXPECT_EQ(imap_.Count("RightsDesk-Rejected"), 1U);

  ProcessResult list = Cli({"request", "list", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto requests = nlohmann::json::parse(list.out);
  ASSERT_EQ(requests.size(), 3U) << list.out;
  std::multiset<std::string> channels;
  for (const auto& r : requests) channels.insert(r.at("channel").get<std::string>());
  EXPECT_EQ(channels, (std::multiset<std::string>{"email", "email", "email"}));
  EXPECT_THAT(Cli({"triage", "list"}).out, HasSubstr("\"from\":\"bob@example.com\""));

  // The reply (threaded by the reference in its subject, from the consumer's own address).
  ProcessResult shown = Cli({"request", "show", "RD-2026-00001", "--json"});
  EXPECT_THAT(shown.out, HasSubstr("request.message_received"));

  // A message fetched again (a crash before it was filed) is recognised.
  imap_.Deliver(ImapFixture("request_en.eml"));
  ProcessResult again = Cli({"worker", "--once"});
  EXPECT_THAT(again.out, HasSubstr("email intake: duplicate 1, rejected 0\n"));
  EXPECT_EQ(nlohmann::json::parse(Cli({"request", "list", "--json"}).out).size(), 3U);
  EXPECT_EQ(Cli({"audit", "verify"}).exit_code, 0);
}

TEST_F(ImapIntakeTest, AnUnreachableServerOrAWrongPasswordIsAClearErrorAndNothingIsLost) {
  imap_.Deliver(ImapFixture("request_en.eml"));
  ::setenv("RIGHTSDESK_IMAP_PASSWORD", "wrong", 1);
  ProcessResult refused = Cli({"worker", "--once"});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.err, HasSubstr("IMAP"));
  EXPECT_EQ(imap_.Count("INBOX"), 1U);
  ::setenv("RIGHTSDESK_IMAP_PASSWORD", ImapServer::kPassword, 1);
  imap_.Stop();
  EXPECT_NE(Cli({"worker", "--once"}).exit_code, 0);
  imap_.Start();
  ProcessResult back = Cli({"worker", "--once"});
  EXPECT_THAT(back.out, HasSubstr("created 1"));
  ::unsetenv("RIGHTSDESK_IMAP_PASSWORD");
  EXPECT_THAT(Cli({"worker", "--once"}).err, HasSubstr("RIGHTSDESK_IMAP_PASSWORD"));
}

}  // namespace
}  // namespace rightsdesk::testing
