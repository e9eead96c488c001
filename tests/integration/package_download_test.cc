// Downloading an access package over real HTTP: a verified access request on the Chinook demo
// data gets its package, the consumer opens the link, asks for a one-time code (delivered by the
// real outbox to a real SMTP server), and only an accepted code releases the ZIP, once. Wrong,
// locked, used and expired codes are refused with what is left; too many codes is a 429; an
// expired link a 410; a malformed or unknown link the same 404. No code reaches the audit trail
// or the ledger in clear.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "app/access_delivery.h"
#include "app/casework.h"
#include "app/intake.h"
#include "app/outbox_delivery.h"
#include "config/datamap_loader.h"
#include "connectors/open_source.h"
#include "http_client.h"
#include "ledger_db.h"
#include "messaging/smtp_mailer.h"
#include "smtp_server.h"
#include "test_installation.h"

namespace rightsdesk::testing {
namespace {

using bhttp::verb;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kCustomer3 = "ftremblay@gmail.com";  // Chinook's customer 3

// A file of a ZIP held in memory; empty when absent.
std::string ZipEntry(const std::string& bytes, const char* name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    return "";
  }
  std::string data;
  zip_stat_t stat;
  if (zip_stat(archive, name, 0, &stat) == 0) {
    data.resize(static_cast<std::size_t>(stat.size));
    zip_file_t* file = zip_fopen(archive, name, 0);
    zip_fread(file, data.data(), data.size());
    zip_fclose(file);
  }
  zip_close(archive);
  return data;
}

class PackageDownloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spdlog::set_level(spdlog::level::warn);
    installation_ = NewInstallation(scratch_.path(), clock_);
    const app::DataDir dir{scratch_.path() / "data"};
    const std::filesystem::path demo = std::string(RIGHTSDESK_SOURCE_DIR) + "/demo";
    std::filesystem::copy_file(demo / "chinook/Chinook_Sqlite.sqlite", dir.root / "chinook.sqlite");
    std::filesystem::copy_file(demo / "datamap.toml", dir.datamap());
    auto map = config::LoadDataMapFile(dir.datamap());
    ASSERT_TRUE(map) << map.error().message();
    map_ = std::move(*map);
    StartServer();
    smtp_.Start();
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  app::Services Services() {
    return {installation_->ruleset(),    installation_->requests(), clock_, zones_, random_,
            &installation_->fulfilment()};
  }

  void StartServer() {
    auto templates = http::html::Templates::Load();
    ASSERT_TRUE(templates) << templates.error().message();
    templates_.emplace(std::move(*templates));
    api_.emplace(http::ApiContext{.services = Services(),
                                  .tokens = installation_->tokens(),
                                  .trail = installation_->trail(),
                                  .public_key = installation_->public_key(),
                                  .templates = &*templates_,
                                  .preferences = &installation_->preferences(),
                                  .users = &installation_->users(),
                                  .codes = &installation_->codes()});
    router_.emplace(http::BuildRoutes(*api_));
    server_ = std::make_unique<http::HttpServer>(*router_, http::ServerOptions{.port = 0});
    ASSERT_TRUE(server_->Listen());
    port_ = server_->port();
    thread_ = std::thread([this] { server_->Run(); });
  }

  // A verified access request of customer 3, its package issued; returns the link's path.
  std::string IssuePackage() {
    const app::Services services = Services();
    auto submitted = app::SubmitRequest(
        services, {.type = "access", .email = kCustomer3, .name = "François Tremblay"}, "test");
    EXPECT_TRUE(submitted) << submitted.error().message();
    request_ = submitted->request;
    auto verified = app::TransitionTo(services, request_.id, "verified", "3 points", "staff:ana");
    EXPECT_TRUE(verified) << verified.error().message();
    app::Fulfilment fulfilment(
        services, map_,
        [this](const SystemMap& system) { return connectors::OpenDataSource(system, clock_); },
        app::RetryPolicy{});
    auto issued =
        app::IssueAccessPackage(services, fulfilment, request_.reference, {}, {}, "staff:ana");
    EXPECT_TRUE(issued) << issued.error().message();
    return issued ? issued->link_path : "";
  }

  Reply Get(const std::string& target, const Headers& headers = {}) {
    return Send(port_, verb::get, target, "", "", "", headers);
  }
  Reply Post(const std::string& target, const std::string& body, const Headers& headers = {}) {
    return Send(port_, verb::post, target, body, kForm, "", headers);
  }
  Reply AskCode(const std::string& link, const std::string& lang = "en") {
    return Post(link + "/code", "lang=" + lang);
  }
  Reply TypeCode(const std::string& link, const std::string& code) {
    return Post(link + "/download", "lang=en&code=" + code);
  }

