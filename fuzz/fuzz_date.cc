// Dates and times typed on the command line or read from files.
#include <cstdint>
#include <string_view>

#include "core/time.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto date = rightsdesk::ParseDate(text)) {
    if (rightsdesk::FormatDate(*date) != text) __builtin_trap();  // must round-trip exactly
  }
  if (auto at = rightsdesk::ParseInstant(text)) (void)rightsdesk::FormatInstant(*at);
  return 0;
}
