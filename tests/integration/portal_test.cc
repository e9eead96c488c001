// The privacy center over real HTTP with the real store: pages in both languages, the form and
// its errors, the confirmation and status pages, authorized agents, Global Privacy Control and
// the per-email limit.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/preferences.h"
#include "http_client.h"

namespace rightsdesk::testing {
namespace {

using bhttp::verb;
using ::testing::HasSubstr;
using ::testing::Not;

class PortalTest : public ServerFixture {
 protected:
  Reply Get(const std::string& target, const Headers& headers = {}) {
    return Send(port_, verb::get, target, "", "", "", headers);
  }
  Reply Submit(const std::string& body, const Headers& headers = {}) {
    return Send(port_, verb::post, "/privacy/request", body, kForm, "", headers);
  }
  std::size_t EventsNamed(const std::string& action) {
    struct Counter : store::TrailVisitor {
      std::string action;
      std::size_t n = 0;
      void Begin(std::vector<Checkpoint>, std::optional<store::ChainHead>) override {}
      bool Event(const AuditEvent& e) override {
        if (e.action == action) ++n;
        return true;
      }
    } counter;
    counter.action = action;
    EXPECT_TRUE(installation_->trail().ReadTrail(counter));
    return counter.n;
  }
  static std::string StatusLinkIn(const std::string& page) {
    auto at = page.find("/privacy/status/");
    return at == std::string::npos ? "" : page.substr(at, page.find('"', at) - at);
  }
};

TEST_F(PortalTest, TheStatusPageShowsHowManyRecipientsWereToldButNeverWhich) {
  Reply done = Submit("type=opt_out&email=zoe%40example.com&jurisdiction=US-CA&lang=en");
  ASSERT_EQ(done.status, 200U) << done.text;
  const std::string link = StatusLinkIn(done.text);
  EXPECT_THAT(Get(link).text, Not(HasSubstr("data-testid=\"partners\"")));  // nothing sent yet
  DataMap map;
  map.recipients = {{.name = "Ad network",
                     .kind = Recipient::Kind::kThirdParty,
                     .notify_email = "privacy@ads.example"},
                    {.name = "Data broker", .kind = Recipient::Kind::kThirdParty}};
  auto page = installation_->requests().List({.limit = 1});
  ASSERT_TRUE(app::HonorPreferenceRequest(api_->services, installation_->preferences(), map,
                                          page->requests[0].reference, "staff:ana"));
  Reply status = Get(link);
  ASSERT_EQ(status.status, 200U);
  // Queued, not yet delivered: none of the two told so far; no business named.
  EXPECT_THAT(status.text, HasSubstr("told of your request</dt>"));
  EXPECT_THAT(status.text, HasSubstr("0 of 2"));
  EXPECT_THAT(status.text, Not(HasSubstr("Ad network")));
  EXPECT_THAT(status.text, Not(HasSubstr("Data broker")));
}

TEST_F(PortalTest, HomeExplainsEveryRightInEnglishAndSpanish) {
  Reply en = Get("/privacy");
  ASSERT_EQ(en.status, 200U);
  EXPECT_EQ(en.content_type, "text/html; charset=utf-8");
  EXPECT_THAT(en.text, HasSubstr("<html lang=\"en\">"));
  for (const char* type : {"access", "categories", "delete", "correct", "opt_out", "limit"}) {
    EXPECT_THAT(en.text, HasSubstr(std::string("/privacy/request?type=") + type));
  }
  EXPECT_THAT(en.text, HasSubstr("We answer within 45 days."));
  EXPECT_THAT(en.text, HasSubstr("We answer within 15 business days."));  // opt-out, limit
  Reply es = Get("/privacy", {{"Accept-Language", "es-MX,es;q=0.9"}});
  EXPECT_THAT(es.text, HasSubstr("<html lang=\"es\">"));
  EXPECT_THAT(es.text, HasSubstr("Respondemos en un plazo de 45 días."));
  EXPECT_THAT(Get("/privacy?lang=en", {{"Accept-Language", "es"}}).text,
              HasSubstr("Privacy center"));
}

TEST_F(PortalTest, PagesCarryTheSecurityHeaders) {
  for (const char* path : {"/privacy", "/privacy/request", "/console/login"}) {
    Reply page = Get(path);
    EXPECT_THAT(page.headers["content-security-policy"], HasSubstr("default-src 'none'")) << path;
    EXPECT_THAT(page.headers["content-security-policy"], Not(HasSubstr("script-src"))) << path;
    EXPECT_EQ(page.headers["x-frame-options"], "DENY") << path;
    EXPECT_EQ(page.headers["x-content-type-options"], "nosniff") << path;
    EXPECT_EQ(page.headers["referrer-policy"], "same-origin") << path;
  }
  Reply css = Get("/static/site.css");
  EXPECT_EQ(css.status, 200U);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(Get("/").status, 303U);
}

TEST_F(PortalTest, SubmittingTheFormConfirmsAndTheStatusLinkWorks) {
  Reply done = Submit(
      "type=access&email=Ana%40Example.com&name=Ana+N%C3%BA%C3%B1ez"
      "&jurisdiction=US-CA&lang=es");
  ASSERT_EQ(done.status, 200U) << done.text;
  EXPECT_THAT(done.text, HasSubstr("Hemos recibido su solicitud"));
  EXPECT_THAT(done.text, HasSubstr("RD-2026-00001"));
  EXPECT_THAT(done.text, HasSubstr("8 de enero de 2027"));       // 45 days after Nov 24
  EXPECT_THAT(done.text, HasSubstr("10 de diciembre de 2026"));  // 10 business days
  std::string link = StatusLinkIn(done.text);
  ASSERT_FALSE(link.empty());
  Reply status = Get(link);
  ASSERT_EQ(status.status, 200U);
  EXPECT_THAT(status.text, HasSubstr("Recibida: la estamos revisando."));
  EXPECT_THAT(status.text, Not(HasSubstr("example.com")));
  EXPECT_EQ(Get(link + "0").status, 404U);
  const char other = link.back() == '0' ? '1' : '0';  // a different last character, always
  EXPECT_EQ(Get(link.substr(0, link.size() - 1) + other).status, 404U);
  auto page = installation_->requests().List({.limit = 10});
  ASSERT_EQ(page->requests.size(), 1U);
  EXPECT_EQ(page->requests[0].channel, Channel::kWeb);
  EXPECT_EQ(page->requests[0].language, "es");
  EXPECT_EQ(page->requests[0].subject.name, "Ana Núñez");
}

TEST_F(PortalTest, AnInvalidFieldIsShownBesideItsValuesKeptAndEscaped) {
  Reply bad =
      Submit("type=delete&email=not-an-address&name=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  ASSERT_EQ(bad.status, 422U);
  EXPECT_THAT(bad.text, HasSubstr("href=\"#email\""));
  EXPECT_THAT(bad.text, HasSubstr("value=\"not-an-address\" aria-invalid=\"true\""));
  EXPECT_THAT(bad.text, HasSubstr("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(bad.text, Not(HasSubstr("<script>")));
  EXPECT_TRUE(StoredEmails().empty());
  Reply no_type = Submit("email=a%40example.com");
  EXPECT_EQ(no_type.status, 422U);
  EXPECT_THAT(no_type.text, HasSubstr("href=\"#type-access\""));
  EXPECT_EQ(Send(port_, verb::post, "/privacy/request", "{}", "application/json").status, 415U);
}

TEST_F(PortalTest, AnAuthorizedAgentIsRecorded) {
  Reply done = Submit(
      "type=delete&email=consumer%40example.com&agent_name=Privacy+Helpers+Inc"
      "&agent_email=Desk%40Helpers.example");
  ASSERT_EQ(done.status, 200U) << done.text;
  auto page = installation_->requests().List({.limit = 10});
  ASSERT_EQ(page->requests.size(), 1U);
  EXPECT_EQ(page->requests[0].agent.name, "Privacy Helpers Inc");
  EXPECT_EQ(page->requests[0].agent.email, "desk@helpers.example");
  Reply half = Submit("type=delete&email=c2%40example.com&agent_email=desk%40helpers.example");
  EXPECT_EQ(half.status, 422U);
  EXPECT_THAT(half.text, HasSubstr("href=\"#agent_name\""));
}

TEST_F(PortalTest, GlobalPrivacyControlIsHonoredOncePerBrowserAndConsumer) {
  Reply plain = Get("/privacy");
  EXPECT_THAT(plain.text, Not(HasSubstr("Opt-Out Request Honored")));
  Reply first = Get("/privacy", {{"Sec-GPC", "1"}});
  EXPECT_THAT(first.text, HasSubstr("Opt-Out Request Honored"));
  std::string cookie = first.headers["set-cookie"];
  EXPECT_THAT(cookie, HasSubstr("rd_browser=rdb_"));
  EXPECT_THAT(cookie, HasSubstr("HttpOnly"));
  std::string id = cookie.substr(11, 68);
  EXPECT_EQ(EventsNamed("preference.opt_out_recorded"), 1U);
  Reply again = Get("/privacy", {{"Sec-GPC", "1"}, {"Cookie", "rd_browser=" + id}});
  EXPECT_THAT(again.text, HasSubstr("Opt-Out Request Honored"));
  EXPECT_EQ(again.headers.count("set-cookie"), 0U);
  EXPECT_EQ(EventsNamed("preference.opt_out_recorded"), 1U);
  auto browser = installation_->preferences().HasOptOut(store::PreferenceSubject::kBrowser, id);
  ASSERT_TRUE(browser);
  EXPECT_TRUE(*browser);
  // Submitting a request with GPC on makes the consumer known: their opt-out is recorded too.
  Reply done = Submit("type=access&email=gpc%40example.com",
                      {{"Sec-GPC", "1"}, {"Cookie", "rd_browser=" + id}});
  EXPECT_THAT(done.text, HasSubstr("Opt-Out Request Honored"));
  EXPECT_EQ(EventsNamed("preference.opt_out_recorded"), 2U);
  auto consumer = installation_->preferences().HasOptOut(store::PreferenceSubject::kConsumer,
                                                         "gpc@example.com");
  ASSERT_TRUE(consumer);
  EXPECT_TRUE(*consumer);
  Reply support = Get("/.well-known/gpc.json");
  EXPECT_EQ(support.body.at("gpc"), true);
}

class PortalEmailLimitTest : public PortalTest {
 protected:
  security::RateLimit EmailLimit() const override { return {.per_minute = 0.01, .burst = 2}; }
};

TEST_F(PortalEmailLimitTest, OneConsumersRequestsAreLimitedWhateverTheCase) {
  EXPECT_EQ(Submit("type=access&email=same%40example.com").status, 200U);
  EXPECT_EQ(Submit("type=delete&email=SAME%40example.com").status, 200U);
  Reply limited = Submit("type=opt_out&email=Same%40Example.com");
  EXPECT_EQ(limited.status, 429U);
  EXPECT_FALSE(limited.headers["retry-after"].empty());
  EXPECT_EQ(Submit("type=access&email=other%40example.com").status, 200U);
  Reply api = Post(R"({"type":"access","subject":{"email":"same@example.com"}})");
  EXPECT_EQ(api.status, 429U);
}

}  // namespace
}  // namespace rightsdesk::testing
