// The messages' templates: each kind in English and Spanish, the most specific template chosen,
// what a consumer typed kept as typed (text mail), and English when a language has none.
#include "messaging/mail_templates.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <tuple>

namespace rightsdesk::messaging {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

nlohmann::json Context() {
  return {{"business", "Acme"},
          {"reference", "RD-2026-00007"},
          {"name", "<b>Ana</b> & Zoë"},
          {"type_title", "Delete my information"},
          {"received_on", "November 25, 2026"},
          {"respond_by", "January 9, 2027"},
          {"status_url", "https://privacy.acme.example/privacy/status/x/rds_y"},
          {"proof", "We will match two pieces of information."},
          {"needs_proof", true},
          {"type_delete", true}};
}

TEST(MailTemplates, AcknowledgmentInEnglishAndSpanish) {
  auto templates = MailTemplates::Load();
  ASSERT_TRUE(templates) << templates.error().message();
  auto en = templates->Render({"acknowledgment", "delete", "US-CA", "en"}, Context());
  ASSERT_TRUE(en) << en.error().message();
  EXPECT_EQ(en->subject, "Acme: we received your privacy request RD-2026-00007");
  EXPECT_THAT(en->text, HasSubstr("Hello <b>Ana</b> & Zoë,"));  // text mail: as typed
  EXPECT_THAT(en->text, HasSubstr("January 9, 2027"));
  EXPECT_THAT(en->text, HasSubstr("https://privacy.acme.example/privacy/status/x/rds_y"));
  EXPECT_THAT(en->text, HasSubstr("We delete the personal information"));
  EXPECT_THAT(en->text, Not(HasSubstr("download a copy")));  // another type's step
  auto es = templates->Render({"acknowledgment", "delete", "US-CA", "es"}, Context());
  ASSERT_TRUE(es);
  EXPECT_EQ(es->subject, "Acme: hemos recibido su solicitud de privacidad RD-2026-00007");
  EXPECT_THAT(es->text, HasSubstr("Eliminamos la información personal"));
}

TEST(MailTemplates, AnUnknownLanguageFallsBackToEnglishAndAnUnknownKindIsNotFound) {
  auto templates = MailTemplates::Load();
  ASSERT_TRUE(templates);
  auto fr = templates->Render({"acknowledgment", "delete", "US-CA", "fr"}, Context());
  ASSERT_TRUE(fr);
  EXPECT_THAT(fr->subject, HasSubstr("we received"));
  auto none = templates->Render({"no_such_kind", "delete", "US-CA", "en"}, Context());
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), ErrorCode::kNotFound);
}

TEST(MailTemplates, EveryKindTheLedgerQueuesHasEnglishAndSpanish) {
  auto templates = MailTemplates::Load();
  ASSERT_TRUE(templates);
  for (const char* kind : {"acknowledgment", "extension_notice", "status_update"}) {
    auto en = templates->Render({kind, "access", "US-CA", "en"}, Context());
    auto es = templates->Render({kind, "access", "US-CA", "es"}, Context());
    ASSERT_TRUE(en) << kind;
    ASSERT_TRUE(es) << kind;
    EXPECT_NE(en->subject, es->subject) << kind << " has no Spanish of its own";
  }
}

TEST(MailTemplates, TheSurveyLinkRidesInClosingMessagesAndItsOwnInviteInBothLanguages) {
  auto templates = MailTemplates::Load();
  ASSERT_TRUE(templates);
  nlohmann::json with_link = Context();
  with_link["feedback_url"] = "https://privacy.example/privacy/feedback/r1/rdf_x";
  for (const char* kind : {"status_update", "verification_failed", "feedback_invite"}) {
    for (const char* lang : {"en", "es"}) {
      auto mail = templates->Render({kind, "access", "US-CA", lang}, with_link);
      ASSERT_TRUE(mail) << kind << " " << lang;
      EXPECT_THAT(mail->text, HasSubstr("/privacy/feedback/r1/rdf_x")) << kind << " " << lang;
    }
  }
  auto without = templates->Render({"status_update", "access", "US-CA", "en"}, Context());
  ASSERT_TRUE(without);
  EXPECT_THAT(without->text, Not(HasSubstr("How did we do?")));
  auto es = templates->Render({"feedback_invite", "access", "US-CA", "es"}, with_link);
  auto en = templates->Render({"feedback_invite", "access", "US-CA", "en"}, with_link);
  ASSERT_TRUE(es && en);
  EXPECT_NE(es->subject, en->subject);
}

