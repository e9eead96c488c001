#include "security/api_token.h"

#include <gtest/gtest.h>

#include "core/role.h"
#include "http/query.h"
#include "security/sodium_random.h"

namespace rightsdesk {
namespace {

TEST(ApiTokenTest, SecretsAreFreshPrefixedAndOnlyTheirHashMatches) {
  security::SodiumRandom random;
  std::string a = security::NewApiTokenSecret(random);
  std::string b = security::NewApiTokenSecret(random);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.substr(0, 4), "rdt_");
  EXPECT_EQ(a.size(), 4U + 64U);
  EXPECT_TRUE(security::SameHash(security::HashToken(a), security::HashToken(a)));
  EXPECT_FALSE(security::SameHash(security::HashToken(a), security::HashToken(b)));
}

TEST(RoleTest, EachRoleHasExactlyItsPermissions) {
  using P = Permission;
  struct Row {
    Role role;
    bool read, work, audit, tokens;
  };
  const Row table[] = {{Role::kAdmin, true, true, true, true},
                       {Role::kStaff, true, true, false, false},
                       {Role::kReviewer, true, true, false, false},
                       {Role::kAuditor, true, false, true, false}};
  for (const Row& row : table) {
    EXPECT_EQ(Allows(row.role, P::kReadRequests), row.read) << Name(row.role);
    EXPECT_EQ(Allows(row.role, P::kWorkRequests), row.work) << Name(row.role);
    EXPECT_EQ(Allows(row.role, P::kReadAudit), row.audit) << Name(row.role);
    EXPECT_EQ(Allows(row.role, P::kManageTokens), row.tokens) << Name(row.role);
    EXPECT_EQ(ParseRole(Name(row.role)), row.role);
  }
  EXPECT_FALSE(ParseRole("root"));
}

TEST(QueryTest, DecodesPairsAndRefusesMalformedOnes) {
  auto q = http::ParseQuery("/a?status=in_progress&q=ana%40example.com&name=Ana+N%C3%BA%C3%B1ez&x");
  ASSERT_TRUE(q) << q.error().message();
  EXPECT_EQ(q->at("status"), "in_progress");
  EXPECT_EQ(q->at("q"), "ana@example.com");
  EXPECT_EQ(q->at("name"), "Ana Núñez");
  EXPECT_EQ(q->at("x"), "");
  EXPECT_TRUE(http::ParseQuery("/a")->empty());
  EXPECT_FALSE(http::ParseQuery("/a?x=%zz"));
  EXPECT_FALSE(http::ParseQuery("/a?x=%4"));
  EXPECT_FALSE(http::ParseQuery("/a?x=1&x=2"));
}

}  // namespace
}  // namespace rightsdesk
