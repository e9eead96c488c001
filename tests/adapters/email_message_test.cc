// The RFC 5322 form of a message: headers, encoded words, the base64 body, and header injection
// refused.
#include "messaging/email_message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include "core/time.h"

namespace rightsdesk::messaging {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

EmailMessage Sample() {
  return {.from_address = "privacy@acme.example",
          .from_name = "Acme Privacy",
          .to_address = "ana@example.com",
          .subject = "We received your request RD-2026-00001",
          .text = "Hello Ana,\nline two\n",
          .message_id = "ntc-1@acme.example"};
}

std::string Decode(std::string_view base64) {
  std::string bytes(base64.size(), '\0');
  std::size_t length = 0;
  EXPECT_EQ(
      sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), base64.data(),
                        base64.size(), "\r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL),
      0);
  bytes.resize(length);
  return bytes;
}

std::string BodyOf(const std::string& mail) { return mail.substr(mail.find("\r\n\r\n") + 4); }

const Instant kAt = *ParseInstant("2026-11-25T20:41:07.000000Z");

TEST(EmailMessage, HeadersAndABase64BodyWithCrlfLines) {
  auto mail = FormatEmail(Sample(), kAt);
  ASSERT_TRUE(mail) << mail.error().message();
  EXPECT_THAT(*mail, HasSubstr("Date: Wed, 25 Nov 2026 20:41:07 +0000\r\n"));
  EXPECT_THAT(*mail, HasSubstr("From: \"Acme Privacy\" <privacy@acme.example>\r\n"));
  EXPECT_THAT(*mail, HasSubstr("To: <ana@example.com>\r\n"));
  EXPECT_THAT(*mail, HasSubstr("Subject: We received your request RD-2026-00001\r\n"));
  EXPECT_THAT(*mail, HasSubstr("Message-ID: <ntc-1@acme.example>\r\n"));
  EXPECT_THAT(*mail, HasSubstr("Auto-Submitted: auto-generated\r\n"));
  EXPECT_THAT(*mail, HasSubstr("Content-Type: text/plain; charset=UTF-8\r\n"));
  EXPECT_EQ(Decode(BodyOf(*mail)), "Hello Ana,\r\nline two\r\n");
}

TEST(EmailMessage, NonAsciiSubjectAndNameBecomeEncodedWordsOfAtMost75Characters) {
  EmailMessage message = Sample();
  message.from_name = "Privacidad Señal";
  message.subject =
      "Hemos recibido su solicitud de privacidad: eliminación de información "
      "personal, corrección y acceso — ñandú";
  auto mail = FormatEmail(message, kAt);
  ASSERT_TRUE(mail);
  EXPECT_THAT(*mail, HasSubstr("From: =?UTF-8?B?"));
  std::size_t start = mail->find("Subject: ") + 9;
  std::string subject = mail->substr(start, mail->find("\r\nMessage-ID") - start);
  std::string decoded;
  std::size_t at = 0;
  for (std::size_t open; (open = subject.find("=?UTF-8?B?", at)) != std::string::npos;) {
    std::size_t close = subject.find("?=", open + 10);
    EXPECT_LE(close + 2 - open, 75U);
    decoded += Decode(subject.substr(open + 10, close - open - 10));
    at = close + 2;
  }
  EXPECT_EQ(decoded, message.subject);  // cut between characters, nothing lost
  EXPECT_THAT(subject, Not(HasSubstr("\r\n\r\n")));
}

TEST(EmailMessage, HeaderInjectionIsRefused) {
  for (auto spoil : {+[](EmailMessage& m) { m.subject = "Hi\r\nBcc: victim@example.com"; },
                     +[](EmailMessage& m) { m.from_name = "A\nB"; },
                     +[](EmailMessage& m) { m.to_address = "a@example.com>\r\nX: y"; },
                     +[](EmailMessage& m) { m.to_address = "a@example.com, b@example.com"; },
                     +[](EmailMessage& m) { m.to_address = ""; }}) {
    EmailMessage message = Sample();
    spoil(message);
    auto mail = FormatEmail(message, kAt);
    ASSERT_FALSE(mail);
    EXPECT_EQ(mail.error().code(), ErrorCode::kInvalidArgument);
  }
}

TEST(EmailMessage, MailDateNamesTheWeekdayAndMonth) {
  EXPECT_EQ(MailDate(*ParseInstant("2027-01-03T05:06:07.000000Z")),
            "Sun, 03 Jan 2027 05:06:07 +0000");
}

}  // namespace
}  // namespace rightsdesk::messaging
