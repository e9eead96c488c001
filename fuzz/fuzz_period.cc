// Periods in the rules table ("45 calendar days", "10 business days", "1 month").
#include <cstdint>
#include <string_view>

#include "core/period.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto period = rightsdesk::ParsePeriod(text)) {
    auto again = rightsdesk::ParsePeriod(rightsdesk::FormatPeriod(*period));
    if (!again || again->count != period->count || again->unit != period->unit) __builtin_trap();
  }
  return 0;
}
