// Reading an email that arrived (issue 6's email intake) with GMime: who sent it, what it says as
// UTF-8 text (the plain part, else the HTML part's text; any charset and transfer encoding), its
// attachments, how it threads (Message-ID, In-Reply-To, References), and whether a machine sent
// it: a delivery report (bounce) or an auto-reply, which never become requests.
//
// Input is untrusted (anyone can email the privacy address): every size is bounded, and a
// message GMime cannot make sense of is an error value, never a crash (fuzz/fuzz_inbound_email).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace rightsdesk::messaging {

inline constexpr std::size_t kMaxInboundBytes = 25 * 1024 * 1024;
inline constexpr std::size_t kMaxAttachments = 20;

struct InboundAttachment {
  std::string filename;      // as the sender named it ("" when unnamed)
  std::string content_type;  // "application/pdf"
  std::string bytes;         // decoded
};

enum class InboundKind {
  kMessage,    // written by a person
  kBounce,     // a delivery status notification about a message we sent
  kAutoReply,  // out of office, vacation, list or bulk mail
};

struct InboundEmail {
  InboundKind kind = InboundKind::kMessage;
  std::string message_id;  // without angle brackets; "" when the sender gave none
  std::string from_address;
  std::string from_name;
  std::string subject;  // RFC 2047 decoded
  // In-Reply-To then References, without angle brackets, duplicates removed.
  std::vector<std::string> thread_ids;
  std::string text;  // the body as UTF-8 text (quoted replies kept)
  std::vector<InboundAttachment> attachments;
  // For a bounce: the Message-ID of the message that bounced ("" when the report does not say),
  // and whether the failure is permanent (a 5.x.x status) or only a delay (4.x.x).
  std::string bounced_message_id;
  bool bounce_permanent = true;
};

std::string_view Name(InboundKind kind);

// kInvalidArgument when the input is too large or not a message (no headers, no From).
Result<InboundEmail> ParseInboundEmail(std::string_view raw);

}  // namespace rightsdesk::messaging
