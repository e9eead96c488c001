// The basis of a request's denial, as Cal. Code Regs. tit. 11 §7102(a)(1)(C) splits denials:
// unverifiable, not made by a consumer, exempt from disclosure, or other grounds. The one
// classification both the §7102 metrics (core/metrics.h) and the §7101 records
// (core/request_record.h) use, so that a request is never counted one way and recorded another.
#pragma once

#include <optional>
#include <string>
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
std::optional<DenialBasis> ParseDenialBasis(std::string_view name);
std::string DenialBasisNames();  // for error messages

// The basis of a request's denial from what the ledger records of it, or none when the request
// was not denied (open, complied with, withdrawn, or a duplicate answered by another request):
// closed_unverified is unverifiable; denied is the basis recorded with the denial (staff choose
// it; a denial by the verification rules records its own), "other" for a denial recorded before
// bases were (migration 0030).
std::optional<DenialBasis> DenialBasisOf(Status status, std::optional<DenialBasis> recorded);

}  // namespace rightsdesk
