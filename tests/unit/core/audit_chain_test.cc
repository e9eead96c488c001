// Tamper detection of the audit chain, each kind of tampering, naming the first bad event.
#include "core/audit_chain.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/test_signer.h"

namespace rightsdesk {
namespace {

using testing::TestSigner;

class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Hash prev{};
    for (int seq = 1; seq <= 20; ++seq) {
      AuditEventDraft draft{.request_id = "r" + std::to_string(seq % 4),
                            .actor = "cli:ana",
                            .action = seq % 4 == 1 ? "request.submitted" : "request.transitioned",
                            .at = FromMicros(1'790'000'000'000'000 + seq * 1000),
                            .details = {{"to", "verified"}, {"n", seq}}};
      events_.push_back(ChainEvent(draft, seq, prev));
      prev = events_.back().hash;
    }
    for (int seq : {5, 10, 15}) {
      const AuditEvent& e = events_[static_cast<std::size_t>(seq - 1)];
      checkpoints_.push_back(MakeCheckpoint(seq, e.hash, e.at, signer_));
    }
  }

  AuditReport Verify(const std::vector<AuditEvent>& events,
                     std::optional<std::pair<std::int64_t, Hash>> head = std::nullopt,
                     std::optional<std::vector<Checkpoint>> checkpoints = std::nullopt) const {
    AuditChainVerifier verifier(signer_.public_key(), checkpoints.value_or(checkpoints_));
    for (const AuditEvent& e : events) {
      if (!verifier.Add(e)) break;
    }
    return verifier.Finish(head);
  }
  std::pair<std::int64_t, Hash> Head() const { return {20, events_.back().hash}; }
  static void Rehash(std::vector<AuditEvent>& events, std::size_t from) {
    for (std::size_t i = from; i < events.size(); ++i) {
      events[i].prev_hash = i == 0 ? Hash{} : events[i - 1].hash;
      events[i].hash = ComputeEventHash(events[i]);
    }
  }

  TestSigner signer_;
  std::vector<AuditEvent> events_;
  std::vector<Checkpoint> checkpoints_;
};

TEST_F(AuditChainTest, AnIntactChainVerifies) {
  AuditReport report = Verify(events_, Head());
  EXPECT_TRUE(report.ok()) << report.problem->what;
  EXPECT_EQ(report.events, 20);
  EXPECT_EQ(report.checkpoints, 3);
  EXPECT_EQ(report.head_seq, 20);
}

TEST_F(AuditChainTest, AlteringAnyFieldIsCaughtAtThatEvent) {
  std::vector<std::function<void(AuditEvent&)>> alterations = {
      [](AuditEvent& e) { e.details = R"({"n":7,"to":"completed"})"; },
      [](AuditEvent& e) { e.actor = "cli:mallory"; },
      [](AuditEvent& e) { e.action = "request.extended"; },
      [](AuditEvent& e) { e.at += std::chrono::seconds(1); },
      [](AuditEvent& e) { e.request_id = "r9"; },
  };
  for (std::size_t i = 0; i < alterations.size(); ++i) {
    auto events = events_;
    alterations[i](events[6]);
    AuditReport report = Verify(events, Head());
    ASSERT_FALSE(report.ok()) << "alteration " << i;
    EXPECT_EQ(report.problem->seq, 7) << "alteration " << i;
    EXPECT_NE(report.problem->what.find("altered"), std::string::npos);
  }
}

TEST_F(AuditChainTest, AlteringAndRehashingOneEventBreaksTheNextLink) {
  auto events = events_;
  events[6].actor = "cli:mallory";
  events[6].hash = ComputeEventHash(events[6]);
  AuditReport report = Verify(events, Head());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->seq, 8);
  EXPECT_NE(report.problem->what.find("does not follow"), std::string::npos);
}

TEST_F(AuditChainTest, RewritingTheWholeTailIsCaughtByTheSignedCheckpoint) {
  auto events = events_;
  events[6].actor = "cli:mallory";
  Rehash(events, 6);
  AuditReport report = Verify(events, std::pair{std::int64_t{20}, events.back().hash});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->seq, 10);  // the first checkpoint after the rewrite
  EXPECT_NE(report.problem->what.find("signed checkpoint"), std::string::npos);
}

TEST_F(AuditChainTest, RemovingAnEventInTheMiddleIsCaught) {
  auto events = events_;
  events.erase(events.begin() + 11);
  AuditReport report = Verify(events, Head());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->seq, 12);
  EXPECT_NE(report.problem->what.find("missing"), std::string::npos);
}

TEST_F(AuditChainTest, RemovingTheLastEventsIsCaughtByTheRecordedHead) {
  auto events = events_;
  events.resize(17);
  AuditReport report = Verify(events, Head());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->seq, 18);
  // Without the recorded head, truncation after the last checkpoint is not visible: the threat
  // model says so (docs/audit.md).
  EXPECT_TRUE(Verify(events).ok());
  // Truncation before a checkpoint is visible even without the head.
  events.resize(12);
  AuditReport cut = Verify(events);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.problem->seq, 13);
}

TEST_F(AuditChainTest, InsertingAnEventIsCaught) {
  auto events = events_;
  AuditEvent forged = events[4];
  events.insert(events.begin() + 5, forged);
  for (std::size_t i = 5; i < events.size(); ++i) events[i].seq = static_cast<std::int64_t>(i + 1);
  AuditReport report = Verify(events, Head());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->seq, 6);
}

TEST_F(AuditChainTest, ReorderingEventsIsCaught) {
  auto events = events_;
  std::swap(events[8], events[9]);
  AuditReport report = Verify(events, Head());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->seq, 9);
  // Also with the seq numbers swapped back to look in order.
  std::swap(events[8].seq, events[9].seq);
  AuditReport renumbered = Verify(events, Head());
  ASSERT_FALSE(renumbered.ok());
  EXPECT_EQ(renumbered.problem->seq, 9);
}

TEST_F(AuditChainTest, CheckpointsMustBeSignedByTheTrustedKey) {
  auto forged = checkpoints_;
  forged[1].signature[0] ^= 1;
  AuditReport bad_signature = Verify(events_, Head(), forged);
  ASSERT_FALSE(bad_signature.ok());
  EXPECT_EQ(bad_signature.problem->seq, 10);
  EXPECT_NE(bad_signature.problem->what.find("signature is invalid"), std::string::npos);

  TestSigner other;
  auto foreign = checkpoints_;
  foreign[0] = MakeCheckpoint(5, events_[4].hash, events_[4].at, other);
  AuditReport untrusted = Verify(events_, Head(), foreign);
  ASSERT_FALSE(untrusted.ok());
  EXPECT_EQ(untrusted.problem->seq, 5);
  EXPECT_NE(untrusted.problem->what.find("untrusted key"), std::string::npos);
}

TEST(CanonicalDetailsTest, SortsKeysAndHasNoWhitespace) {
  nlohmann::json details = {{"zeta", 1}, {"alpha", {{"b", 2}, {"a", "x y"}}}};
  EXPECT_EQ(CanonicalDetails(details), R"({"alpha":{"a":"x y","b":2},"zeta":1})");
}

}  // namespace
}  // namespace rightsdesk