  // Delivers the outbox to the SMTP server and returns the newest one-time code it received.
  std::string DeliveredCode() {
    messaging::SmtpMailer mailer(
        {.url = smtp_.url(), .require_tls = false, .timeout = std::chrono::seconds(5)}, clock_);
    auto templates = messaging::MailTemplates::Load();
    EXPECT_TRUE(templates);
    auto report = app::DeliverDueNotices(Services(), installation_->outbox(), *templates, mailer,
                                         {.business = "Acme",
                                          .from_address = "privacy@acme.example",
                                          .public_url = "https://privacy.acme.example"});
    EXPECT_TRUE(report) << report.error().message();
    const std::regex code_line("\n    ([0-9]{6})\r?\n");
    for (const ReceivedMail& mail : smtp_.Received()) {
      std::smatch found;
      if (!std::regex_search(mail.body, found, code_line) || seen_.contains(found[1])) continue;
      EXPECT_THAT(mail.subject, Not(HasSubstr(found[1].str())));
      EXPECT_EQ(mail.headers.at("To"), std::string("<") + kCustomer3 + ">");
      seen_.insert(found[1]);
      last_mail_ = mail.body;
      return found[1];
    }
    ADD_FAILURE() << "no new one-time code was delivered";
    return "";
  }

  static std::string Other(const std::string& code) {
    std::string other = code;
    other[5] = code[5] == '9' ? '0' : static_cast<char>(code[5] + 1);
    return other;
  }

  std::string Trail() {
    auto events = installation_->requests().EventsOf(request_.id);
    EXPECT_TRUE(events);
    std::string text;
    for (const AuditEvent& event : events.value_or(std::vector<AuditEvent>{})) {
      text += event.action + " " + event.details + "\n";
    }
    return text;
  }

  void Later(std::chrono::seconds by) { clock_.Set(clock_.Now() + by); }

  ScratchDir scratch_;
  FixedClock clock_{*ParseInstant("2026-11-24T18:00:00.000000Z")};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
  DataMap map_;
  Request request_;
  std::optional<http::html::Templates> templates_;
  std::optional<http::ApiContext> api_;
  std::optional<http::Router> router_;
  std::unique_ptr<http::HttpServer> server_;
  unsigned short port_ = 0;
  std::thread thread_;
  SmtpServer smtp_{scratch_.path() / "maildir"};
  std::set<std::string> seen_;
  std::string last_mail_;
};

TEST_F(PackageDownloadTest, TheLinkAsksForACodeAndTheRightCodeDownloadsTheZipOnce) {
  const std::string link = IssuePackage();
  ASSERT_FALSE(link.empty());
  Reply page = Get(link);
  ASSERT_EQ(page.status, 200U) << page.text;
  EXPECT_THAT(page.text, HasSubstr("Your personal information is ready"));
  EXPECT_THAT(page.text, HasSubstr(request_.reference));
  EXPECT_THAT(page.text, HasSubstr("December 1, 2026"));  // 7 days, in Los Angeles
  EXPECT_THAT(page.text, HasSubstr("action=\"" + link + "/code\""));
  EXPECT_THAT(page.text, Not(HasSubstr("gmail")));
  EXPECT_EQ(page.headers["cache-control"], "no-store");
  EXPECT_THAT(Get(link + "?lang=es").text, HasSubstr("Su información personal está lista"));

  Reply form = AskCode(link);
  ASSERT_EQ(form.status, 200U) << form.text;
  EXPECT_THAT(form.text, HasSubstr("action=\"" + link + "/download\""));
  EXPECT_THAT(form.text, HasSubstr("autocomplete=\"one-time-code\""));
  const std::string code = DeliveredCode();
  ASSERT_EQ(code.size(), 6U);
  EXPECT_THAT(last_mail_, HasSubstr("10 minutes"));
  EXPECT_THAT(last_mail_, HasSubstr("download the copy of your personal information"));

  Reply wrong = TypeCode(link, Other(code));
  EXPECT_EQ(wrong.status, 422U);
  EXPECT_THAT(wrong.text, HasSubstr("That code is not right. Attempts left with this code: 4."));
  Reply typo = TypeCode(link, "12ab");
  EXPECT_EQ(typo.status, 422U);
  EXPECT_THAT(typo.text, HasSubstr("Please type the 6 digits"));

  Reply zip = TypeCode(link, code.substr(0, 3) + "+" + code.substr(3));  // "123 456"
  ASSERT_EQ(zip.status, 200U) << zip.text;
  EXPECT_EQ(zip.content_type, "application/zip");
  EXPECT_EQ(zip.headers["content-disposition"],
            "attachment; filename=\"" + request_.reference +
                "-personal-information.zip\"; filename*=UTF-8''" + request_.reference +
                "-personal-information.zip");
  EXPECT_EQ(zip.headers["cache-control"], "no-store");
  ASSERT_TRUE(zip.text.starts_with("PK"));
  auto data = nlohmann::json::parse(ZipEntry(zip.text, "data.json"), nullptr, false);
  ASSERT_FALSE(data.is_discarded());
  const auto& customers = data["systems"][0]["tables"][0];
  EXPECT_EQ(customers["name"], "Customer");
  ASSERT_EQ(customers["records"].size(), 1U);
  EXPECT_EQ(customers["records"][0]["key"], 3);
  for (const auto& table : data["systems"][0]["tables"]) {
    for (const auto& record : table["records"]) {
      for (const auto& field : record["fields"]) {
        if (field["name"] == "CustomerId") {
          EXPECT_EQ(field["value"], 3) << table["name"];
        }
      }
    }
  }

  Reply again = TypeCode(link, code);
  EXPECT_EQ(again.status, 422U);
  EXPECT_THAT(again.text, HasSubstr("That code has already been used."));
  EXPECT_THAT(again.text, Not(HasSubstr("PK")));
  EXPECT_EQ((*installation_->fulfilment().PackagesOf(request_.id))[0].downloads, 1);

  const std::string trail = Trail();
  EXPECT_THAT(trail, HasSubstr("code.issued"));
  EXPECT_THAT(trail, HasSubstr("code.refused {\"attempts_left\":4,\"code_id\""));
  EXPECT_THAT(trail, HasSubstr("\"reason\":\"wrong\""));
  EXPECT_THAT(trail, HasSubstr("code.accepted"));
  EXPECT_THAT(trail, HasSubstr("\"reason\":\"used\""));
  EXPECT_THAT(trail, HasSubstr("package.downloaded"));
  EXPECT_THAT(trail, Not(HasSubstr(code)));
  EXPECT_THAT(trail, Not(HasSubstr(Other(code))));
  EXPECT_THAT(trail, Not(HasSubstr("gmail")));
}

