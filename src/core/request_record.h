// The record of one request that Cal. Code Regs. tit. 11 §7101(a) requires a business to keep
// for at least 24 months: the date, nature (type) and manner (channel) of the request; the date
// and nature of the response; and the basis of any denial. It holds no personal data (no name,
// no email, no message), so it stays whole after the retention purge has erased the request's
// personal data (store/request_store.h PurgePersonalData).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/channel.h"
#include "core/denial_basis.h"
#include "core/request_type.h"
#include "core/status.h"
#include "core/time.h"

namespace rightsdesk {

// The nature of the response, as the records report names it.
enum class ResponseNature {
  kNone,              // still open: no response yet
  kComplied,          // completed: complied with in whole or in part
  kDenied,            // denied, with its reason
  kClosedUnverified,  // closed because the consumer's identity could not be confirmed
  kDuplicate,         // a repeat of an open request, which answers it (duplicate_of)
  kWithdrawn,         // withdrawn by the consumer
};

// "none", "complied", "denied", "closed_unverified", "duplicate", "withdrawn".
std::string_view Name(ResponseNature nature);
ResponseNature ResponseNatureOf(Status status);

struct RequestRecord {
  std::string reference;  // "RD-2026-00042"
  RequestType type = RequestType::kAccess;
  Channel channel = Channel::kWeb;
  std::string jurisdiction;
  Instant received_at;
  Date received_on;  // day 0, in the jurisdiction's business time zone
  Status status = Status::kReceived;
  bool extended = false;
  std::optional<Instant> responded_at;  // when it closed; none while open
  // The reason recorded with the transition that denied it (denied or closed_unverified), in
  // the staff's words as the audit trail keeps them; empty when it was not denied.
  std::string denial_reason;
  std::string duplicate_of;          // the reference of the request that answers a duplicate
  std::optional<Instant> purged_at;  // when its personal data was erased
  std::optional<DenialBasis>
      recorded_basis;  // the basis its denial recorded (Request::denial_basis)

  ResponseNature response() const { return ResponseNatureOf(status); }
  std::optional<DenialBasis> denial_basis() const { return DenialBasisOf(status, recorded_basis); }
};

}  // namespace rightsdesk
