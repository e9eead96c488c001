// The browser's input (forms, cookies, languages) and the page templates' escaping.
#include "http/html/web_input.h"

#include <gtest/gtest.h>

#include "http/html/templates.h"

namespace rightsdesk::http::html {
namespace {

Request FormRequest(std::string content_type, std::string body) {
  Request request{beast_http::verb::post, "/privacy/request", 11};
  request.set(beast_http::field::content_type, content_type);
  request.body() = std::move(body);
  return request;
}

TEST(FormBody, DecodesUrlEncodedFields) {
  auto fields = ReadFormBody(FormRequest("application/x-www-form-urlencoded; charset=UTF-8",
                                         "email=ana%40example.com&name=Ana+N%C3%BA%C3%B1ez&x="));
  ASSERT_TRUE(fields);
  EXPECT_EQ(fields->at("email"), "ana@example.com");
  EXPECT_EQ(fields->at("name"), "Ana Núñez");
  EXPECT_EQ(fields->at("x"), "");
}

TEST(FormBody, RefusesOtherTypesAndBadEscapes) {
  EXPECT_EQ(ReadFormBody(FormRequest("application/json", "{}")).error().result_int(), 415U);
  EXPECT_EQ(ReadFormBody(FormRequest("multipart/form-data", "")).error().result_int(), 415U);
  EXPECT_EQ(
      ReadFormBody(FormRequest("application/x-www-form-urlencoded", "a=%zz")).error().result_int(),
      400U);
  EXPECT_EQ(ReadFormBody(FormRequest("application/x-www-form-urlencoded", "a=1&a=2"))
                .error()
                .result_int(),
            400U);
}

TEST(Cookies, FindsTheNamedValue) {
  EXPECT_EQ(CookieValue("a=1; rd_session=rdc_x; b=2", "rd_session"), "rdc_x");
  EXPECT_EQ(CookieValue("rd_session=v", "rd_session"), "v");
  EXPECT_EQ(CookieValue("xrd_session=v; rd_session_old=w", "rd_session"), std::nullopt);
  EXPECT_EQ(CookieValue("", "rd_session"), std::nullopt);
  EXPECT_EQ(CookieValue(";;=;rd_session", "rd_session"), std::nullopt);
}

TEST(Language, ExplicitChoiceThenBrowserThenEnglish) {
  EXPECT_EQ(ChooseLanguage({{"lang", "es"}}, "en-US"), "es");
  EXPECT_EQ(ChooseLanguage({{"lang", "fr"}}, "es-MX,es;q=0.9"), "es");
  EXPECT_EQ(ChooseLanguage({}, "fr-FR, ES-419;q=0.8, en;q=0.5"), "es");
  EXPECT_EQ(ChooseLanguage({}, "de"), "en");
  EXPECT_EQ(ChooseLanguage({}, ""), "en");
}

TEST(Templates, LoadEveryTemplateAndBothLanguages) {
  auto templates = Templates::Load();
  ASSERT_TRUE(templates) << templates.error().message();
  const auto& en = templates->Strings("en");
  const auto& es = templates->Strings("es");
  for (const auto& [key, value] : en.items()) EXPECT_TRUE(es.contains(key)) << key;
  for (const auto& [key, value] : es.items()) EXPECT_TRUE(en.contains(key)) << key;
  EXPECT_EQ(&templates->Strings("fr"), &en);
  EXPECT_NE(templates->StaticFile("site.css"), nullptr);
}

TEST(Templates, EscapeWhatAConsumerTyped) {
  auto templates = Templates::Load();
  ASSERT_TRUE(templates);
  std::string page =
      templates->Render("portal_message", {{"heading", "<script>alert(1)</script>"},
                                           {"text", "\"><img src=x onerror=alert(1)>'"},
                                           {"lang", "en"},
                                           {"t", templates->Strings("en")}});
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&apos;"), std::string::npos);
}

}  // namespace
}  // namespace rightsdesk::http::html
