// An email to a consumer or an agent, and its RFC 5322 form. Text only (text/plain; UTF-8,
// base64), so what a consumer typed is never interpreted by a mail reader as markup. Every
// message is marked `Auto-Submitted: auto-generated` (RFC 3834) so that vacation responders do
// not answer it and loops cannot start.
#pragma once

#include <string>

#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::messaging {

struct EmailMessage {
  std::string from_address;
  std::string from_name;  // optional display name, any UTF-8
  std::string to_address;
  std::string subject;     // any UTF-8, one line
  std::string text;        // the body, any UTF-8; "\n" line ends
  std::string message_id;  // without the angle brackets: "ntc-...@rightsdesk"
};

// The message as sent, CRLF line ends. kInvalidArgument (naming the header) when an address is
// empty or malformed for a header, or a header value spans lines: header injection is refused,
// not cleaned.
Result<std::string> FormatEmail(const EmailMessage& message, Instant date);

// RFC 5322 date-time in UTC: "Wed, 25 Nov 2026 20:41:00 +0000".
std::string MailDate(Instant at);

}  // namespace rightsdesk::messaging
