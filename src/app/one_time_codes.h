// One-time codes as use cases: issuing a code and sending it to the consumer's email (the
// `one_time_code` message), and checking what they typed. Generic over what the code protects:
// the caller names a purpose ("package:<id>" before a download; identity verification later) and
// what the message should say the code is for. The rules are core/one_time_code.h's; the store
// counts attempts atomically (store/code_store.h).
//
// The code travels only in the message's parameters (sealed at rest and erased with the other
// parameters after delivery's retention) and in the message itself; audit events name the code's
// id, the purpose and the outcome, never the code.
#pragma once

#include <string>
#include <string_view>

#include "app/services.h"
#include "core/one_time_code.h"
#include "core/request.h"
#include "store/code_store.h"

namespace rightsdesk::app {

inline constexpr std::string_view kOneTimeCodeMessage = "one_time_code";
// The same code by text message: a short template (web/mail/one_time_code_sms.*) whose subject
// line is not sent; the outbox hands it to the SMS gateway (app/outbox_delivery.h).
inline constexpr std::string_view kOneTimeCodeTextMessage = "one_time_code_sms";

struct CodeMessage {
  std::string language;  // of the message; empty: the request's
  // What the code is for, as the message's template names it: the template sees `use_<use>` set
  // (e.g. "package_download" gives {{#use_package_download}}).
  std::string use;
  // The phone in E.164 (core/data_point_match.h ToE164): the code goes there by SMS instead of
  // by email. Personal: it travels only in the message's sealed parameters.
  std::string sms_to;
};

struct IssuedCode {
  std::string id;
  Instant expires_at;
};

// Issues a fresh code for `purpose` of `request` and queues the message that sends it to the
// request's email address (or to `message.sms_to`), recording `code.issued`. Earlier codes of the
// purpose stop working. kResourceExhausted when the purpose already had `policy.max_issued` codes
// (recorded as `code.refused`, reason "too_many_issued"); kFailedPrecondition when the request has
// no email address left (its personal data was purged).
[[nodiscard]] Result<IssuedCode> IssueCode(const Services& services, store::CodeStore& codes,
                                           const Request& request, std::string_view purpose,
                                           std::string_view actor, const CodeMessage& message = {},
                                           const OneTimeCodePolicy& policy = {});

// Checks what the consumer typed against the purpose's latest code and records the attempt
// (`code.accepted`, or `code.refused` with the reason and the attempts left). A refusal is a
// verdict, not an error. kInvalidArgument when `typed` is not six digits: nothing is recorded
// and no attempt is counted (a typo is not a guess).
[[nodiscard]] Result<store::CodeVerdict> CheckCode(const Services& services,
                                                   store::CodeStore& codes, const Request& request,
                                                   std::string_view purpose, std::string_view typed,
                                                   std::string_view actor,
                                                   const OneTimeCodePolicy& policy = {});

}  // namespace rightsdesk::app
