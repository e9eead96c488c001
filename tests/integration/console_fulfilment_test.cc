// The console's fulfilment work over real HTTP, on the Chinook sample in SQLite: a request's page
// searches every system and shows what each held (or why it could not be searched), offers the
// access package, plans a deletion that staff approve by its digest and certifies it; manual
// tasks are worked with their checklist and attachments; the data map is shown to staff and
// edited only by admins, never saved when it does not validate.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "app/casework.h"
#include "app/fulfilment_desk.h"
#include "connectors/open_source.h"
#include "console_fixture.h"
#include "core/erasure_certificate.h"
#include "platform/files.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A system without a connector, worked by its owner through a manual task.
constexpr const char* kPaperArchive = R"(
[[system]]
name = "paper-archive"
description = "Signed paper contracts in the office archive"
owner = "archive@example.com"
connector = "manual"
purposes = ["Contracts"]
sources = ["The consumer"]
retention = "10 years"
)";

constexpr const char* kLuis = "luisg@embraer.com.br";  // Chinook customer 1

std::string ConsoleSlurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Match(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

class ConsoleFulfilmentTest : public ConsoleFixture {
 protected:
  virtual std::string MoreSystems() const { return ""; }

  void Configure(http::ApiContext& api) override {
    const auto data = scratch_.path() / "data";
    std::filesystem::copy_file(
        std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/chinook/Chinook_Sqlite.sqlite",
        data / "chinook.sqlite");
    std::ofstream(data / "datamap.toml")
        << ConsoleSlurp(std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/datamap.toml") << MoreSystems();
    desk_ = {
        .datamap_file = data / "datamap.toml",
        .certificates_dir = data / "certificates",
        .open =
            [this](const SystemMap& system) { return connectors::OpenDataSource(system, clock_); },
        .signer = &installation_->signer(),
        .retry = {.first_backoff = std::chrono::milliseconds(1),
                  .sleep = [](std::chrono::milliseconds) {}}};
    api.services.fulfilment = &installation_->fulfilment();
    api.services.fulfilment_required = true;
    api.desk = &desk_;
    api.attachments = &installation_->attachments();
  }

  // A verified request of `type` by the Chinook customer Luís Gonçalves.
  std::string Verified(const std::string& type) {
    Reply r = Post(R"({"type":")" + type + R"(","subject":{"email":")" + kLuis + R"("}})");
    EXPECT_EQ(r.status, 201U) << r.text;
    std::string id = r.body.at("id");
    auto moved = app::TransitionTo(api_->services, id, "verified", "3 points matched", "test");
    EXPECT_TRUE(moved) << moved.error().message();
    return id;
  }

  // Posts a fulfilment action with the page's CSRF token.
  Reply Fulfil(const std::string& id, const std::string& action, const std::string& cookie,
               const std::string& more = "") {
    std::string csrf = CsrfIn(Get("/console/requests/" + id, cookie).text);
    return PostForm("/console/requests/" + id + "/fulfil/" + action, "csrf=" + csrf + more, cookie);
  }

  std::string Trail(const std::string& id) {
    auto events = installation_->requests().EventsOf(id);
    std::string text;
    for (const auto& event : *events) text += event.action + " " + event.details + "\n";
    return text;
  }

  app::FulfilmentDesk desk_;
};

TEST_F(ConsoleFulfilmentTest, ARequestPageSearchesEverySystemAndOffersThePackage) {
  std::string cookie = SessionOf(AddUser("sam", "staff"));
  std::string id = Verified("access");
  Reply page = Get("/console/requests/" + id, cookie);
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"not-searched\""));

  Reply searched = Fulfil(id, "search", cookie);
  ASSERT_EQ(searched.status, 303U) << searched.text;
  EXPECT_EQ(searched.headers["location"], "/console/requests/" + id + "?done=search");
  page = Get(searched.headers["location"], cookie);
  EXPECT_THAT(page.text, HasSubstr("Every system was searched"));
  EXPECT_THAT(page.text, HasSubstr("<td>chinook</td><td>Customer 1, Invoice 7, InvoiceLine 38"));

  Reply offered = Fulfil(id, "package", cookie, "&redact=");
  ASSERT_EQ(offered.status, 303U) << offered.text;
  page = Get("/console/requests/" + id, cookie);
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"packages\""));
  EXPECT_THAT(page.text, HasSubstr("<td>offered</td>"));
  EXPECT_THAT(Trail(id), HasSubstr("package.offered"));
}

