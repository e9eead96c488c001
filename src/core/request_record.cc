#include "core/request_record.h"

#include <array>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<ResponseNature>, 6> kResponseNatureNames{{
    {ResponseNature::kNone, "none"},
    {ResponseNature::kComplied, "complied"},
    {ResponseNature::kDenied, "denied"},
    {ResponseNature::kClosedUnverified, "closed_unverified"},
    {ResponseNature::kDuplicate, "duplicate"},
    {ResponseNature::kWithdrawn, "withdrawn"},
}};

}  // namespace

std::string_view Name(ResponseNature nature) { return NameIn(kResponseNatureNames, nature); }

ResponseNature ResponseNatureOf(Status status) {
  switch (status) {
    case Status::kCompleted:
      return ResponseNature::kComplied;
    case Status::kDenied:
      return ResponseNature::kDenied;
    case Status::kClosedUnverified:
      return ResponseNature::kClosedUnverified;
    case Status::kClosedDuplicate:
      return ResponseNature::kDuplicate;
    case Status::kWithdrawn:
      return ResponseNature::kWithdrawn;
    case Status::kReceived:
    case Status::kPendingVerification:
    case Status::kVerified:
    case Status::kInProgress:
    case Status::kAwaitingReview:
      return ResponseNature::kNone;
  }
  return ResponseNature::kNone;
}

}  // namespace rightsdesk
