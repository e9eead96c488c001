// The query string of a request target, as any client may send it.
#include <string_view>

#include "fuzz_target.h"
#include "http/query.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)rightsdesk::http::ParseQuery(text);
  return 0;
}
