#include "messaging/inbound_email.h"

#include <algorithm>

#include "messaging/gmime_support.h"

namespace rightsdesk::messaging {
namespace {

constexpr std::size_t kMaxTextBytes = 256 * 1024;

std::string InboundLower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string Header(GMimeObject* object, const char* name) {
  const char* value = g_mime_object_get_header(object, name);
  return value != nullptr ? std::string(value) : std::string();
}

// Message-IDs in an In-Reply-To or References header, in order.
void AppendReferences(const std::string& header, std::vector<std::string>& ids) {
  if (header.empty()) return;
  GMimeReferences* refs = g_mime_references_parse(nullptr, header.c_str());
  if (refs == nullptr) return;
  for (int i = 0; i < g_mime_references_length(refs); ++i) {
    std::string id = g_mime_references_get_message_id(refs, i);
    if (!id.empty() && std::ranges::find(ids, id) == ids.end()) ids.push_back(std::move(id));
  }
  g_mime_references_free(refs);
}

// A text part as UTF-8 (GMime converts from the declared charset; bad bytes are replaced).
std::string PartText(GMimeTextPart* part) {
  GString text(g_mime_text_part_get_text(part));
  if (!text) return {};
  std::string out(text.get());
  if (out.size() > kMaxTextBytes) out.resize(kMaxTextBytes);
  return ToValidUtf8(out);
}

void AppendUtf8(std::uint32_t cp, std::string& out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// One HTML character reference at `html[i]` == '&'; appends it and returns its length, 0 if
// it is not one we know (then the '&' stands for itself).
std::size_t Entity(std::string_view html, std::size_t i, std::string& out) {
  std::size_t end = html.find(';', i);
  if (end == std::string_view::npos || end - i > 10) return 0;
  std::string_view name = html.substr(i + 1, end - i - 1);
  static constexpr std::pair<std::string_view, std::uint32_t> kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0}};
  for (auto [known, cp] : kNamed) {
    if (name == known) {
      AppendUtf8(cp, out);
      return end - i + 1;
    }
  }
  if (name.size() < 2 || name[0] != '#') return 0;
  const bool hex = name[1] == 'x' || name[1] == 'X';
  std::uint32_t cp = 0;
  for (char c : name.substr(hex ? 2 : 1)) {
    int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : hex && std::isxdigit(static_cast<unsigned char>(c))
                    ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                    : -1;
    if (digit < 0 || cp > 0x10FFFF) return 0;
    cp = cp * (hex ? 16U : 10U) + static_cast<std::uint32_t>(digit);
  }
  AppendUtf8(cp, out);
  return end - i + 1;
}

// The words of an HTML body, for a message that came without a plain-text part: tags dropped
// (block ends become line breaks), script and style skipped, character references decoded. Not
// a renderer: staff read the text, the classifier classifies it.
std::string HtmlText(std::string_view html) {
  std::string out;
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] == '<') {
      std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string tag = InboundLower(html.substr(i + 1, std::min<std::size_t>(end - i - 1, 10)));
      i = end + 1;
      for (std::string_view skipped : {"script", "style"}) {
        if (tag.starts_with(skipped)) {
          std::size_t close = InboundLower(html.substr(i)).find("</" + std::string(skipped));
          i = close == std::string::npos ? html.size() : i + close;
        }
      }
      for (std::string_view block : {"br", "/p", "/div", "/li", "/tr", "/h"}) {
        if (tag.starts_with(block)) out += '\n';
      }
    } else if (html[i] == '&') {
      std::size_t used = Entity(html, i, out);
      if (used == 0) out += '&';
      i += used == 0 ? 1 : used;
    } else {
      out += html[i++];
    }
  }
  return ToValidUtf8(out);
}

std::string MessageIdIn(const std::string& headers) {
  std::string lower = InboundLower(headers);
  std::size_t at = lower.find("\nmessage-id:");
  if (at == std::string::npos && lower.starts_with("message-id:")) at = 0;
  if (at == std::string::npos) return {};
  std::size_t open = headers.find('<', at);
  std::size_t close = headers.find('>', open == std::string::npos ? at : open);
  if (open == std::string::npos || close == std::string::npos) return {};
  return headers.substr(open + 1, close - open - 1);
}

struct Walk {
  InboundEmail& email;
  std::string plain;
  std::string html;
  bool too_many_attachments = false;
};

