// Disposable email domains: the list's format, and matching that covers subdomains but not
// look-alikes.
#include "core/disposable_domains.h"

#include <gtest/gtest.h>

#include "config/rules_loader.h"

namespace rightsdesk {
namespace {

DisposableDomains DomainListOf(std::string_view text) {
  DisposableDomains domains;
  auto added = domains.AddList(text, "test.txt");
  EXPECT_TRUE(added) << added.error().message();
  return domains;
}

TEST(DisposableDomainsTest, AListedDomainAndEverySubdomainOfItMatch) {
  DisposableDomains d = DomainListOf("mailinator.com\n");
  EXPECT_TRUE(d.IsDisposable("ana@mailinator.com"));
  EXPECT_TRUE(d.IsDisposable("ana@a.mailinator.com"));
  EXPECT_TRUE(d.IsDisposable("ana@x.y.mailinator.com"));
  EXPECT_TRUE(d.IsDisposable("mailinator.com"));
}

TEST(DisposableDomainsTest, LookAlikesAndParentsDoNotMatch) {
  DisposableDomains d = DomainListOf("mailinator.com\nsub.example.org\n");
  EXPECT_FALSE(d.IsDisposable("ana@notmailinator.com"));
  EXPECT_FALSE(d.IsDisposable("ana@mailinator.com.evil.net"));
  EXPECT_FALSE(d.IsDisposable("ana@mailinator.co"));
  EXPECT_FALSE(d.IsDisposable("ana@example.org")) << "a listed subdomain does not list its parent";
  EXPECT_TRUE(d.IsDisposable("ana@sub.example.org"));
  EXPECT_FALSE(d.IsDisposable("ana@com"));
  EXPECT_FALSE(d.IsDisposable(""));
}

TEST(DisposableDomainsTest, MatchingIgnoresCaseAndUsesTheLastAt) {
  DisposableDomains d = DomainListOf("YopMail.com\n");
  EXPECT_TRUE(d.IsDisposable("Ana@YOPMAIL.COM"));
  EXPECT_TRUE(d.IsDisposable("\"a@b\"@yopmail.com"));
}

TEST(DisposableDomainsTest, CommentsAndBlankLinesAreSkipped) {
  DisposableDomains d = DomainListOf("# throwaways\n\n  trashmail.com  # the classic\r\n\t\n");
  EXPECT_EQ(d.size(), 1U);
  EXPECT_TRUE(d.IsDisposable("x@trashmail.com"));
}

TEST(DisposableDomainsTest, ABadEntryNamesItsLineAndAddsNothing) {
  DisposableDomains d;
  auto added = d.AddList("good.com\nnot a domain\n", "extra.txt");
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(added.error().message().find("extra.txt:2"), std::string::npos)
      << added.error().message();
  EXPECT_EQ(d.size(), 0U);
}

TEST(DisposableDomainsTest, OnlyDomainNamesOfTwoLabelsOrMoreAreAccepted) {
  DisposableDomains d;
  for (const char* bad :
       {"com", "", "-bad.com", "bad-.com", "a..com", "a_b.com", "x@y.com", "ünicode.com"}) {
    EXPECT_FALSE(d.Add(bad)) << bad;
  }
  for (const char* good : {"a.co", "xn--bcher-kva.example", "10minutemail.co.uk"}) {
    EXPECT_TRUE(d.Add(good)) << good;
  }
}

TEST(DisposableDomainsTest, TheShippedListIsLoadedWithTheDefaultRules) {
  auto ruleset = config::DefaultRuleset();
  ASSERT_TRUE(ruleset) << ruleset.error().message();
  const DisposableDomains& d = ruleset->screening().disposable_domains;
  EXPECT_GE(d.size(), 300U);
  for (const char* address :
       {"a@mailinator.com", "a@guerrillamail.com", "a@10minutemail.com", "a@yopmail.com",
        "a@temp-mail.org", "a@trashmail.com", "a@sharklasers.com", "a@inbox.mailinator.com"}) {
    EXPECT_TRUE(d.IsDisposable(address)) << address;
  }
  for (const char* address : {"a@gmail.com", "a@example.com", "a@outlook.com", "a@proton.me"}) {
    EXPECT_FALSE(d.IsDisposable(address)) << address;
  }
}

}  // namespace
}  // namespace rightsdesk
