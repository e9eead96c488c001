// A company's rightsdesk.toml: rules, calendars and settings typed by people.
#include <cstdint>
#include <string_view>

#include "config/installation_config.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)rightsdesk::config::LoadInstallationConfig(text, "fuzz.toml");
  return 0;
}
