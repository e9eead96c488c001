// The basis of a request's denial, as Cal. Code Regs. tit. 11 §7102(a)(1)(C) splits denials:
// unverifiable, not made by a consumer, exempt from disclosure, or other grounds. The one
// classification both the §7102 metrics (core/metrics.h) and the §7101 records
// (core/request_record.h) use, so that a request is never counted one way and recorded another.
#pragma once

#include <optional>
#include <string_view>

#include "core/status.h"

namespace rightsdesk {

enum class DenialBasis {
  kUnverifiable,  // the consumer's identity could not be confirmed (§7102(a)(1)(C)(i))
  kNotAConsumer,  // not made by a consumer
  kExempt,        // what was asked for is exempt
  kOther,         // denied on other grounds
};

// "unverifiable", "not_a_consumer", "exempt", "other".
std::string_view Name(DenialBasis basis);

// The basis of a request's denial from what the ledger records of it, or none when the request
// was not denied (open, complied with, withdrawn, or a duplicate answered by another request):
// closed_unverified is unverifiable; denied is "other", because a denial records its grounds as
// the staff's words (the transition's reason), not as one of the finer bases. "not a consumer"
// and "exempt" are named here so that reports carry their columns; nothing records them yet.
std::optional<DenialBasis> DenialBasisOf(Status status);

}  // namespace rightsdesk