TEST_F(ConsoleFulfilmentTest, ASystemThatCannotBeSearchedIsShownAndNoPackageIsBuilt) {
  std::string cookie = SessionOf(AddUser("sam", "staff"));
  std::string id = Verified("access");
  std::filesystem::rename(scratch_.path() / "data" / "chinook.sqlite",
                          scratch_.path() / "data" / "moved");
  ASSERT_EQ(Fulfil(id, "search", cookie).status, 303U);
  Reply page = Get("/console/requests/" + id, cookie);
  EXPECT_THAT(page.text, HasSubstr("<strong>Could not search:</strong>"));

  Reply refused = Fulfil(id, "package", cookie, "&redact=");
  EXPECT_EQ(refused.status, 503U);
  EXPECT_THAT(refused.text, HasSubstr("role=\"alert\""));
  EXPECT_THAT(Trail(id), Not(HasSubstr("package.offered")));
}

TEST_F(ConsoleFulfilmentTest, ADeletionIsApprovedByItsDigestExecutedAndCertified) {
  std::string cookie = SessionOf(AddUser("sam", "staff"));
  std::string id = Verified("delete");
  Reply plan = Fulfil(id, "erase-plan", cookie);
  ASSERT_EQ(plan.status, 200U) << plan.text;
  EXPECT_THAT(plan.text, HasSubstr("data-testid=\"erasure-plan\""));
  EXPECT_THAT(plan.text, HasSubstr("legal_obligation"));  // invoices kept for tax law
  std::string digest = Match(plan.text, "name=\"digest\" value=\"([0-9a-f]+)\"");
  ASSERT_FALSE(digest.empty());

  Reply stale = Fulfil(id, "erase", cookie, "&digest=0000000000000000");
  EXPECT_EQ(stale.status, 409U);
  EXPECT_THAT(stale.text, HasSubstr("the plan changed since it was reviewed"));

  Reply erased = Fulfil(id, "erase", cookie, "&digest=" + digest);
  ASSERT_EQ(erased.status, 303U) << erased.text;
  EXPECT_THAT(erased.headers["location"], HasSubstr("done=erase"));
  Reply page = Get("/console/requests/" + id, cookie);
  std::string certificate = Match(page.text, "href=\"/console/certificates/([0-9a-f-]+)\"");
  ASSERT_FALSE(certificate.empty()) << page.text;
  Reply file = Get("/console/certificates/" + certificate, cookie);
  ASSERT_EQ(file.status, 200U);
  EXPECT_THAT(file.headers["content-disposition"], HasSubstr("attachment"));
  auto check = VerifyCertificateText(file.text, &installation_->public_key());
  ASSERT_TRUE(check) << check.error().message();
  EXPECT_EQ(Get("/console/certificates/..%2Fkeys", cookie).status, 404U);
}

TEST_F(ConsoleFulfilmentTest, StaffMatchDataPointsAndRecordAFailedVerification) {
  std::string cookie = SessionOf(AddUser("sam", "staff"));
  auto submit = [&](const std::string& type) {
    // Name and address count as they match; the email would count once confirmed by a code.
    Reply r = Post(
        R"({"type":")" + type + R"(","subject":{"email":")" + kLuis +
        R"(","name":"Luis Goncalves","address":"Av. Brigadeiro Faria Lima, 2170, Sao Jose dos Campos"}})");
    EXPECT_EQ(r.status, 201U) << r.text;
    return r.body.at("id").get<std::string>();
  };
  std::string categories = submit("categories");
  Reply page = Get("/console/requests/" + categories, cookie);
  EXPECT_THAT(page.text, HasSubstr("Match data points on our records"));
  Reply matched = Fulfil(categories, "verify-match", cookie);
  ASSERT_EQ(matched.status, 303U) << matched.text;
  EXPECT_THAT(matched.headers["location"], HasSubstr("done=verified"));
  page = Get("/console/requests/" + categories, cookie);
  EXPECT_THAT(page.text, HasSubstr("<dd data-testid=\"status\">verified</dd>"));
  EXPECT_THAT(page.text, Not(HasSubstr("Match data points on our records")));

  // The same two points are not enough to disclose specific pieces: staff record the failure
  // and the request is answered as a categories request.
  std::string access = submit("access");
  Reply partly = Fulfil(access, "verify-match", cookie);
  EXPECT_THAT(partly.headers["location"], HasSubstr("done=matched"));
  Reply failed = Fulfil(access, "verify-fail", cookie, "&reason=No+declaration+came+back");
  ASSERT_EQ(failed.status, 303U) << failed.text;
  EXPECT_THAT(failed.headers["location"], HasSubstr("done=verification-failed"));
  auto after = installation_->requests().FindById(access);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->type, RequestType::kCategories);
}

TEST_F(ConsoleFulfilmentTest, WithoutADataMapTheWorkIsRefusedWithAReason) {
  std::string cookie = SessionOf(AddUser("sam", "staff"));
  std::string id = Verified("access");
  std::filesystem::remove(scratch_.path() / "data" / "datamap.toml");
  Reply page = Get("/console/requests/" + id, cookie);
  EXPECT_THAT(page.text, HasSubstr("This installation has no data map"));
  Reply refused = Fulfil(id, "search", cookie);
  EXPECT_EQ(refused.status, 409U);
  EXPECT_THAT(refused.text, HasSubstr("no data map"));
}