TEST(MailTemplates, AFailedVerificationSaysWhatFollowsInEnglishAndSpanish) {
  auto templates = MailTemplates::Load();
  ASSERT_TRUE(templates);
  nlohmann::json as_categories = Context();
  as_categories["fallback_answer_as_categories"] = true;
  auto en = templates->Render({"verification_failed", "categories", "US-CA", "en"}, as_categories);
  ASSERT_TRUE(en) << en.error().message();
  EXPECT_THAT(en->subject, HasSubstr("could not confirm your identity"));
  EXPECT_THAT(en->text, HasSubstr("as a request to know the categories"));
  EXPECT_THAT(en->text, Not(HasSubstr("Do Not Sell or Share")));
  nlohmann::json denied = Context();
  denied["fallback_deny_offer_opt_out"] = true;
  auto es = templates->Render({"verification_failed", "delete", "US-CA", "es"}, denied);
  ASSERT_TRUE(es) << es.error().message();
  EXPECT_THAT(es->subject, HasSubstr("no pudimos confirmar su identidad"));
  EXPECT_THAT(es->text, HasSubstr("No vender ni compartir"));
  EXPECT_THAT(es->text, Not(HasSubstr("categorías de datos")));
}

// Messages to staff and to the company's recipients are in English only; each renders what its
// reader must act on.
TEST(MailTemplates, FulfilmentMessagesNameWhatToDo) {
  auto templates = MailTemplates::Load();
  ASSERT_TRUE(templates);
  nlohmann::json context = Context();
  context.update({{"package_url", "https://privacy.acme.example/privacy/package/p/rdp_x"},
                  {"expires_on", "December 3, 2026"},
                  {"system", "crm"},
                  {"due_on", "2026-12-10"},
                  {"steps", 3},
                  {"task_id", "t-1"},
                  {"console_url", "https://acme.example/console/requests/RD-2026-00007"},
                  {"recipient", "Payment processor"},
                  {"certificate_id", "c-9"},
                  {"consumer_email", "ana@example.com"}});
  auto ready = templates->Render({"package_ready", "access", "US-CA", "es"}, context);
  ASSERT_TRUE(ready) << ready.error().message();
  EXPECT_THAT(ready->text, HasSubstr("https://privacy.acme.example/privacy/package/p/rdp_x"));
  auto task = templates->Render({"manual_task", "delete", "US-CA", "en"}, context);
  ASSERT_TRUE(task) << task.error().message();
  EXPECT_THAT(task->subject, HasSubstr("Task for crm"));
  EXPECT_THAT(task->text, HasSubstr("rightsdesk task show t-1"));
  auto recipient = templates->Render({"recipient_deletion", "delete", "US-CA", "en"}, context);
  ASSERT_TRUE(recipient) << recipient.error().message();
  EXPECT_THAT(recipient->text, HasSubstr("ana@example.com"));
  EXPECT_THAT(recipient->text, HasSubstr("c-9"));
  EXPECT_THAT(recipient->text, HasSubstr("§1798.105(c)(1)"));
  // Each notice names its legal basis and the consumer the recipient must find.
  for (const auto& [kind, type, basis] :
       {std::tuple{"recipient_opt_out", "opt_out", "§7026(f)"},
        std::tuple{"recipient_limit", "limit", "§7027(g)"},
        std::tuple{"recipient_correction", "correct", "§7023(c)"}}) {
    auto notice = templates->Render({kind, type, "US-CA", "en"}, context);
    ASSERT_TRUE(notice) << kind << ": " << notice.error().message();
    EXPECT_THAT(notice->text, HasSubstr("ana@example.com")) << kind;
    EXPECT_THAT(notice->text, HasSubstr(basis)) << kind;
    EXPECT_THAT(notice->text, HasSubstr("Payment processor")) << kind;
  }
}

TEST(MailTemplates, StringsAreThePrivacyCentersWords) {
  auto templates = MailTemplates::Load();
  ASSERT_TRUE(templates);
  EXPECT_EQ(templates->Strings("es").at("month_names").at(0), "enero");
  EXPECT_EQ(templates->Strings("xx").at("month_names").at(0), "January");
}

}  // namespace
}  // namespace rightsdesk::messaging
