// Reading inbound email with GMime: senders and subjects decoded, the text in UTF-8 whatever the
// charset or encoding (HTML reduced to its words), attachments decoded, threading ids, and the
// machines' mail (bounces with the bounced Message-ID, auto-replies) recognised.
#include "messaging/inbound_email.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace rightsdesk::messaging {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(RIGHTSDESK_TEST_DATA_DIR) + "/mail/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

InboundEmail Parse(const std::string& fixture) {
  auto email = ParseInboundEmail(Fixture(fixture));
  EXPECT_TRUE(email) << fixture << ": " << email.error().message();
  return email ? *email : InboundEmail{};
}

TEST(InboundEmail, APlainRequestWithAnEncodedName) {
  InboundEmail email = Parse("request_en.eml");
  EXPECT_EQ(email.kind, InboundKind::kMessage);
  EXPECT_EQ(email.from_address, "Ana@Example.com");
  EXPECT_EQ(email.from_name, "Ana Núñez");
  EXPECT_EQ(email.subject, "Delete my account please");
  EXPECT_EQ(email.message_id, "req-en-1@mail.example.com");
  EXPECT_THAT(email.text, HasSubstr("erase all the personal data"));
  EXPECT_THAT(email.thread_ids, IsEmpty());
  EXPECT_THAT(email.attachments, IsEmpty());
}

TEST(InboundEmail, HtmlOnlyInLatin1BecomesUtf8Words) {
  InboundEmail email = Parse("request_es_html.eml");
  EXPECT_EQ(email.subject, "Información personal");
  EXPECT_THAT(email.text, HasSubstr("Quiero saber qué datos personales tienen sobre mí"));
  EXPECT_THAT(email.text, HasSubstr("comparten & por qué."));
  EXPECT_THAT(email.text, HasSubstr("Gracias\u00a0\u2014 Luis"));
  EXPECT_THAT(email.text, Not(HasSubstr("alert")));
  EXPECT_THAT(email.text, Not(HasSubstr("color")));
  EXPECT_THAT(email.text, Not(HasSubstr("<p>")));
}

TEST(InboundEmail, ThePlainAlternativeWinsAndAttachmentsAreDecoded) {
  InboundEmail email = Parse("request_attachment.eml");
  EXPECT_EQ(email.text,
            "Please send me a copy of the personal information you have about me. My ID is "
            "attached.");
  ASSERT_EQ(email.attachments.size(), 1U);
  EXPECT_EQ(email.attachments[0].filename, "id card.pdf");
  EXPECT_EQ(email.attachments[0].content_type, "application/pdf");
  EXPECT_EQ(email.attachments[0].bytes, "%PDF-1.4\n%\xC7\xEC\x8F\xA2\n%%EOF\n");
}

TEST(InboundEmail, ARepliesThreadIdsInOrderWithoutDuplicates) {
  InboundEmail email = Parse("reply.eml");
  EXPECT_EQ(email.kind, InboundKind::kMessage);
  EXPECT_THAT(email.thread_ids,
              ElementsAre("ntc-0190f5c2-aaaa-7bbb-8ccc-123456789abc-1-0@acme.example",
                          "req-en-1@mail.example.com"));
}

TEST(InboundEmail, ABounceNamesTheMessageThatBouncedAndIfForGood) {
  InboundEmail email = Parse("bounce.eml");
  EXPECT_EQ(email.kind, InboundKind::kBounce);
  EXPECT_EQ(email.bounced_message_id, "ntc-0190f5c2-aaaa-7bbb-8ccc-123456789abc-1-0@acme.example");
  EXPECT_TRUE(email.bounce_permanent);
  std::string delayed = Fixture("bounce.eml");
  delayed.replace(delayed.find("Status: 5.1.1"), 13, "Status: 4.4.1");
  auto parsed = ParseInboundEmail(delayed);
  ASSERT_TRUE(parsed);
  EXPECT_FALSE(parsed->bounce_permanent);
}

TEST(InboundEmail, AutoRepliesAreRecognisedByHeaderOrSubject) {
  EXPECT_EQ(Parse("auto_reply.eml").kind, InboundKind::kAutoReply);
  std::string by_subject =
      "From: a@example.com\r\nSubject: Out of Office: back Monday\r\n\r\nAway.\r\n";
  EXPECT_EQ(ParseInboundEmail(by_subject)->kind, InboundKind::kAutoReply);
  std::string list = "From: a@example.com\r\nList-Id: <news.example.com>\r\n\r\nNews.\r\n";
  EXPECT_EQ(ParseInboundEmail(list)->kind, InboundKind::kAutoReply);
  std::string person = "From: a@example.com\r\nAuto-Submitted: no\r\n\r\nDelete me.\r\n";
  EXPECT_EQ(ParseInboundEmail(person)->kind, InboundKind::kMessage);
}

TEST(InboundEmail, WhatIsNotAMessageIsAClearError) {
  for (std::string bad : {std::string(), std::string("just some text"),
                          std::string("Subject: no sender\r\n\r\nbody\r\n")}) {
    auto parsed = ParseInboundEmail(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
  }
  EXPECT_THAT(ParseInboundEmail(std::string(kMaxInboundBytes + 1, 'a')).error().message(),
              HasSubstr("25 MB"));
}

}  // namespace
}  // namespace rightsdesk::messaging
