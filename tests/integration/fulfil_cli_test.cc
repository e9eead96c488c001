// The fulfilment commands as an operator uses them: check the map, plan, approve by digest,
// erase, and verify the certificate the command wrote (and refuse it once altered).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "integration/test_dirs.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;

class FulfilCliTest : public ::testing::Test, protected CliInstallation {
 protected:
  void SetUp() override { ASSERT_TRUE(InitWithDemoMap()); }
};

TEST_F(FulfilCliTest, WithoutADataMapTheCommandsSayWhatToWrite) {
  std::filesystem::remove(data() + "/datamap.toml");
  auto check = Cli({"datamap", "check"});
  EXPECT_EQ(check.exit_code, 2);
  EXPECT_THAT(check.err, HasSubstr("no data map at"));
}

TEST_F(FulfilCliTest, ABrokenMapOrSchemaIsAnErrorWithWhereItIs) {
  std::ofstream(data() + "/datamap.toml", std::ios::app) << "\n[[system]]\nname = \"Bad Name\"\n";
  auto broken = Cli({"datamap", "check"});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_THAT(broken.err, HasSubstr("datamap.toml"));
}

TEST_F(FulfilCliTest, ATableTheDatabaseLacksIsACheckError) {
  std::ifstream in(data() + "/datamap.toml");
  std::ostringstream text;
  text << in.rdbuf();
  std::string map = text.str();
  map.replace(map.find("name = \"InvoiceLine\""), 20, "name = \"InvoiceLines\"");
  std::ofstream(data() + "/datamap.toml") << map;
  auto check = Cli({"datamap", "check"});
  EXPECT_EQ(check.exit_code, 2) << check.out;
  EXPECT_THAT(check.out, HasSubstr("error   chinook.InvoiceLines: no such table"));
}

TEST_F(FulfilCliTest, CheckPlanEraseAndVerifyTheCertificate) {
  auto check = Cli({"datamap", "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_THAT(check.out, HasSubstr("1 systems, 0 errors"));

  ASSERT_EQ(
      Cli({"request", "submit", "--type", "delete", "--email", "ftremblay@gmail.com"}).exit_code,
      0);
  ASSERT_EQ(Cli({"request", "transition", "RD-2026-00001", "--to", "verified", "--reason", "ok"})
                .exit_code,
            0);
  auto plan = Cli({"fulfil", "erase-plan", "RD-2026-00001"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  std::smatch digest;
  ASSERT_TRUE(std::regex_search(plan.out, digest, std::regex("--approve ([0-9a-f]{16})")));
  auto erased = Cli({"fulfil", "erase", "RD-2026-00001", "--approve", digest[1]});
  ASSERT_EQ(erased.exit_code, 0) << erased.err;
  EXPECT_THAT(erased.out, HasSubstr("nothing was found"));
  std::smatch file;
  ASSERT_TRUE(std::regex_search(erased.out, file, std::regex("certificate: (\\S+\\.json)")));

  auto verified = Cli({"certificate", "verify", file[1]});
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_THAT(verified.out, HasSubstr("complete, verified erasure"));

  std::ifstream in(file[1].str());
  std::ostringstream text;
  text << in.rdbuf();
  std::string altered = text.str();
  altered[altered.find("\"rows_updated\":1") + 15] = '0';
  std::ofstream(data() + "/altered.json") << altered;
  auto refused = Cli({"certificate", "verify", data() + "/altered.json"});
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_THAT(refused.err, HasSubstr("altered"));
}

TEST_F(FulfilCliTest, AManualTaskKeepsTheOwnersEvidence) {
  std::ofstream(data() + "/datamap.toml", std::ios::app)
      << "\n[[system]]\nname = \"paper-archive\"\nowner = \"archive@example.com\"\n"
         "connector = \"manual\"\npurposes = [\"Contracts\"]\nsources = [\"The consumer\"]\n"
         "retention = \"10 years\"\n";
  ASSERT_EQ(
      Cli({"request", "submit", "--type", "access", "--email", "luisg@embraer.com.br"}).exit_code,
      0);
  ASSERT_EQ(Cli({"request", "transition", "RD-2026-00001", "--to", "verified", "--reason", "ok"})
                .exit_code,
            0);
  ASSERT_EQ(Cli({"fulfil", "search", "RD-2026-00001"}).exit_code, 0);
  auto list = Cli({"task", "list"});
  std::smatch id;
  ASSERT_TRUE(std::regex_search(list.out, id, std::regex("^([0-9a-f-]{36})  paper-archive")))
      << list.out;
  std::ofstream(data() + "/shredded.txt") << "Contract 17 shredded on 2026-11-25\n";
  auto attached = Cli({"task", "attach", id[1], data() + "/shredded.txt", "--type", "text/plain"});
  ASSERT_EQ(attached.exit_code, 0) << attached.err;
  EXPECT_THAT(attached.out, HasSubstr("Attached"));
  auto shown = Cli({"task", "show", id[1]});
  EXPECT_THAT(shown.out, HasSubstr("shredded.txt  35 bytes"));

  auto unknown = Cli({"task", "attach", "no-such-task", data() + "/shredded.txt"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_THAT(unknown.err, HasSubstr("no task"));
  auto missing = Cli({"task", "attach", id[1], data() + "/nothing-here.txt"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("nothing-here.txt"));
}

}  // namespace
}  // namespace rightsdesk::testing
