#include "core/lifecycle.h"

#include <algorithm>
#include <array>

namespace rightsdesk {
namespace {

struct Row {
  Status from;
  std::span<const Status> to;
};

constexpr Status kFromReceived[] = {Status::kPendingVerification, Status::kVerified,
                                    Status::kDenied, Status::kWithdrawn, Status::kClosedDuplicate};
constexpr Status kFromPending[] = {Status::kVerified, Status::kDenied, Status::kWithdrawn,
                                   Status::kClosedUnverified};
constexpr Status kFromVerified[] = {Status::kInProgress, Status::kDenied, Status::kWithdrawn};
constexpr Status kFromInProgress[] = {Status::kAwaitingReview, Status::kCompleted, Status::kDenied,
                                      Status::kWithdrawn};
constexpr Status kFromAwaitingReview[] = {Status::kCompleted, Status::kInProgress, Status::kDenied,
                                          Status::kWithdrawn};

constexpr std::array<Row, 5> kTable{{
    {Status::kReceived, kFromReceived},
    {Status::kPendingVerification, kFromPending},
    {Status::kVerified, kFromVerified},
    {Status::kInProgress, kFromInProgress},
    {Status::kAwaitingReview, kFromAwaitingReview},
}};

}  // namespace

std::span<const Status> NextStatuses(Status from) {
  for (const Row& row : kTable) {
    if (row.from == from) return row.to;
  }
  return {};  // terminal
}

bool IsChosenByStaff(Status to) { return to != Status::kClosedDuplicate; }

bool CanTransition(Status from, Status to) {
  auto next = NextStatuses(from);
  return std::find(next.begin(), next.end(), to) != next.end();
}

}  // namespace rightsdesk