TEST_F(PackageDownloadTest, FiveWrongCodesLockTheCodeAndANewCodeWorks) {
  const std::string link = IssuePackage();
  ASSERT_EQ(AskCode(link).status, 200U);
  const std::string first = DeliveredCode();
  for (int left = 4; left >= 1; --left) {
    Reply wrong = TypeCode(link, Other(first));
    EXPECT_EQ(wrong.status, 422U);
    EXPECT_THAT(wrong.text, HasSubstr("Attempts left with this code: " + std::to_string(left)));
  }
  Reply fifth = TypeCode(link, Other(first));
  EXPECT_EQ(fifth.status, 422U);
  EXPECT_THAT(fifth.text, HasSubstr("typed wrong too many times"));
  EXPECT_THAT(fifth.text, HasSubstr("Send me a new code"));
  Reply locked = TypeCode(link, first);  // even the right one
  EXPECT_EQ(locked.status, 422U);
  EXPECT_THAT(locked.text, HasSubstr("typed wrong too many times"));

  ASSERT_EQ(AskCode(link).status, 200U);
  const std::string second = DeliveredCode();
  Reply zip = TypeCode(link, second);
  EXPECT_EQ(zip.status, 200U);
  EXPECT_TRUE(zip.text.starts_with("PK"));
  EXPECT_THAT(Trail(), HasSubstr("\"reason\":\"locked\""));
}

TEST_F(PackageDownloadTest, ParallelRequestsNeverExceedTheLimits) {
  const std::string link = IssuePackage();
  std::vector<unsigned> asked(8);
  {
    std::vector<std::jthread> clients;
    for (unsigned& status : asked) {
      clients.emplace_back([this, &link, slot = &status] { *slot = AskCode(link).status; });
    }
  }
  EXPECT_EQ(std::count(asked.begin(), asked.end(), 200U), 5);
  EXPECT_EQ(std::count(asked.begin(), asked.end(), 429U), 3);
  DeliveredCode();
  bool zeros_sent = false;  // "000000" is the wrong guess below, unless it was drawn
  for (const ReceivedMail& mail : smtp_.Received()) {
    zeros_sent = zeros_sent || mail.body.find("    000000") != std::string::npos;
  }
  std::vector<std::string> pages(10);
  {
    std::vector<std::jthread> guesses;
    for (std::string& page : pages) {
      guesses.emplace_back([this, &link, slot = &page] { *slot = TypeCode(link, "000000").text; });
    }
  }
  const auto count = [&](const std::string& text) {
    return std::count_if(pages.begin(), pages.end(),
                         [&](const std::string& page) { return page.find(text) != page.npos; });
  };
  if (!zeros_sent) {
    EXPECT_EQ(count("That code is not right."), 4);
    EXPECT_EQ(count("typed wrong too many times"), 6);
  }
}

