#include "core/playbook.h"

#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

Instant At(int seconds) { return Instant(std::chrono::seconds(1'800'000'000 + seconds)); }

AuditEvent Event(std::string action, nlohmann::json details, std::string actor, int at) {
  return {.actor = std::move(actor),
          .action = std::move(action),
          .at = At(at),
          .details = details.dump()};
}

Playbook DeletePlaybook() {
  return {
      .type = RequestType::kDelete,
      .title = "Delete",
      .steps = {
          {.id = "acknowledge",
           .title = "Acknowledge",
           .done_when = {{.action = "notice.sent", .details = {{"kind", "acknowledgment"}}}}},
          {.id = "exceptions", .title = "Decide the exceptions"},
          {.id = "erase",
           .title = "Erase",
           .done_when = {{.action = "erasure.executed", .details = {{"all_verified", "true"}}}}}}};
}

TEST(PlaybookTest, AStepIsProvedByItsFirstMatchingEventOnly) {
  Playbook p = DeletePlaybook();
  std::vector<AuditEvent> events = {
      Event("notice.sent", {{"kind", "status_update"}}, "outbox", 1),
      Event("notice.sent", {{"kind", "acknowledgment"}}, "outbox", 2),
      Event("notice.sent", {{"kind", "acknowledgment"}}, "outbox", 3),
      Event("erasure.executed", {{"all_verified", false}}, "staff:alice", 4),
  };
  auto progress = PlaybookProgress(p, events);
  ASSERT_EQ(progress.size(), 3u);
  EXPECT_TRUE(progress[0].done);
  EXPECT_EQ(progress[0].by, "outbox");
  EXPECT_EQ(progress[0].at, At(2));
  EXPECT_FALSE(progress[1].done);
  // An erasure that did not verify every system does not prove the step (a flag written as text).
  EXPECT_FALSE(progress[2].done);
  events.push_back(Event("erasure.executed", {{"all_verified", true}}, "staff:bob", 5));
  progress = PlaybookProgress(p, events);
  EXPECT_TRUE(progress[2].done);
  EXPECT_EQ(progress[2].by, "staff:bob");
}

TEST(PlaybookTest, AManualStepFollowsItsLatestTickOrReopening) {
  Playbook p = DeletePlaybook();
  std::vector<AuditEvent> events = {
      Event(std::string(kPlaybookStepDone), PlaybookTickDetails("exceptions"), "staff:alice", 1)};
  auto progress = PlaybookProgress(p, events);
  EXPECT_TRUE(progress[1].done);
  EXPECT_EQ(progress[1].by, "staff:alice");
  events.push_back(
      Event(std::string(kPlaybookStepReopened), PlaybookTickDetails("exceptions"), "staff:bob", 2));
  EXPECT_FALSE(PlaybookProgress(p, events)[1].done);
  events.push_back(
      Event(std::string(kPlaybookStepDone), PlaybookTickDetails("exceptions"), "staff:carol", 3));
  progress = PlaybookProgress(p, events);
  EXPECT_TRUE(progress[1].done);
  EXPECT_EQ(progress[1].by, "staff:carol");
}

TEST(PlaybookTest, ATickCannotProveAStepThatAnEventMustProve) {
  Playbook p = DeletePlaybook();
  std::vector<AuditEvent> events = {
      Event(std::string(kPlaybookStepDone), PlaybookTickDetails("erase"), "staff:alice", 1),
      Event(std::string(kPlaybookStepDone), {{"step", 7}}, "staff:alice", 2),
      Event(std::string(kPlaybookStepDone), nlohmann::json::array(), "staff:alice", 3)};
  auto progress = PlaybookProgress(p, events);
  EXPECT_FALSE(progress[2].done);
  EXPECT_FALSE(progress[1].done);
}

TEST(PlaybookTest, StepIdsAreShortLowercaseWords) {
  EXPECT_TRUE(IsPlaybookStepId("notify-recipients"));
  EXPECT_TRUE(IsPlaybookStepId("step_2"));
  EXPECT_FALSE(IsPlaybookStepId(""));
  EXPECT_FALSE(IsPlaybookStepId("Step"));
  EXPECT_FALSE(IsPlaybookStepId("a b"));
  EXPECT_FALSE(IsPlaybookStepId(std::string(41, 'a')));
}

TEST(PlaybookTest, APlaybookOfATypeReplacesTheEarlierOne) {
  Playbooks playbooks;
  playbooks.Put(DeletePlaybook());
  Playbook other = DeletePlaybook();
  other.title = "Company's own";
  playbooks.Put(other);
  ASSERT_NE(playbooks.For(RequestType::kDelete), nullptr);
  EXPECT_EQ(playbooks.For(RequestType::kDelete)->title, "Company's own");
  EXPECT_EQ(playbooks.For(RequestType::kAccess), nullptr);
}

}  // namespace
}  // namespace rightsdesk
