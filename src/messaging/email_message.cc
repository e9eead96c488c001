#include "messaging/email_message.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdio>

namespace rightsdesk::messaging {
namespace {

constexpr std::string_view kCrlf = "\r\n";

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// RFC 2047 encoded words of at most 75 characters, cut between UTF-8 characters, folded.
std::string EncodedWords(std::string_view text) {
  constexpr std::size_t kMaxBytes = 45;  // 60 base64 characters + 12 of "=?UTF-8?B??="
  std::string out;
  while (!text.empty()) {
    std::size_t cut = std::min(kMaxBytes, text.size());
    while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
      --cut;  // do not split a character
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(0, cut)) + "?=";
    text.remove_prefix(cut);
  }
  return out;
}

// A header value as written: printable ASCII as is, anything else as encoded words.
std::string HeaderText(std::string_view text) {
  return IsAscii(text) ? std::string(text) : EncodedWords(text);
}

Result<void> OneLine(std::string_view header, std::string_view value) {
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') {
      return Fail(ErrorCode::kInvalidArgument,
                  "the " + std::string(header) + " header must be a single line");
    }
  }
  return {};
}

Result<void> Address(std::string_view header, std::string_view address) {
  if (auto one = OneLine(header, address); !one) return one;
  bool bad = address.empty() || address.find('@') == std::string_view::npos ||
             address.find_first_of("<>\" ,;") != std::string_view::npos;
  if (bad) {
    return Fail(ErrorCode::kInvalidArgument,
                "the " + std::string(header) + " address is not a plain mailbox");
  }
  return {};
}

// The body's lines with CRLF ends, base64 in lines of 76 characters.
std::string Body(std::string_view text) {
  std::string crlf;
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n')
      crlf += kCrlf;
    else
      crlf += c;
  }
  std::string encoded = Base64(crlf);
  std::string out;
  for (std::size_t at = 0; at < encoded.size(); at += 76) {
    out += encoded.substr(at, 76);
    out += kCrlf;
  }
  return out;
}

}  // namespace

std::string MailDate(Instant at) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto day = floor<days>(at);
  year_month_day date{day};
  hh_mm_ss time{floor<seconds>(at - day)};
  char out[40];
  std::snprintf(out, sizeof out, "%s, %02u %s %04d %02ld:%02ld:%02ld +0000",
                kDays[weekday{day}.c_encoding()], static_cast<unsigned>(date.day()),
                kMonths[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                static_cast<long>(time.hours().count()), static_cast<long>(time.minutes().count()),
                static_cast<long>(time.seconds().count()));
  return out;
}

Result<std::string> FormatEmail(const EmailMessage& message, Instant date) {
  for (auto [header, value] :
       {std::pair{"From", &message.from_address}, std::pair{"To", &message.to_address}}) {
    if (auto ok = Address(header, *value); !ok) return std::unexpected(ok.error());
  }
  for (auto [header, value] :
       {std::pair{"From name", &message.from_name}, std::pair{"Subject", &message.subject},
        std::pair{"Message-ID", &message.message_id}}) {
    if (auto ok = OneLine(header, *value); !ok) return std::unexpected(ok.error());
  }
  if (auto ok = Address("Message-ID", message.message_id); !ok) return std::unexpected(ok.error());
  std::string from = "<" + message.from_address + ">";
  if (!message.from_name.empty()) {
    // A quoted display name, or encoded words when it is not ASCII.
    std::string name =
        IsAscii(message.from_name) && message.from_name.find_first_of("\"\\") == std::string::npos
            ? "\"" + message.from_name + "\""
            : EncodedWords(message.from_name);
    from = name + " " + from;
  }
  std::string out;
  auto header = [&out](std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append(kCrlf);
  };
  header("Date", MailDate(date));
  header("From", from);
  header("To", "<" + message.to_address + ">");
  header("Subject", HeaderText(message.subject));
  header("Message-ID", "<" + message.message_id + ">");
  header("Auto-Submitted", "auto-generated");
  header("MIME-Version", "1.0");
  header("Content-Type", "text/plain; charset=UTF-8");
  header("Content-Transfer-Encoding", "base64");
  out += kCrlf;
  out += Body(message.text);
  return out;
}

}  // namespace rightsdesk::messaging
