// The rules of changing a request: transitions and the extension, as pure functions.
#include "core/request_actions.h"

#include <gtest/gtest.h>

#include "config/rules_loader.h"
#include "core/reference.h"

namespace rightsdesk {
namespace {

Instant ActionAt(const char* text) { return *ParseInstant(text); }
Date ActionDate(const char* text) { return *ParseDate(text); }

Request AccessRequest() {
  Request r;
  r.id = "01900000-0000-7000-8000-000000000001";
  r.reference = "RD-2026-00042";
  r.type = RequestType::kAccess;
  r.jurisdiction = "US-CA";
  r.received_on = ActionDate("2026-11-24");
  r.deadlines = {.acknowledge_by = ActionDate("2026-12-10"),
                 .respond_by = ActionDate("2027-01-08"),
                 .extended_respond_by = ActionDate("2027-02-22")};
  r.version = 3;
  return r;
}

TEST(TransitionRequestTest, AnAllowedMoveRecordsItsEventAndExpectsTheCurrentVersion) {
  Request r = AccessRequest();
  auto change = TransitionRequest(r, Status::kVerified, "3 points matched", "cli:ana",
                                  ActionAt("2026-11-25T10:00:00.000000Z"));
  ASSERT_TRUE(change) << change.error().message();
  EXPECT_EQ(change->after.status, Status::kVerified);
  EXPECT_EQ(change->expected_version, 3);
  EXPECT_FALSE(change->after.closed_at);
  ASSERT_EQ(change->events.size(), 1U);
  EXPECT_EQ(change->events[0].action, "request.transitioned");
  EXPECT_EQ(change->events[0].actor, "cli:ana");
  EXPECT_EQ(change->events[0].details.at("from"), "received");
  EXPECT_EQ(change->events[0].details.at("to"), "verified");
  EXPECT_EQ(change->events[0].details.at("reason"), "3 points matched");
}

TEST(TransitionRequestTest, ClosingSetsTheClosingTime) {
  Request r = AccessRequest();
  r.status = Status::kInProgress;
  Instant now = ActionAt("2026-12-01T10:00:00.000000Z");
  auto change = TransitionRequest(r, Status::kCompleted, "sent", "cli:ana", now);
  ASSERT_TRUE(change);
  EXPECT_EQ(change->after.closed_at, now);
}

TEST(TransitionRequestTest, ADenialRecordsItsBasisOnTheRequestAndInTheEvent) {
  Request r = AccessRequest();
  r.status = Status::kInProgress;
  Instant now = ActionAt("2026-12-01T10:00:00.000000Z");
  auto exempt =
      TransitionRequest(r, Status::kDenied, "trade secret", "cli:ana", now, DenialBasis::kExempt);
  ASSERT_TRUE(exempt) << exempt.error().message();
  EXPECT_EQ(exempt->after.denial_basis, DenialBasis::kExempt);
  EXPECT_EQ(exempt->events[0].details.at("basis"), "exempt");
  auto unstated = TransitionRequest(r, Status::kDenied, "no grounds named", "cli:ana", now);
  ASSERT_TRUE(unstated);
  EXPECT_EQ(unstated->after.denial_basis, DenialBasis::kOther);
  EXPECT_EQ(unstated->events[0].details.at("basis"), "other");
  auto misplaced =
      TransitionRequest(r, Status::kCompleted, "sent", "cli:ana", now, DenialBasis::kExempt);
  ASSERT_FALSE(misplaced);
  EXPECT_EQ(misplaced.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(misplaced.error().field(), "/basis");
  auto completed = TransitionRequest(r, Status::kCompleted, "sent", "cli:ana", now);
  ASSERT_TRUE(completed);
  EXPECT_FALSE(completed->after.denial_basis);
  EXPECT_FALSE(completed->events[0].details.contains("basis"));
}

TEST(TransitionRequestTest, AForbiddenMoveIsAFailedPreconditionNamingTheAllowedOnes) {
  Request r = AccessRequest();
  r.status = Status::kCompleted;
  auto change = TransitionRequest(r, Status::kInProgress, "reopen", "cli:ana", Instant{});
  ASSERT_FALSE(change);
  EXPECT_EQ(change.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(change.error().message().find("it is closed"), std::string::npos);
  r.status = Status::kVerified;
  auto skip = TransitionRequest(r, Status::kCompleted, "done", "cli:ana", Instant{});
  ASSERT_FALSE(skip);
  EXPECT_NE(skip.error().message().find("allowed: in_progress"), std::string::npos);
}

TEST(TransitionRequestTest, StaffCannotCloseARequestAsADuplicateByHand) {
  Request r = AccessRequest();
  auto change = TransitionRequest(r, Status::kClosedDuplicate, "same as before", "cli:ana", {});
  ASSERT_FALSE(change);
  EXPECT_EQ(change.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(change.error().message().find("intake sets it"), std::string::npos);
  auto other = TransitionRequest(r, Status::kInProgress, "skip", "cli:ana", {});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().message().find("closed_duplicate"), std::string::npos)
      << "the allowed moves named to staff leave out what they may not choose";
}

TEST(TransitionRequestTest, AReasonIsRequiredAndMustBeText) {
  Request r = AccessRequest();
  for (std::string reason :
       {std::string(""), std::string("   "), std::string("\xff\xfe"), std::string(2001, 'x')}) {
    auto change = TransitionRequest(r, Status::kVerified, reason, "cli:ana", Instant{});
    ASSERT_FALSE(change);
    EXPECT_EQ(change.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(change.error().field(), "/reason");
  }
}

TEST(ExtendRequestTest, ExtendsOnceBeforeTheFirstDeadlineAndQueuesTheNotice) {
  Request r = AccessRequest();
  Instant due = ActionAt("2027-02-23T07:59:59.999999Z");
  auto change =
      ExtendRequest(r, "several systems", "cli:ana", Instant{}, ActionDate("2027-01-08"), due);
  ASSERT_TRUE(change) << change.error().message();
  EXPECT_TRUE(change->after.extended);
  EXPECT_EQ(change->after.due_at, due);
  EXPECT_EQ(FormatDate(change->after.DueDate()), "2027-02-22");
  ASSERT_EQ(change->events.size(), 1U);
  EXPECT_EQ(change->events[0].action, "request.extended");
  ASSERT_EQ(change->notices.size(), 1U);
  EXPECT_EQ(change->notices[0].kind, "extension_notice");

  auto twice =
      ExtendRequest(change->after, "again", "cli:ana", Instant{}, ActionDate("2027-01-08"), due);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code(), ErrorCode::kFailedPrecondition);
}

TEST(ExtendRequestTest, RefusedAfterTheFirstDeadlineForClosedRequestsAndWithoutAnExtension) {
  Request r = AccessRequest();
  auto late = ExtendRequest(r, "late", "cli:ana", Instant{}, ActionDate("2027-01-09"), Instant{});
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().message().find("has passed"), std::string::npos);

  r.status = Status::kDenied;
  EXPECT_FALSE(
      ExtendRequest(r, "closed", "cli:ana", Instant{}, ActionDate("2026-12-01"), Instant{}));

  Request opt_out = AccessRequest();
  opt_out.type = RequestType::kOptOut;
  opt_out.deadlines = {.respond_by = ActionDate("2026-12-17")};
  auto none =
      ExtendRequest(opt_out, "busy", "cli:ana", Instant{}, ActionDate("2026-12-01"), Instant{});
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message().find("no extension"), std::string::npos);
}

TEST(NoteRequestTest, RecordsTheNoteAsAnEventWithoutChangingTheState) {
  Request r = AccessRequest();
  auto change =
      NoteRequest(r, "  Called back  ", "cli:ana", ActionAt("2026-11-25T10:00:00.000000Z"));
  ASSERT_TRUE(change);
  EXPECT_EQ(change->after.status, r.status);
  EXPECT_EQ(change->expected_version, r.version);
  ASSERT_EQ(change->events.size(), 1U);
  EXPECT_EQ(change->events[0].action, "request.noted");
  EXPECT_EQ(change->events[0].details.at("note"), "Called back");
  EXPECT_EQ(NoteRequest(r, "", "cli:ana", Instant{}).error().field(), "/note");
  EXPECT_FALSE(NoteRequest(r, std::string(4001, 'x'), "cli:ana", Instant{}));
}

TEST(AssignRequestTest, AssignsOpenRequestsOnly) {
  Request r = AccessRequest();
  auto change = AssignRequest(r, "bob", "cli:ana", Instant{});
  ASSERT_TRUE(change);
  EXPECT_EQ(change->after.assignee, "bob");
  EXPECT_EQ(change->events[0].details.at("from"), "");
  EXPECT_EQ(change->events[0].details.at("to"), "bob");
  r.status = Status::kCompleted;
  auto closed = AssignRequest(r, "bob", "cli:ana", Instant{});
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(AssignRequest(AccessRequest(), "bad\nname", "cli:ana", Instant{}));
}

TEST(ReferenceTest, HumanReferences) {
  EXPECT_EQ(FormatReference(2026, 42), "RD-2026-00042");
  EXPECT_EQ(FormatReference(2027, 123456), "RD-2027-123456");
  EXPECT_TRUE(LooksLikeReference("RD-2026-00042"));
  EXPECT_FALSE(LooksLikeReference("01900000-0000-7000-8000-000000000001"));
  EXPECT_FALSE(LooksLikeReference("RD-26-1"));
}

TEST(ReferenceTest, FoundInFreeText) {
  EXPECT_EQ(FindReference("Re: your request RD-2026-00042, again"), "RD-2026-00042");
  EXPECT_EQ(FindReference("RD-26-1 then RD-2027-123456."), "RD-2027-123456");
  EXPECT_EQ(FindReference("nothing here"), std::nullopt);
  EXPECT_EQ(FindReference("RD-2026-" + std::string(1'000'000, '7')), std::nullopt);  // too long
}

}  // namespace
}  // namespace rightsdesk
