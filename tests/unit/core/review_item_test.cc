// The review checklist's pure rules: which reminder is due on a day (each stage once, overdue
// wins over a missed due-soon), and what a new item must look like.
#include "core/review_item.h"

#include <gtest/gtest.h>

#include "core/rules_changelog.h"

namespace rightsdesk {
namespace {

Date On(const char* text) { return *ParseDate(text); }

ReviewItem DueOn(const char* date) {
  return ReviewItem{.title = "CPPA regulations amendments 2026",
                    .owner = "counsel@example.com",
                    .due_on = On(date)};
}

TEST(ReviewReminderTest, NothingBeforeTheWindowThenDueSoonThenOverdue) {
  ReviewItem item = DueOn("2027-03-31");
  EXPECT_FALSE(ReviewReminderDue(item, On("2027-03-16"), 14));
  EXPECT_EQ(ReviewReminderDue(item, On("2027-03-17"), 14), ReviewReminderStage::kDueSoon);
  EXPECT_EQ(ReviewReminderDue(item, On("2027-03-31"), 14), ReviewReminderStage::kDueSoon);
  EXPECT_EQ(ReviewReminderDue(item, On("2027-04-01"), 14), ReviewReminderStage::kOverdue);
}

TEST(ReviewReminderTest, EachStageIsRemindedOnce) {
  ReviewItem item = DueOn("2027-03-31");
  item.reminded_due_soon = true;
  EXPECT_FALSE(ReviewReminderDue(item, On("2027-03-20"), 14));
  EXPECT_EQ(ReviewReminderDue(item, On("2027-04-02"), 14), ReviewReminderStage::kOverdue);
  item.reminded_overdue = true;
  EXPECT_FALSE(ReviewReminderDue(item, On("2027-05-01"), 14));
}

TEST(ReviewReminderTest, AWorkerThatMissedTheWindowSendsOnlyTheOverdueReminder) {
  ReviewItem item = DueOn("2027-03-31");
  EXPECT_EQ(ReviewReminderDue(item, On("2027-04-10"), 14), ReviewReminderStage::kOverdue);
}

TEST(ReviewReminderTest, ADoneItemIsNeverReminded) {
  ReviewItem item = DueOn("2027-03-31");
  item.status = ReviewStatus::kDone;
  EXPECT_FALSE(ReviewReminderDue(item, On("2027-03-31"), 14));
  EXPECT_FALSE(ReviewReminderDue(item, On("2027-04-30"), 14));
}

TEST(ReviewReminderTest, ZeroDaysMeansOnTheDueDateOnly) {
  ReviewItem item = DueOn("2027-03-31");
  EXPECT_FALSE(ReviewReminderDue(item, On("2027-03-30"), 0));
  EXPECT_EQ(ReviewReminderDue(item, On("2027-03-31"), 0), ReviewReminderStage::kDueSoon);
}

TEST(NewReviewItemTest, TitleOwnerAndSourceAreChecked) {
  EXPECT_TRUE(CheckNewReviewItem(DueOn("2027-01-01")));
  ReviewItem item = DueOn("2027-01-01");
  item.owner = "alice";
  EXPECT_TRUE(CheckNewReviewItem(item));
  item.owner = "Alice Smith";
  EXPECT_EQ(CheckNewReviewItem(item).error().field(), "/owner");
  item.owner = "alice@";
  EXPECT_EQ(CheckNewReviewItem(item).error().field(), "/owner");
  item = DueOn("2027-01-01");
  item.title = "";
  EXPECT_EQ(CheckNewReviewItem(item).error().field(), "/title");
  item.title = "two\nlines";
  EXPECT_EQ(CheckNewReviewItem(item).error().code(), ErrorCode::kInvalidArgument);
  item = DueOn("2027-01-01");
  item.source = "https://cppa.ca.gov/regulations/\r\nBcc: x";
  EXPECT_EQ(CheckNewReviewItem(item).error().field(), "/source");
}

TEST(NewReviewItemTest, NamesRoundTrip) {
  for (ReviewKind k : {ReviewKind::kLegal, ReviewKind::kTechnical}) {
    EXPECT_EQ(ParseReviewKind(Name(k)), k);
  }
  for (ReviewReminderStage s : {ReviewReminderStage::kDueSoon, ReviewReminderStage::kOverdue}) {
    EXPECT_EQ(ParseReviewReminderStage(Name(s)), s);
  }
  EXPECT_FALSE(ParseReviewKind("law"));
  EXPECT_FALSE(ParseReviewStatus("closed"));
}

TEST(RulesChangelogUnitTest, TheShippedVersionMustBeInTheLog) {
  RulesChangelog log;
  EXPECT_EQ(log.Validate().error().code(), ErrorCode::kInvalidArgument);
  log.set_shipped_version("2027.1");
  ASSERT_TRUE(log.Add({.version = "2026.1",
                       .published = On("2026-11-24"),
                       .effective = On("2018-05-25"),
                       .summary = "first"}));
  EXPECT_NE(log.Validate().error().message().find("2027.1"), std::string::npos);
  ASSERT_TRUE(log.Add({.version = "2027.1",
                       .published = On("2027-01-10"),
                       .effective = On("2027-02-01"),
                       .summary = "second"}));
  EXPECT_TRUE(log.Validate());
  EXPECT_EQ(log.Version(), "2027.1");
  EXPECT_EQ(log.Entries().front().summary, "second");
}

}  // namespace
}  // namespace rightsdesk
