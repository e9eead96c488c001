// Email intake (issue 6): what becomes of an email that reached the privacy address, whether
// fetched from the IMAP mailbox or piped in by the mail server (`rightsdesk intake email`).
//
//   - A reply to one of our messages (its In-Reply-To/References name one of our Message-IDs,
//     "ntc-<request id>-...@"), or a message from the consumer (or their agent) whose subject
//     names one of their requests' references, is threaded to that request: kept with it and
//     recorded as "request.message_received".
//   - A bounce of one of our messages marks that message bounced when the failure is permanent
//     and records "notice.bounced" on its request; an auto-reply is kept, threaded if it can be,
//     and nothing more. Neither ever becomes a request.
//   - Anything else is classified (message_classifier.h): confident, it becomes a request of
//     that type in that language, on the email channel, acknowledged like any other; not
//     confident, or not a privacy request, it waits in the triage queue for a person
//     ("intake.triaged").
//
// The sender's address becomes the request's email, to be verified like any other: having
// written from it is not proof of identity. The message (text and attachments) is sealed at
// rest. Taking the same message in twice changes nothing (its id derives from its Message-ID).
#pragma once

#include <optional>
#include <string>

#include "app/message_classifier.h"
#include "app/services.h"
#include "messaging/inbound_email.h"
#include "store/inbox_store.h"

namespace rightsdesk::app {

enum class EmailOutcome { kCreated, kThreaded, kTriaged, kBounce, kAutoReply, kDuplicate };
std::string_view Name(EmailOutcome outcome);

struct EmailIntakeResult {
  EmailOutcome outcome = EmailOutcome::kTriaged;
  std::string inbound_id;
  std::optional<Request> request;  // created or threaded to
  MessageClass classification;     // for a new message
};

// A request's free text from an email: the subject and the body, without control characters,
// within the 10,000 bytes intake accepts (the whole message stays in the inbox record).
std::string RequestText(std::string_view subject, std::string_view body);

// Errors are the store's (the message is then not taken in: fetch it again later).
Result<EmailIntakeResult> TakeInEmail(const Services& services, store::InboxStore& inbox,
                                      const MessageClassifier& classifier,
                                      const messaging::InboundEmail& email);

}  // namespace rightsdesk::app
