// Taking in what waits in the privacy address's mailbox (IMAP): each message is fetched, taken in
// (email_intake.h) and only then filed away, so a crash or an outage in between leaves it to be
// fetched again (and recognised). A message that cannot be read as email (or is too large) is
// filed in the rejected folder for a person to look at, never retried for ever.
#pragma once

#include <atomic>
#include <map>
#include <string>

#include "app/email_intake.h"
#include "messaging/mailbox.h"

namespace rightsdesk::app {

struct MailboxReport {
  std::map<std::string, int> outcomes;  // by EmailOutcome name
  int rejected = 0;
  int total() const;
};

// Stops between messages when `stop` is set. Errors (the server unreachable, the store failing)
// end the pass; what was taken in and filed stays so.
Result<MailboxReport> TakeInMailbox(const Services& services, store::InboxStore& inbox,
                                    const MessageClassifier& classifier,
                                    messaging::Mailbox& mailbox,
                                    const std::atomic<bool>* stop = nullptr);

}  // namespace rightsdesk::app
