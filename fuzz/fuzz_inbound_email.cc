// An email as anyone may send it to the privacy address (the IMAP mailbox, `intake email`):
// through GMime, the HTML reduction, the bounce and auto-reply recognition. Property: what comes
// out is valid UTF-8 and within the documented bounds.
#include <cstdlib>
#include <string_view>

#include "core/text.h"
#include "fuzz_target.h"
#include "messaging/inbound_email.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rightsdesk;
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  auto email = messaging::ParseInboundEmail(raw);
  if (!email) return 0;
  for (std::string_view text :
       {std::string_view(email->text), std::string_view(email->subject),
        std::string_view(email->from_address), std::string_view(email->from_name)}) {
    if (!IsValidUtf8(text)) std::abort();
  }
  if (email->attachments.size() > messaging::kMaxAttachments) std::abort();
  return 0;
}