class ConsoleTaskTest : public ConsoleFulfilmentTest {
 protected:
  std::string MoreSystems() const override { return kPaperArchive; }

  // The manual task that a search opens for the paper archive.
  std::string TaskOf(const std::string& id, const std::string& cookie) {
    EXPECT_EQ(Fulfil(id, "search", cookie).status, 303U);
    auto tasks = installation_->fulfilment().TasksOf(id);
    EXPECT_TRUE(tasks && tasks->size() == 1U);
    return tasks && !tasks->empty() ? tasks->front().id : "";
  }

  Reply Upload(const std::string& task, const std::string& cookie, const std::string& csrf,
               const std::string& filename, const std::string& bytes) {
    const std::string b = "----rdTestBoundary7MA4YWxk";
    std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" +
                       csrf + "\r\n--" + b +
                       "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
                       "\"\r\nContent-Type: text/csv\r\n\r\n" + bytes + "\r\n--" + b + "--\r\n";
    return Send(port_, bhttp::verb::post, "/console/tasks/" + task + "/attachments", body,
                "multipart/form-data; boundary=" + b, "", {{"Cookie", cookie}});
  }
};

TEST_F(ConsoleTaskTest, ATaskIsWorkedWithItsChecklistAndEvidenceAttached) {
  std::string cookie = SessionOf(AddUser("sam", "staff"));
  std::string id = Verified("access");
  std::string task = TaskOf(id, cookie);
  ASSERT_FALSE(task.empty());
  Reply list = Get("/console/tasks", cookie);
  EXPECT_THAT(list.text, HasSubstr("paper-archive"));
  EXPECT_THAT(list.text, HasSubstr("archive@example.com"));

  Reply page = Get("/console/tasks/" + task, cookie);
  std::string csrf = CsrfIn(page.text);
  std::string bytes("id,note\n1,signed\0contract\n", 26);
  Reply attached = Upload(task, cookie, csrf, "<b>scan.csv", bytes);
  ASSERT_EQ(attached.status, 303U) << attached.text;
  page = Get("/console/tasks/" + task, cookie);
  EXPECT_THAT(page.text, HasSubstr("&lt;b&gt;scan.csv"));
  EXPECT_THAT(page.text, Not(HasSubstr("<b>scan")));
  std::string attachment = Match(page.text, "/attachments/([0-9a-f-]+)\"");
  ASSERT_FALSE(attachment.empty());

  Reply download = Get("/console/tasks/" + task + "/attachments/" + attachment, cookie);
  ASSERT_EQ(download.status, 200U);
  EXPECT_EQ(download.text, bytes);
  EXPECT_EQ(download.content_type, "application/octet-stream");
  EXPECT_THAT(download.headers["content-disposition"], HasSubstr("attachment; filename="));
  std::string trail = Trail(id);
  EXPECT_THAT(trail, HasSubstr("task.attachment_added"));
  EXPECT_THAT(trail, HasSubstr("task.attachment_opened"));
  EXPECT_THAT(trail, Not(HasSubstr("scan")));  // the file's name is the consumer's business

  Reply incomplete =
      PostForm("/console/tasks/" + task, "csrf=" + csrf + "&step1=on&complete=1", cookie);
  EXPECT_EQ(incomplete.status, 409U);
  EXPECT_THAT(incomplete.text, HasSubstr("step(s) not done"));
  auto steps = installation_->fulfilment().FindTask(task)->checklist.size();
  std::string all = "csrf=" + csrf + "&note=Shredded&complete=1";
  for (std::size_t i = 1; i <= steps; ++i) all += "&step" + std::to_string(i) + "=on";
  Reply done = PostForm("/console/tasks/" + task, all, cookie);
  ASSERT_EQ(done.status, 303U) << done.text;
  EXPECT_EQ(installation_->fulfilment().FindTask(task)->status, "done");
  EXPECT_THAT(Get("/console/tasks", cookie).text, HasSubstr("No task is open"));
}

