// An exported audit trail is read from files that came from elsewhere: `audit verify --file`.
#include <cstdint>
#include <sstream>
#include <string>

#include "app/audit_export.h"
#include "app/audit_service.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)rightsdesk::app::ParseHeaderLine(text);
  (void)rightsdesk::app::ParseEventLine(text);
  std::istringstream in(text);
  (void)rightsdesk::app::VerifyExport(in, std::nullopt);
  return 0;
}
