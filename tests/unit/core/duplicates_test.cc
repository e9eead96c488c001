// Duplicate matching at intake: same type, open, within the window; never opt-out or limit; the
// close records the link on both requests.
#include "core/duplicates.h"

#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

Instant DuplicateAt(const char* text) { return *ParseInstant(text); }
constexpr std::chrono::days kDuplicateWindow{45};

Request NewDuplicateCandidate(RequestType type = RequestType::kAccess) {
  Request r;
  r.id = "01900000-0000-7000-8000-0000000000bb";
  r.reference = "RD-2026-00077";
  r.type = type;
  r.received_at = DuplicateAt("2026-11-24T18:00:00Z");
  return r;
}

OpenRequestRef OpenRef(const char* id, RequestType type, const char* received_at) {
  return {.id = id,
          .reference = std::string("RD-") + id,
          .type = type,
          .received_at = DuplicateAt(received_at)};
}

TEST(DuplicatesTest, AnOpenRequestOfTheSameTypeWithinTheWindowIsFound) {
  std::vector<OpenRequestRef> open = {OpenRef("a", RequestType::kAccess, "2026-11-01T00:00:00Z")};
  auto found = FindDuplicateOf(NewDuplicateCandidate(), open, kDuplicateWindow);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, "a");
}

TEST(DuplicatesTest, AnotherTypeOrAnOlderRequestIsNotADuplicate) {
  std::vector<OpenRequestRef> open = {
      OpenRef("delete", RequestType::kDelete, "2026-11-20T00:00:00Z"),
      OpenRef("old", RequestType::kAccess, "2026-10-10T17:59:59Z"),  // 45 days and 1 second before
  };
  EXPECT_FALSE(FindDuplicateOf(NewDuplicateCandidate(), open, kDuplicateWindow));
  open.push_back(OpenRef("edge", RequestType::kAccess, "2026-10-10T18:00:00Z"));  // exactly 45 days
  auto found = FindDuplicateOf(NewDuplicateCandidate(), open, kDuplicateWindow);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, "edge");
}

TEST(DuplicatesTest, TheEarliestMatchingOpenRequestIsTheOneLinked) {
  std::vector<OpenRequestRef> open = {
      OpenRef("later", RequestType::kAccess, "2026-11-20T00:00:00Z"),
      OpenRef("first", RequestType::kAccess, "2026-11-02T00:00:00Z")};
  EXPECT_EQ(FindDuplicateOf(NewDuplicateCandidate(), open, kDuplicateWindow)->id, "first");
}

TEST(DuplicatesTest, OptOutAndLimitAreNeverDuplicates) {
  for (RequestType type : {RequestType::kOptOut, RequestType::kLimit}) {
    std::vector<OpenRequestRef> open = {OpenRef("a", type, "2026-11-24T17:00:00Z")};
    EXPECT_FALSE(FindDuplicateOf(NewDuplicateCandidate(type), open, kDuplicateWindow))
        << Name(type);
    EXPECT_FALSE(DuplicatesApplyTo(type));
  }
  for (RequestType type : {RequestType::kAccess, RequestType::kCategories, RequestType::kDelete,
                           RequestType::kCorrect}) {
    EXPECT_TRUE(DuplicatesApplyTo(type)) << Name(type);
  }
}

TEST(DuplicatesTest, AZeroWindowTurnsDetectionOff) {
  std::vector<OpenRequestRef> open = {OpenRef("a", RequestType::kAccess, "2026-11-24T18:00:00Z")};
  EXPECT_FALSE(FindDuplicateOf(NewDuplicateCandidate(), open, std::chrono::days{0}));
}

TEST(DuplicatesTest, ClosingLinksBothRequestsAndRecordsTheStatusChange) {
  Request r = NewDuplicateCandidate();
  OpenRequestRef open =
      OpenRef("01900000-0000-7000-8000-0000000000aa", RequestType::kAccess, "2026-11-01T00:00:00Z");
  auto events = CloseAsDuplicate(r, open, "consumer", kDuplicateWindow);
  ASSERT_TRUE(events) << events.error().message();
  EXPECT_EQ(r.status, Status::kClosedDuplicate);
  EXPECT_EQ(r.closed_at, r.received_at);
  EXPECT_EQ(r.duplicate_of, open.id);
  ASSERT_EQ(events->size(), 3U);
  const AuditEventDraft& moved = (*events)[0];
  EXPECT_EQ(moved.request_id, r.id);
  EXPECT_EQ(moved.action, "request.transitioned");
  EXPECT_EQ(moved.details.at("from"), "received");
  EXPECT_EQ(moved.details.at("to"), "closed_duplicate");
  const AuditEventDraft& link = (*events)[1];
  EXPECT_EQ(link.request_id, r.id);
  EXPECT_EQ(link.action, "request.duplicate_of");
  EXPECT_EQ(link.details.at("open_request"), open.id);
  EXPECT_EQ(link.details.at("open_reference"), open.reference);
  const AuditEventDraft& back = (*events)[2];
  EXPECT_EQ(back.request_id, open.id);
  EXPECT_EQ(back.action, "request.duplicate_linked");
  EXPECT_EQ(back.details.at("duplicate_request"), r.id);
  EXPECT_EQ(back.details.at("duplicate_reference"), "RD-2026-00077");
  for (const AuditEventDraft& e : *events) EXPECT_EQ(e.actor, "consumer");
}

TEST(DuplicatesTest, OnlyAReceivedRequestCanBeClosedAsADuplicate) {
  Request r = NewDuplicateCandidate();
  r.status = Status::kVerified;
  auto events = CloseAsDuplicate(r, OpenRef("a", RequestType::kAccess, "2026-11-01T00:00:00Z"),
                                 "consumer", kDuplicateWindow);
  ASSERT_FALSE(events);
  EXPECT_EQ(events.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.status, Status::kVerified);
}

}  // namespace
}  // namespace rightsdesk
