// The scheduler's rules: each step on its day, once; stale reminders skipped; an extension brings
// new reminders; the acknowledgment alarm only when nothing went out; expiry only where proof is
// required; nothing for a closed request.
#include "core/schedule.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace std::chrono_literals;

constexpr Date D(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

Rule AccessRule() {
  return {.jurisdiction = "US-CA",
          .type = RequestType::kAccess,
          .verification = VerificationLevel::kReasonablyHigh,
          .acknowledge = Period{10, PeriodUnit::kBusinessDays},
          .respond = Period{45, PeriodUnit::kCalendarDays},
          .extension = Period{45, PeriodUnit::kCalendarDays}};
}

// Received Monday 2026-01-05: acknowledge by 01-19, answer by 02-19 (team target 02-14).
Request Fresh() {
  Request r;
  r.id = "r1";
  r.status = Status::kInProgress;
  r.received_on = D(2026, 1, 5);
  r.deadlines = {.acknowledge_by = D(2026, 1, 19),
                 .respond_by = D(2026, 2, 19),
                 .extended_respond_by = D(2026, 4, 5)};
  return r;
}

class ScheduleTest : public ::testing::Test {
 protected:
  // The steps due on `day`, taken (their marks kept) as the scheduler would.
  std::vector<std::string> Take(Request& r, Date day, bool ack_sent = true) {
    std::vector<std::string> marks;
    for (const DueStep& step :
         DueSteps(r, settings_, {.today = day, .rule = &rule_, .acknowledgment_sent = ack_sent})) {
      r.scheduler_marks.push_back(step.mark);
      marks.push_back(step.mark);
    }
    return marks;
  }

  ScheduleSettings settings_;
  Rule rule_ = AccessRule();
};

TEST_F(ScheduleTest, TheTargetIsDaysBeforeTheCurrentDueDate) {
  Request r = Fresh();
  EXPECT_EQ(InternalTarget(r, settings_), D(2026, 2, 14));
  r.extended = true;
  EXPECT_EQ(InternalTarget(r, settings_), D(2026, 3, 31));
}

TEST_F(ScheduleTest, EachStepOnItsDayOnceAcrossTheWholeSpan) {
  Request r = Fresh();
  std::vector<std::pair<std::string, std::string>> taken;
  for (auto day = std::chrono::sys_days(D(2026, 1, 5)); day <= std::chrono::sys_days(D(2026, 3, 1));
       day += std::chrono::days(1)) {
    for (const std::string& mark : Take(r, Date(day))) taken.emplace_back(FormatDate(day), mark);
  }
  using P = std::pair<std::string, std::string>;
  EXPECT_THAT(taken, ElementsAre(P{"2026-02-04", "reminder:10:2026-02-14"},
                                 P{"2026-02-11", "reminder:3:2026-02-14"},
                                 P{"2026-02-14", "extension_prompt:2026-02-19"},
                                 P{"2026-02-15", "target_missed:2026-02-14"},
                                 P{"2026-02-20", "deadline_missed:2026-02-19"}));
}

TEST_F(ScheduleTest, AMissedDayCatchesUpWithTheLatestReminderOnly) {
  Request r = Fresh();
  EXPECT_THAT(Take(r, D(2026, 2, 12)), ElementsAre("reminder:3:2026-02-14"));
  EXPECT_THAT(Take(r, D(2026, 2, 13)), IsEmpty());
}

TEST_F(ScheduleTest, AnExtensionBringsNewRemindersAndNoPrompt) {
  Request r = Fresh();
  EXPECT_THAT(Take(r, D(2026, 2, 11)), ElementsAre("reminder:3:2026-02-14"));
  r.extended = true;
  EXPECT_THAT(Take(r, D(2026, 2, 15)), IsEmpty());
  EXPECT_THAT(Take(r, D(2026, 3, 21)), ElementsAre("reminder:10:2026-03-31"));
  EXPECT_THAT(Take(r, D(2026, 4, 6)), ElementsAre("deadline_missed:2026-04-05"));
}

TEST_F(ScheduleTest, TheAcknowledgmentAlarmOnlyWhenNothingWentOut) {
  Request r = Fresh();
  EXPECT_FALSE(AcknowledgmentMatters(r, D(2026, 1, 18)));
  EXPECT_TRUE(AcknowledgmentMatters(r, D(2026, 1, 19)));
  EXPECT_THAT(Take(r, D(2026, 1, 19), /*ack_sent=*/true), IsEmpty());
  EXPECT_THAT(Take(r, D(2026, 1, 19), /*ack_sent=*/false),
              ElementsAre("acknowledgment_overdue:2026-01-19"));
  EXPECT_FALSE(AcknowledgmentMatters(r, D(2026, 1, 20)));
  EXPECT_THAT(Take(r, D(2026, 1, 20), /*ack_sent=*/false), IsEmpty());
}

TEST_F(ScheduleTest, NoPromptWithoutAnExtensionInTheRule) {
  rule_.extension.reset();
  Request r = Fresh();
  EXPECT_THAT(Take(r, D(2026, 2, 14)), ElementsAre("reminder:3:2026-02-14"));  // and no prompt
}

TEST_F(ScheduleTest, UnverifiedRequestsExpireWhereProofIsRequired) {
  Request r = Fresh();
  r.status = Status::kPendingVerification;
  EXPECT_THAT(Take(r, D(2026, 2, 3)), IsEmpty());
  EXPECT_THAT(Take(r, D(2026, 2, 4)), ElementsAre("verification_expired"));

  Request not_asked = Fresh();
  not_asked.status = Status::kReceived;  // staff never asked for proof: not the consumer's fault
  EXPECT_THAT(Take(not_asked, D(2026, 2, 4)), ElementsAre("reminder:10:2026-02-14"));

  Request opt_out = Fresh();
  opt_out.status = Status::kPendingVerification;
  rule_.verification = VerificationLevel::kNone;
  EXPECT_THAT(Take(opt_out, D(2026, 2, 4)), ElementsAre("reminder:10:2026-02-14"));

  settings_.verification_expiry_days = 0;
  rule_.verification = VerificationLevel::kReasonable;
  Request kept = Fresh();
  kept.status = Status::kPendingVerification;
  EXPECT_THAT(Take(kept, D(2026, 2, 4)), ElementsAre("reminder:10:2026-02-14"));
}

TEST_F(ScheduleTest, NothingForAClosedRequest) {
  Request r = Fresh();
  r.status = Status::kCompleted;
  EXPECT_THAT(Take(r, D(2026, 2, 20), /*ack_sent=*/false), IsEmpty());
  EXPECT_FALSE(AcknowledgmentMatters(r, D(2026, 1, 19)));
}

}  // namespace
}  // namespace rightsdesk
