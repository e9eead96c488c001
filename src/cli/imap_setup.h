// Email intake from the IMAP mailbox as the installation's [imap] settings describe it, shared by
// `serve` and `worker`.
#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include "app/installation.h"
#include "app/mailbox_intake.h"
#include "app/periodic_worker.h"
#include "app/services.h"
#include "messaging/imap_mailbox.h"

namespace rightsdesk::cli {

// nullopt when [imap] url is empty. kInvalidArgument when the password variable is unset.
Result<std::optional<messaging::ImapSettings>> LoadImapSettings(
    const app::Installation& installation);

// One pass over the mailbox with the classifier as trained now (shipped examples and the staff's
// corrections so far), logged with counts only.
Result<app::MailboxReport> RunMailboxPass(const app::Services& services,
                                          app::Installation& installation,
                                          messaging::Mailbox& mailbox,
                                          const std::atomic<bool>* stop = nullptr);

// A worker thread taking in the mailbox every [imap] poll_seconds.
std::unique_ptr<app::PeriodicWorker> StartMailboxIntake(const app::Services& services,
                                                        app::Installation& installation,
                                                        const messaging::ImapSettings& settings);

}  // namespace rightsdesk::cli
