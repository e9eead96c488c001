// The names of the domain's enumerations are a public contract (CLI, API, stored rows).
#include <gtest/gtest.h>

#include "core/channel.h"
#include "core/priority.h"
#include "core/request_type.h"
#include "core/status.h"

namespace rightsdesk {
namespace {

TEST(NamesTest, RequestTypes) {
  const char* names[] = {"access", "categories", "delete", "correct", "opt_out", "limit"};
  ASSERT_EQ(std::size(kAllRequestTypes), std::size(names));
  for (std::size_t i = 0; i < std::size(names); ++i) {
    EXPECT_EQ(Name(kAllRequestTypes[i]), names[i]);
    EXPECT_EQ(ParseRequestType(names[i]), kAllRequestTypes[i]);
  }
  for (const char* bad : {"", "Access", "erase", "opt-out", "access "}) {
    EXPECT_FALSE(ParseRequestType(bad)) << bad;
  }
}

TEST(NamesTest, Statuses) {
  const char* names[] = {"received",
                         "pending_verification",
                         "verified",
                         "in_progress",
                         "awaiting_review",
                         "completed",
                         "denied",
                         "withdrawn",
                         "closed_unverified",
                         "closed_duplicate"};
  ASSERT_EQ(std::size(kAllStatuses), std::size(names));
  for (std::size_t i = 0; i < std::size(names); ++i) {
    EXPECT_EQ(Name(kAllStatuses[i]), names[i]);
    EXPECT_EQ(ParseStatus(names[i]), kAllStatuses[i]);
  }
  EXPECT_FALSE(ParseStatus("open"));
  EXPECT_FALSE(ParseStatus("COMPLETED"));
}

TEST(NamesTest, Channels) {
  for (const char* name : {"web", "api", "email", "phone", "mail", "agent", "gpc"}) {
    auto channel = ParseChannel(name);
    ASSERT_TRUE(channel) << name;
    EXPECT_EQ(Name(*channel), name);
  }
  EXPECT_FALSE(ParseChannel("fax"));
}

TEST(NamesTest, PrioritiesAndTheirDefaults) {
  for (const char* name : {"high", "medium", "low"}) {
    auto priority = ParsePriority(name);
    ASSERT_TRUE(priority) << name;
    EXPECT_EQ(Name(*priority), name);
  }
  EXPECT_FALSE(ParsePriority("urgent"));
}

}  // namespace
}  // namespace rightsdesk
