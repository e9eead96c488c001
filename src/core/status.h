// Where a request stands. The lifecycle table (lifecycle.h) is the only way a status changes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rightsdesk {

enum class Status {
  kReceived,
  kPendingVerification,
  kVerified,
  kInProgress,
  kAwaitingReview,
  kCompleted,
  kDenied,
  kWithdrawn,
  kClosedUnverified,
  // Closed at intake because it repeats the consumer's open request of the same type (received
  // within the duplicate window); that request answers both. Set only by intake, with the link
  // (core/duplicates.h).
  kClosedDuplicate,
};

inline constexpr Status kAllStatuses[] = {
    Status::kReceived,         Status::kPendingVerification, Status::kVerified, Status::kInProgress,
    Status::kAwaitingReview,   Status::kCompleted,           Status::kDenied,   Status::kWithdrawn,
    Status::kClosedUnverified, Status::kClosedDuplicate};

std::string_view Name(Status status);
std::optional<Status> ParseStatus(std::string_view name);
std::string StatusNames();

// A closed request: no further transition, no deadline running.
bool IsTerminal(Status status);

}  // namespace rightsdesk
