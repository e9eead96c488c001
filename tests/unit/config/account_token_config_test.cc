// [verification.account_token] in rightsdesk.toml (config/installation_config.h): what is
// required, the defaults, and errors that name the file and the key.
#include <gtest/gtest.h>

#include "config/installation_config.h"

namespace rightsdesk::config {
namespace {

Result<InstallationConfig> LoadAccountTokenToml(const std::string& toml) {
  return LoadInstallationConfig(toml, "company.toml");
}

void ExpectAccountTokenConfigError(const std::string& toml, std::string_view part) {
  auto config = LoadAccountTokenToml(toml);
  ASSERT_FALSE(config) << toml;
  EXPECT_EQ(config.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(config.error().message().find(part), std::string::npos)
      << "'" << part << "' not in: " << config.error().message();
}

TEST(AccountTokenConfigTest, WithoutTheSectionTokensAreNotAccepted) {
  auto config = LoadInstallationConfig(std::nullopt, "none");
  ASSERT_TRUE(config);
  EXPECT_FALSE(config->verification.account_token.enabled());
}

TEST(AccountTokenConfigTest, TheSectionGivesKeysIssuerAudienceAndDefaults) {
  auto config = LoadAccountTokenToml(R"(
[verification.account_token]
keys = "login.jwks"
issuer = "https://login.example.com"
audience = "rightsdesk"
)");
  ASSERT_TRUE(config) << config.error().message();
  const AccountTokenConfig& token = config->verification.account_token;
  EXPECT_TRUE(token.enabled());
  EXPECT_EQ(token.keys, "login.jwks");
  EXPECT_EQ(token.issuer, "https://login.example.com");
  EXPECT_EQ(token.audience, "rightsdesk");
  EXPECT_EQ(token.leeway_seconds, 60);
  EXPECT_EQ(token.consumer_claim, AccountTokenIdentity::kEmail);
}

TEST(AccountTokenConfigTest, TheConsumerMayBeNamedBySubAndTheLeewayChanged) {
  auto config = LoadAccountTokenToml(R"(
[verification.account_token]
keys = "/etc/login.pem"
issuer = "login"
audience = "rightsdesk"
leeway_seconds = 5
consumer_claim = "sub"
)");
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->verification.account_token.leeway_seconds, 5);
  EXPECT_EQ(config->verification.account_token.consumer_claim, AccountTokenIdentity::kSubject);
}

TEST(AccountTokenConfigTest, BadSettingsNameTheFileAndTheKey) {
  const std::string head = "[verification.account_token]\n";
  const std::string full = head + "keys = \"k.pem\"\nissuer = \"i\"\naudience = \"a\"\n";
  ExpectAccountTokenConfigError(head + "issuer = \"i\"\naudience = \"a\"\n",
                                "company.toml: [verification.account_token]: keys: is required");
  ExpectAccountTokenConfigError(head + "keys = \"k.pem\"\naudience = \"a\"\n",
                                "issuer: is required");
  ExpectAccountTokenConfigError(head + "keys = \"k.pem\"\nissuer = \"i\"\naudience = \"\"\n",
                                "audience: must not be empty");
  ExpectAccountTokenConfigError(full + "consumer_claim = \"phone\"\n",
                                "consumer_claim: must be \"email\" or \"sub\"");
  ExpectAccountTokenConfigError(full + "leeway_seconds = 3600\n",
                                "leeway_seconds: must be between 0 and 600");
  ExpectAccountTokenConfigError(full + "algorithm = \"HS256\"\n",
                                "algorithm: is not a known setting");
  ExpectAccountTokenConfigError("[verification]\nsecret = 1\n",
                                "company.toml: [verification]: secret");
  ExpectAccountTokenConfigError("[verification]\naccount_token = \"on\"\n",
                                "account_token must be a table");
}

}  // namespace
}  // namespace rightsdesk::config