TEST_F(PackageDownloadTest, ACodeExpiresAfterTenMinutesAndAnEarlierCodeStopsWorking) {
  const std::string link = IssuePackage();
  ASSERT_EQ(AskCode(link).status, 200U);
  const std::string first = DeliveredCode();
  Reply spanish = AskCode(link, "es");
  ASSERT_EQ(spanish.status, 200U);
  EXPECT_THAT(spanish.text, HasSubstr("Hemos enviado un código de 6 dígitos"));
  const std::string second = DeliveredCode();
  EXPECT_THAT(last_mail_, HasSubstr("Su código de un solo uso es"));
  EXPECT_THAT(last_mail_, HasSubstr("durante 10 minutos"));
  if (first != second) {
    EXPECT_EQ(TypeCode(link, first).status, 422U) << "superseded";
  }
  Later(std::chrono::seconds(10 * 60));
  Reply expired = TypeCode(link, second);
  EXPECT_EQ(expired.status, 422U);
  EXPECT_THAT(expired.text, HasSubstr("That code has expired"));
  EXPECT_THAT(Trail(), HasSubstr("\"reason\":\"expired\""));
}

TEST_F(PackageDownloadTest, TheSixthCodeIsRefusedWith429) {
  const std::string link = IssuePackage();
  for (int i = 0; i < 5; ++i) ASSERT_EQ(AskCode(link).status, 200U) << i;
  Reply refused = AskCode(link);
  EXPECT_EQ(refused.status, 429U);
  EXPECT_THAT(refused.text, HasSubstr("No more codes for this link"));
  EXPECT_THAT(refused.text, HasSubstr("/privacy/request?type=access"));
  EXPECT_THAT(Trail(), HasSubstr("\"reason\":\"too_many_issued\""));
  EXPECT_EQ(QueryText(scratch_.path() / "data/rightsdesk.db",
                      "SELECT count(*) FROM outbox WHERE kind = 'one_time_code'"),
            "5");
}

TEST_F(PackageDownloadTest, AnExpiredLinkIsGoneAndABadLinkIsTheSame404) {
  const std::string link = IssuePackage();
  const std::string id = link.substr(17, 36);
  Later(std::chrono::hours(7 * 24));
  for (Reply gone : {Get(link), AskCode(link), TypeCode(link, "123456")}) {
    EXPECT_EQ(gone.status, 410U);
    EXPECT_THAT(gone.text, HasSubstr("This download link has expired"));
    EXPECT_THAT(gone.text, HasSubstr("href=\"/privacy/request?type=access&amp;lang=en\""));
  }
  Reply malformed = Get("/privacy/package/" + id + "/rdp_123");
  Reply unknown = Get("/privacy/package/" + id + "/rdp_" + std::string(64, 'a'));
  Reply other_id = Get("/privacy/package/00000000-0000-7000-8000-000000000000/" + link.substr(54));
  for (const Reply* bad : {&malformed, &unknown, &other_id}) {
    EXPECT_EQ(bad->status, 404U);
    EXPECT_THAT(bad->text, HasSubstr("We could not find this download"));
    EXPECT_EQ(bad->text, malformed.text) << "never says which";
  }
  EXPECT_EQ(Post("/privacy/package/" + id + "/rdp_123/code", "lang=en").status, 404U);
}

TEST_F(PackageDownloadTest, ACrossSiteFormIsRefusedAndNoCodeIsSent) {
  const std::string link = IssuePackage();
  Reply refused = Post(link + "/code", "lang=en", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(refused.status, 403U);
  EXPECT_THAT(Trail(), Not(HasSubstr("code.issued")));
  EXPECT_EQ(Post(link + "/code", "lang=en", {{"Origin", "http://localhost"}}).status, 200U);
}

TEST_F(PackageDownloadTest, CodesAreKeptOnlyAsKeyedHashes) {
  const std::string link = IssuePackage();
  ASSERT_EQ(AskCode(link).status, 200U);
  const std::string code = DeliveredCode();
  const auto db = scratch_.path() / "data/rightsdesk.db";
  EXPECT_EQ(QueryText(db, "SELECT length(code_hash) FROM one_time_codes"), "32");
  const std::string needle = "CAST('" + code + "' AS BLOB)";
  EXPECT_EQ(QueryText(db, "SELECT count(*) FROM one_time_codes WHERE instr(code_hash, " + needle +
                              ") OR instr(CAST(purpose AS BLOB), " + needle + ")"),
            "0");
  EXPECT_EQ(QueryText(db, "SELECT count(*) FROM outbox WHERE instr(params_sealed, " + needle + ")"),
            "0");
}

}  // namespace
}  // namespace rightsdesk::testing
