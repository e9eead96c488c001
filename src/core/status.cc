#include "core/status.h"

#include <array>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<Status>, 10> kStatusNames{{
    {Status::kReceived, "received"},
    {Status::kPendingVerification, "pending_verification"},
    {Status::kVerified, "verified"},
    {Status::kInProgress, "in_progress"},
    {Status::kAwaitingReview, "awaiting_review"},
    {Status::kCompleted, "completed"},
    {Status::kDenied, "denied"},
    {Status::kWithdrawn, "withdrawn"},
    {Status::kClosedUnverified, "closed_unverified"},
    {Status::kClosedDuplicate, "closed_duplicate"},
}};

}  // namespace

std::string_view Name(Status status) { return NameIn(kStatusNames, status); }
std::optional<Status> ParseStatus(std::string_view name) { return ParseIn(kStatusNames, name); }
std::string StatusNames() { return NamesIn(kStatusNames); }

bool IsTerminal(Status status) {
  switch (status) {
    case Status::kCompleted:
    case Status::kDenied:
    case Status::kWithdrawn:
    case Status::kClosedUnverified:
    case Status::kClosedDuplicate:
      return true;
    default:
      return false;
  }
}

}  // namespace rightsdesk