void VisitPart(GMimeObject* /*parent*/, GMimeObject* object, gpointer data) {
  Walk& walk = *static_cast<Walk*>(data);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (GMIME_IS_MESSAGE_PART(object)) {  // a bounce's copy of the original message
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
    if (inner != nullptr && walk.email.bounced_message_id.empty()) {
      const char* id = g_mime_message_get_message_id(inner);
      if (id != nullptr) walk.email.bounced_message_id = id;
    }
    return;
  }
  if (!GMIME_IS_PART(object)) return;
  GMimePart* part = GMIME_PART(object);
  const bool text_part = GMIME_IS_TEXT_PART(object);
  if (type != nullptr && g_mime_content_type_is_type(type, "message", "delivery-status")) {
    std::string status = InboundLower(PartBytes(part));
    walk.email.bounce_permanent = status.find("status: 4.") == std::string::npos;
    return;
  }
  if (type != nullptr && g_mime_content_type_is_type(type, "text", "rfc822-headers")) {
    if (walk.email.bounced_message_id.empty()) {
      walk.email.bounced_message_id = MessageIdIn("\n" + PartBytes(part));
    }
    return;
  }
  if (text_part && !g_mime_part_is_attachment(part)) {
    if (g_mime_content_type_is_type(type, "text", "plain") && walk.plain.empty()) {
      walk.plain = PartText(GMIME_TEXT_PART(object));
      return;
    }
    if (g_mime_content_type_is_type(type, "text", "html") && walk.html.empty()) {
      walk.html = PartText(GMIME_TEXT_PART(object));
      return;
    }
  }
  if (walk.email.attachments.size() >= kMaxAttachments) {
    walk.too_many_attachments = true;
    return;
  }
  GString mime_type(type != nullptr ? g_mime_content_type_get_mime_type(type) : nullptr);
  const char* filename = g_mime_part_get_filename(part);
  walk.email.attachments.push_back(
      {.filename = filename != nullptr ? ToValidUtf8(filename) : std::string(),
       .content_type = mime_type ? InboundLower(mime_type.get()) : "application/octet-stream",
       .bytes = PartBytes(part)});
}

bool IsAutoReply(GMimeObject* headers, const std::string& subject) {
  std::string auto_submitted = InboundLower(Header(headers, "Auto-Submitted"));
  if (!auto_submitted.empty() && !auto_submitted.starts_with("no")) return true;
  if (!Header(headers, "X-Autoreply").empty() || !Header(headers, "X-Autorespond").empty() ||
      !Header(headers, "List-Id").empty()) {
    return true;
  }
  std::string precedence = InboundLower(Header(headers, "Precedence"));
  for (std::string_view p : {"bulk", "junk", "list", "auto_reply"}) {
    if (precedence.starts_with(p)) return true;
  }
  std::string s = InboundLower(subject);
  for (std::string_view prefix : {"out of office", "automatic reply", "auto:", "autoreply",
                                  "respuesta automática", "fuera de la oficina"}) {
    if (s.starts_with(prefix)) return true;
  }
  return false;
}

bool IsBounce(GMimeMessage* message, const InboundEmail& email) {
  GMimeObject* body = g_mime_message_get_mime_part(message);
  if (body != nullptr) {
    GMimeContentType* type = g_mime_object_get_content_type(body);
    if (type != nullptr && g_mime_content_type_is_type(type, "multipart", "report")) {
      const char* report = g_mime_content_type_get_parameter(type, "report-type");
      if (report != nullptr && InboundLower(report) == "delivery-status") return true;
    }
  }
  std::string local = InboundLower(email.from_address.substr(0, email.from_address.find('@')));
  return local == "mailer-daemon" || local == "postmaster";
}

void ReadFrom(GMimeMessage* message, InboundEmail& email) {
  InternetAddressList* from = g_mime_message_get_from(message);
  if (from == nullptr) return;
  for (int i = 0; i < internet_address_list_length(from); ++i) {
    InternetAddress* address = internet_address_list_get_address(from, i);
    if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
    const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
    const char* name = internet_address_get_name(address);
    email.from_address = addr != nullptr ? ToValidUtf8(addr) : "";
    email.from_name = name != nullptr ? ToValidUtf8(name) : "";
    return;
  }
}

}  // namespace

std::string_view Name(InboundKind kind) {
  switch (kind) {
    case InboundKind::kMessage:
      return "message";
    case InboundKind::kBounce:
      return "bounce";
    case InboundKind::kAutoReply:
      return "auto_reply";
  }
  return "message";
}

Result<InboundEmail> ParseInboundEmail(std::string_view raw) {
  if (raw.size() > kMaxInboundBytes) {
    return Fail(ErrorCode::kInvalidArgument, "the message is larger than 25 MB");
  }
  InitGMime();
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message) return Fail(ErrorCode::kInvalidArgument, "this is not an email message");
  InboundEmail email;
  ReadFrom(message.get(), email);
  if (email.from_address.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the message has no sender address (From)");
  }
  GMimeObject* headers = GMIME_OBJECT(message.get());
  const char* id = g_mime_message_get_message_id(message.get());
  email.message_id = id != nullptr ? ToValidUtf8(id) : "";
  const char* subject = g_mime_message_get_subject(message.get());
  email.subject = subject != nullptr ? ToValidUtf8(subject) : "";
  AppendReferences(Header(headers, "In-Reply-To"), email.thread_ids);
  AppendReferences(Header(headers, "References"), email.thread_ids);

  Walk walk{.email = email};
  g_mime_message_foreach(message.get(), VisitPart, &walk);
  if (walk.too_many_attachments) {
    return Fail(ErrorCode::kInvalidArgument, "the message has more than 20 attachments");
  }
  email.text = !walk.plain.empty() ? std::move(walk.plain) : HtmlText(walk.html);
  if (IsBounce(message.get(), email)) {
    email.kind = InboundKind::kBounce;
  } else if (IsAutoReply(headers, email.subject)) {
    email.kind = InboundKind::kAutoReply;
  }
  return email;
}

}  // namespace rightsdesk::messaging
