// The mysql:// URL a data map names a MySQL or MariaDB database with: every part read, every
// mistake refused with what is wrong, and a password never accepted nor repeated.
#include "connectors/mysql_url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rightsdesk::connectors {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MySqlUrlTest, ReadsUserHostPortAndDatabase) {
  auto address = ParseMySqlUrl("mysql://rightsdesk@db.internal:3307/shop");
  ASSERT_TRUE(address) << address.error().message();
  EXPECT_EQ(address->user, "rightsdesk");
  EXPECT_EQ(address->host, "db.internal");
  EXPECT_EQ(address->port, 3307u);
  EXPECT_EQ(address->database, "shop");
  EXPECT_TRUE(address->socket.empty());
  EXPECT_EQ(address->tls, MySqlAddress::Tls::kNotRequired);
}

TEST(MySqlUrlTest, ThePortDefaultsTo3306AndMariadbIsTheSameScheme) {
  auto address = ParseMySqlUrl("mariadb://app@10.0.0.7/orders");
  ASSERT_TRUE(address) << address.error().message();
  EXPECT_EQ(address->host, "10.0.0.7");
  EXPECT_EQ(address->port, 3306u);
}

TEST(MySqlUrlTest, AnIpv6HostIsWrittenInBrackets) {
  auto address = ParseMySqlUrl("mysql://app@[::1]:3310/shop");
  ASSERT_TRUE(address) << address.error().message();
  EXPECT_EQ(address->host, "::1");
  EXPECT_EQ(address->port, 3310u);
  EXPECT_EQ(ParseMySqlUrl("mysql://app@[::1]/shop").value_or(MySqlAddress{}).port, 3306u);
  auto bare = ParseMySqlUrl("mysql://app@::1:3310/shop");
  ASSERT_FALSE(bare);
  EXPECT_THAT(bare.error().message(), HasSubstr("brackets"));
}

TEST(MySqlUrlTest, EscapesAreDecodedInUserDatabaseAndParameters) {
  auto address =
      ParseMySqlUrl("mysql://app%40eu@localhost/shop%2Dlive?socket=/run/my%20sql/mysqld.sock");
  ASSERT_TRUE(address) << address.error().message();
  EXPECT_EQ(address->user, "app@eu");
  EXPECT_EQ(address->database, "shop-live");
  EXPECT_EQ(address->socket, "/run/my sql/mysqld.sock");
}

TEST(MySqlUrlTest, ASocketMayStandForTheHost) {
  auto address = ParseMySqlUrl("mysql://app@/shop?socket=/run/mysqld/mysqld.sock");
  ASSERT_TRUE(address) << address.error().message();
  EXPECT_TRUE(address->host.empty());
  EXPECT_EQ(address->socket, "/run/mysqld/mysqld.sock");
  EXPECT_FALSE(ParseMySqlUrl("mysql://app@db.internal/shop?socket=/run/mysqld/mysqld.sock"));
  EXPECT_FALSE(ParseMySqlUrl("mysql://app@/shop?socket=mysqld.sock"));  // relative
}

TEST(MySqlUrlTest, TlsIsVerifiedAgainstTheSystemsOrAGivenAuthority) {
  auto system = ParseMySqlUrl("mysql://app@db/shop?tls=verify");
  ASSERT_TRUE(system) << system.error().message();
  EXPECT_EQ(system->tls, MySqlAddress::Tls::kVerify);
  EXPECT_TRUE(system->ca.empty());
  auto verify = ParseMySqlUrl("mysql://app@db/shop?tls=verify&ca=/etc/ssl/db-ca.pem");
  ASSERT_TRUE(verify) << verify.error().message();
  EXPECT_EQ(verify->tls, MySqlAddress::Tls::kVerify);
  EXPECT_EQ(verify->ca, "/etc/ssl/db-ca.pem");
  // Encryption without checking whom we talk to is not offered: it hides nothing from a
  // man in the middle.
  EXPECT_FALSE(ParseMySqlUrl("mysql://app@db/shop?tls=required"));
  EXPECT_FALSE(ParseMySqlUrl("mysql://app@db/shop?tls=maybe"));
  EXPECT_FALSE(ParseMySqlUrl("mysql://app@db/shop?ca=/etc/ssl/db-ca.pem"));  // without verify
}

TEST(MySqlUrlTest, MistakesAreRefusedWithWhatIsWrong) {
  const std::pair<const char*, const char*> cases[] = {
      {"postgresql://app@db/shop", "neither mysql:// nor mariadb://"},
      {"host=db dbname=shop", "neither mysql:// nor mariadb://"},
      {"mysql://db/shop", "no user"},
      {"mysql://@db/shop", "no user"},
      {"mysql://app@db", "no database"},
      {"mysql://app@db/", "no database"},
      {"mysql://app@db/shop/more", "contains '/'"},
      {"mysql://app@/shop", "no host"},
      {"mysql://app@db:0/shop", "port"},
      {"mysql://app@db:70000/shop", "port"},
      {"mysql://app@db:33x/shop", "port"},
      {"mysql://app@db:/shop", "port"},
      {"mysql://app@db/shop?timeout=5", "unknown parameter 'timeout'"},
      {"mysql://app@db/shop?tls", "no '=value'"},
      {"mysql://app@db/sh%4", "broken %-escape"},
      {"mysql://app@db/sh%00op", "broken %-escape"},
  };
  for (const auto& [url, why] : cases) {
    auto address = ParseMySqlUrl(url);
    ASSERT_FALSE(address) << url;
    EXPECT_EQ(address.error().code(), ErrorCode::kInvalidArgument) << url;
    EXPECT_THAT(address.error().message(), HasSubstr(why)) << url;
  }
}

TEST(MySqlUrlTest, APasswordIsNeverAcceptedNorRepeated) {
  for (const char* url : {"mysql://app:hunter2@db/shop", "mysql://app@db/shop?password=hunter2"}) {
    auto address = ParseMySqlUrl(url);
    ASSERT_FALSE(address) << url;
    EXPECT_THAT(address.error().message(), HasSubstr("password_env")) << url;
    EXPECT_THAT(address.error().message(), Not(HasSubstr("hunter2"))) << url;
  }
}

}  // namespace
}  // namespace rightsdesk::connectors
