// Consumer-typed identifiers: the email address and the free-text fields around it.
#include <cstdint>
#include <string>

#include "core/subject.h"
#include "core/text.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (auto email = rightsdesk::NormalizeEmail(text)) {
    // Normalising is idempotent.
    auto again = rightsdesk::NormalizeEmail(*email);
    if (!again || *again != *email) __builtin_trap();
  }
  (void)rightsdesk::ValidateSubject({.email = text, .name = text, .phone = text});
  (void)rightsdesk::CleanText(text, {.max_bytes = 10000, .allow_newlines = true}, "/message");
  return 0;
}
