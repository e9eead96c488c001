// SMTP delivery through libcurl: STARTTLS (smtp://) or implicit TLS (smtps://), certificate
// checked, optional login. One connection per message: the outbox sends a few messages a second
// at most, and a fresh connection never carries a broken session into the next message.
#pragma once

#include <chrono>
#include <string>

#include "core/time.h"
#include "messaging/mailer.h"

namespace rightsdesk::messaging {

struct SmtpSettings {
  std::string url;  // "smtp://host:port" or "smtps://host:port"
  bool require_tls = true;
  std::string username;  // empty: no login
  std::string password;
  std::chrono::seconds timeout{30};
};

class SmtpMailer final : public Mailer {
 public:
  SmtpMailer(SmtpSettings settings, const Clock& clock);
  Result<void> Send(const EmailMessage& message) override;

 private:
  SmtpSettings settings_;
  const Clock& clock_;
};

}  // namespace rightsdesk::messaging
