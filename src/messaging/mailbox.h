// A mailbox that requests arrive in (the privacy address's IMAP inbox), as email intake sees it:
// list what waits, fetch one message, and file it away once it has been taken in. Filing only
// after the intake is durable means a crash in between fetches the message again, which intake
// recognises (its id derives from the Message-ID): nothing is lost, nothing is doubled.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"

namespace rightsdesk::messaging {

class Mailbox {
 public:
  virtual ~Mailbox() = default;
  // The ids (IMAP UIDs) of the messages waiting, oldest first. kUnavailable when the server
  // cannot be reached or refuses the login.
  [[nodiscard]] virtual Result<std::vector<std::uint64_t>> Waiting() = 0;
  // The message as the server holds it (RFC 5322 bytes).
  [[nodiscard]] virtual Result<std::string> Fetch(std::uint64_t uid) = 0;
  // Moves the message out of the waiting mailbox: to the processed folder, or (`rejected`) to
  // the folder of messages that could not be read.
  [[nodiscard]] virtual Result<void> File(std::uint64_t uid, bool rejected) = 0;
};

}  // namespace rightsdesk::messaging
