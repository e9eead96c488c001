// Mailer: hands one message to the mail system. Implemented by SmtpMailer (smtp_mailer.h).
#pragma once

#include "core/error.h"
#include "messaging/email_message.h"

namespace rightsdesk::messaging {

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Success means the mail server accepted the message. kUnavailable for a failure worth
  // retrying (no connection, timeout, a 4xx reply); kFailedPrecondition when the server refused
  // it for good (a 5xx reply: unknown recipient, policy) or the message cannot be sent as it is.
  // Errors never contain the recipient's address.
  [[nodiscard]] virtual Result<void> Send(const EmailMessage& message) = 0;
};

}  // namespace rightsdesk::messaging
