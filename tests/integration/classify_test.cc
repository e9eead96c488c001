// `rightsdesk classify` through the binary: the public JSON contract, staff corrections that the
// classifier learns from at once, and bad input refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_dirs.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;

class ClassifyTest : public ::testing::Test, public CliInstallation {
 protected:
  void SetUp() override { ASSERT_EQ(Cli({"init"}).exit_code, 0); }
};

TEST(ClassifyCli, PrintsTypeConfidenceAndLanguageWithoutAnInstallation) {
  ScratchDir nowhere;
  ProcessResult result =
      RunCli({"classify", "--data", (nowhere.path() / "none").string()},
             "Hola, por favor borren mi cuenta y toda mi información personal.\n");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, ::testing::StartsWith("{\"type\":\"delete\",\"confidence\":"));
  auto out = nlohmann::json::parse(result.out);
  EXPECT_EQ(out.size(), 3U);
  EXPECT_EQ(out.at("language"), "es");
  EXPECT_GT(out.at("confidence").get<double>(), 0.4);
  EXPECT_LE(out.at("confidence").get<double>(), 1.0);
}

TEST_F(ClassifyTest, ACorrectionIsRecordedAuditedAndLearnt) {
  const std::string odd = "Zorblax frobnicate quux wibble.\n";
  auto before = nlohmann::json::parse(Cli({"classify"}, odd).out);
  ASSERT_NE(before.at("type"), "limit") << "pick another type: this one proves nothing";
  ProcessResult corrected = Cli({"classify", "--correct", "limit", "--language", "en"}, odd);
  ASSERT_EQ(corrected.exit_code, 0) << corrected.err;
  EXPECT_THAT(corrected.out, HasSubstr("recorded"));
  auto after = nlohmann::json::parse(Cli({"classify"}, odd).out);
  EXPECT_EQ(after.at("type"), "limit");
  ProcessResult verify = Cli({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
}

TEST_F(ClassifyTest, BadInputIsRefused) {
  ProcessResult unknown = Cli({"classify", "--correct", "erase"}, "delete me\n");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("'erase' is not a request type"));
  ProcessResult language = Cli({"classify", "--correct", "delete", "--language", "fr"}, "x y\n");
  EXPECT_EQ(language.exit_code, 2);
  ProcessResult empty = Cli({"classify"}, " \n");
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_THAT(empty.err, HasSubstr("no message on stdin"));
  ProcessResult huge = Cli({"classify"}, std::string((1 << 20) + 10, 'a'));
  EXPECT_EQ(huge.exit_code, 2);
  EXPECT_THAT(huge.err, HasSubstr("larger than 1 MiB"));
}

}  // namespace
}  // namespace rightsdesk::testing