TEST_F(ConsoleTaskTest, UploadsNeedTheFormsTokenAndAreBounded) {
  std::string cookie = SessionOf(AddUser("sam", "staff"));
  std::string task = TaskOf(Verified("access"), cookie);
  std::string csrf = CsrfIn(Get("/console/tasks/" + task, cookie).text);
  EXPECT_EQ(Upload(task, cookie, std::string(64, 'a'), "x.csv", "1").status, 403U);
  EXPECT_EQ(Upload(task, cookie, csrf, "empty.csv", "").status, 422U);
  Reply big = Upload(task, cookie, csrf, "big.csv", std::string(10 * 1024 * 1024 + 1, 'x'));
  EXPECT_EQ(big.status, 422U);
  EXPECT_THAT(big.text, HasSubstr("larger than 10 MB"));
  EXPECT_EQ(Send(port_, bhttp::verb::post, "/console/tasks/" + task + "/attachments", "x",
                 "text/plain", "", {{"Cookie", cookie}})
                .status,
            422U);
  EXPECT_TRUE(installation_->attachments().AttachmentsOf(task)->empty());
  // Other routes keep the small bound.
  EXPECT_EQ(PostForm("/console/tasks/" + task, std::string(70 * 1024, 'x'), cookie).status, 413U);
}

TEST_F(ConsoleTaskTest, AnAuditorSeesTasksButCannotWorkThem) {
  std::string staff = SessionOf(AddUser("sam", "staff"));
  std::string task = TaskOf(Verified("access"), staff);
  std::string auditor = SessionOf(AddUser("ann", "auditor"));
  Reply page = Get("/console/tasks/" + task, auditor);
  ASSERT_EQ(page.status, 200U);
  EXPECT_THAT(page.text, Not(HasSubstr("enctype=\"multipart/form-data\"")));
  std::string csrf = CsrfIn(page.text);
  EXPECT_EQ(Upload(task, auditor, csrf, "x.csv", "1").status, 403U);
}

TEST_F(ConsoleFulfilmentTest, TheDataMapIsShownToStaffAndEditedOnlyByAdmins) {
  const auto file = scratch_.path() / "data" / "datamap.toml";
  const std::string original = ConsoleSlurp(file);
  std::string staff = SessionOf(AddUser("sam", "staff"));
  Reply shown = Get("/console/datamap", staff);
  ASSERT_EQ(shown.status, 200U);
  EXPECT_THAT(shown.text, HasSubstr("chinook"));
  EXPECT_THAT(shown.text, HasSubstr("Payment processor"));
  EXPECT_THAT(shown.text, HasSubstr("legal_obligation"));
  EXPECT_THAT(shown.text, Not(HasSubstr("name=\"datamap\"")));
  EXPECT_EQ(PostForm("/console/datamap", "csrf=" + CsrfIn(shown.text) + "&datamap=x", staff).status,
            403U);

  std::string admin = SessionOf(AddUser("ada", "admin"));
  Reply editor = Get("/console/datamap", admin);
  std::string csrf = CsrfIn(editor.text);
  std::string based_on = Match(editor.text, "name=\"based_on\" value=\"([0-9a-f]{64})\"");
  ASSERT_FALSE(based_on.empty());
  Reply invalid = PostForm(
      "/console/datamap",
      "csrf=" + csrf + "&based_on=" + based_on +
          "&datamap=%5B%5Bsystem%5D%5D%0Aname+%3D+%22x%22%0Aconnector+%3D+%22carrier_pigeon%22",
      admin);
  EXPECT_EQ(invalid.status, 422U);
  EXPECT_THAT(invalid.text, HasSubstr("data-testid=\"datamap-error\""));
  EXPECT_THAT(invalid.text, HasSubstr("carrier_pigeon"));  // the draft is shown back to fix
  EXPECT_EQ(ConsoleSlurp(file), original);

  std::string changed = original;
  changed.replace(changed.find("Music store"), 11, "Record shop");
  std::string encoded;
  for (char c : changed) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(c);
    encoded +=
        std::isalnum(byte) ? std::string(1, c) : std::string{'%', kHex[byte >> 4], kHex[byte & 15]};
  }
  Reply saved = PostForm("/console/datamap",
                         "csrf=" + csrf + "&based_on=" + based_on + "&datamap=" + encoded, admin);
  ASSERT_EQ(saved.status, 303U) << saved.text;
  EXPECT_EQ(ConsoleSlurp(file), changed);
  EXPECT_EQ(ConsoleSlurp(file.string() + ".previous"), original);
  EXPECT_THAT(Get("/console/datamap", staff).text, HasSubstr("Record shop"));

  Reply stale = PostForm("/console/datamap",
                         "csrf=" + csrf + "&based_on=" + based_on + "&datamap=" + encoded, admin);
  EXPECT_EQ(stale.status, 409U);
  bool recorded = false;
  struct Finder : store::TrailVisitor {
    bool* found;
    void Begin(std::vector<Checkpoint>, std::optional<store::ChainHead>) override {}
    bool Event(const AuditEvent& event) override {
      *found = *found || event.action == "datamap.changed";
      return true;
    }
  } finder;
  finder.found = &recorded;
  ASSERT_TRUE(installation_->trail().ReadTrail(finder));
  EXPECT_TRUE(recorded);
}

}  // namespace
}  // namespace rightsdesk::testing
