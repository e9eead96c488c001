// The feedback rules and summaries (core/feedback.h): which closed requests invite an answer,
// what an answer may be, and the recurring complaints found in low scores' comments.
#include "core/feedback.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

using ::testing::ElementsAre;

FeedbackEntry Answer(int score, std::string comment, RequestType type = RequestType::kAccess,
                     Channel channel = Channel::kWeb, Status stage = Status::kCompleted) {
  return {.type = type,
          .channel = channel,
          .stage = stage,
          .score = score,
          .comment = std::move(comment)};
}

TEST(FeedbackTest, EveryClosedStatusButADuplicateInvitesFeedback) {
  EXPECT_TRUE(InvitesFeedback(Status::kCompleted));
  EXPECT_TRUE(InvitesFeedback(Status::kDenied));
  EXPECT_TRUE(InvitesFeedback(Status::kWithdrawn));
  EXPECT_TRUE(InvitesFeedback(Status::kClosedUnverified));
  EXPECT_FALSE(InvitesFeedback(Status::kClosedDuplicate));
  EXPECT_FALSE(InvitesFeedback(Status::kInProgress));
  EXPECT_FALSE(InvitesFeedback(Status::kReceived));
}

TEST(FeedbackTest, AScoreOutsideOneToFiveIsRefusedAtScore) {
  for (int score : {0, 6, -1}) {
    auto checked = CheckFeedback(score, "");
    ASSERT_FALSE(checked);
    EXPECT_EQ(checked.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(checked.error().field(), "/score");
  }
  EXPECT_TRUE(CheckFeedback(1, ""));
  EXPECT_TRUE(CheckFeedback(5, ""));
}

TEST(FeedbackTest, ACommentIsTrimmedAndLimited) {
  EXPECT_EQ(*CheckFeedback(3, "  slow\nbut fine  "), "slow\nbut fine");
  auto long_comment = CheckFeedback(3, std::string(kMaxFeedbackCommentBytes + 1, 'a'));
  ASSERT_FALSE(long_comment);
  EXPECT_EQ(long_comment.error().field(), "/comment");
  auto control = CheckFeedback(3, std::string("bell\x07"));
  ASSERT_FALSE(control);
  EXPECT_EQ(control.error().field(), "/comment");
}

TEST(FeedbackTest, TermsAreCaseFoldedWithoutStopWordsNumbersOrShortWords) {
  EXPECT_THAT(FeedbackTerms("The SLOW answer, and 45 days of waiting!"),
              ElementsAre("slow", "answer", "days", "waiting"));
  EXPECT_THAT(FeedbackTerms("Muy LENTO: esperé MÁS de un mes… ¿Por qué?"),
              ElementsAre("lento", "esperé", "mes"));
  EXPECT_THAT(FeedbackTerms("ÁREA área Área"), ElementsAre("área", "área", "área"));
}

TEST(FeedbackTest, RecurringComplaintsCountLowScoresOnlyOncePerComment) {
  std::vector<FeedbackEntry> entries = {
      Answer(1, "Slow, slow, slow. Confusing form."),
      Answer(2, "Too slow and the email was confusing"),
      Answer(2, "Lento y confuso; the email never came"),
      Answer(5, "Slow? No, fast and clear, clear email"),  // a high score: no complaint
      Answer(1, ""),
  };
  auto terms = RecurringComplaints(entries, 10);
  ASSERT_EQ(terms.size(), 3u);
  EXPECT_EQ(terms[0].term, "confusing");  // ties by term
  EXPECT_EQ(terms[0].count, 2);
  EXPECT_EQ(terms[1].term, "email");
  EXPECT_EQ(terms[2].term, "slow");
  EXPECT_EQ(terms[2].count, 2);  // three times in one comment counts once
  EXPECT_EQ(RecurringComplaints(entries, 1).size(), 1u);
}

TEST(FeedbackTest, PhrasesAreNeighbouringTermsWithNothingDroppedBetween) {
  EXPECT_THAT(FeedbackPhrases("The status link expired!"),
              ElementsAre("status link", "link expired"));
  EXPECT_THAT(FeedbackPhrases("email was late"), ElementsAre());
  EXPECT_THAT(FeedbackPhrases("slow slow slow"), ElementsAre());
  EXPECT_THAT(FeedbackPhrases("Tiempo respuesta LARGO"),
              ElementsAre("tiempo respuesta", "respuesta largo"));
}

TEST(FeedbackTest, ARecurringPhraseIsAThemeAndHidesItsWordsWhenAsFrequent) {
  std::vector<FeedbackEntry> entries = {
      Answer(1, "The status link expired before I could use it."),
      Answer(2, "status link expired, again"),
      Answer(2, "Another status check was slow; the link expired too"),
      Answer(1, "slow"),
  };
  auto themes = RecurringComplaints(entries, 10);
  std::vector<std::string> terms;
  for (const TermCount& t : themes) terms.push_back(t.term + "=" + std::to_string(t.count));
  // "link expired" (3) says all "link" and "expired" (3 each) say; "status link" (2) does not
  // say all of "status" (3), which stays.
  EXPECT_THAT(terms, ElementsAre("link expired=3", "status=3", "status link=2", "slow=2"));
}

TEST(FeedbackTest, TheSummaryCountsAndAveragesByTypeChannelAndStage) {
  std::vector<FeedbackEntry> entries = {
      Answer(5, "", RequestType::kAccess, Channel::kWeb, Status::kCompleted),
      Answer(2, "", RequestType::kAccess, Channel::kEmail, Status::kCompleted),
      Answer(1, "", RequestType::kDelete, Channel::kWeb, Status::kDenied),
  };
  FeedbackSummary summary = SummarizeFeedback(entries, 10);
  EXPECT_EQ(summary.answers, 3);
  EXPECT_DOUBLE_EQ(summary.average, 8.0 / 3.0);
  ASSERT_EQ(summary.by_type.size(), std::size(kAllRequestTypes));
  EXPECT_EQ(summary.by_type[0].key, "access");
  EXPECT_EQ(summary.by_type[0].answers, 2);
  EXPECT_EQ(summary.by_type[0].low, 1);
  EXPECT_DOUBLE_EQ(summary.by_type[0].average, 3.5);
  ASSERT_EQ(summary.by_channel.size(), 2u);
  EXPECT_EQ(summary.by_channel[0].key, "email");
  EXPECT_DOUBLE_EQ(summary.by_channel[1].average, 3.0);
  ASSERT_EQ(summary.by_stage.size(), 2u);
  EXPECT_EQ(summary.by_stage[0].key, "completed");
  EXPECT_EQ(summary.by_stage[1].key, "denied");
  EXPECT_EQ(summary.by_stage[1].low, 1);
}

TEST(FeedbackTest, NoAnswersGiveZeroAveragesNotNaN) {
  FeedbackSummary summary = SummarizeFeedback({}, 10);
  EXPECT_EQ(summary.answers, 0);
  EXPECT_EQ(summary.average, 0.0);
  EXPECT_EQ(summary.by_type[0].average, 0.0);
  EXPECT_TRUE(summary.by_channel.empty());
}

}  // namespace
}  // namespace rightsdesk
