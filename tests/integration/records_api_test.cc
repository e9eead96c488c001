// The §7101 records over HTTP: the staff API (a period, one request; JSON and CSV) and the
// console's Records page and downloads. Records are readable only by admins and auditors: a
// staff token or user gets 403.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/tokens.h"
#include "console_fixture.h"

namespace rightsdesk::testing {
namespace {

using bhttp::verb;
using ::testing::HasSubstr;
using ::testing::Not;

class RecordsApiTest : public ConsoleFixture {
 protected:
  void SetUp() override {
    ConsoleFixture::SetUp();
    staff_ = MakeToken("staff", "alice");
    auditor_ = MakeToken("auditor", "ext-audit");
    for (const char* type : {"access", "delete"}) {
      Reply r = Post(std::string(R"({"type":")") + type +
                     R"(","subject":{"email":"ana@example.com","name":"Ana Núñez"}})");
      ASSERT_EQ(r.status, 201U) << r.text;
      ids_.push_back(r.body.at("id"));
    }
    Reply denied =
        Send(port_, verb::post, "/api/v1/requests/" + ids_[1] + "/transitions",
             R"({"to":"denied","reason":"=cmd|' /C calc'!A0 exempt"})", "application/json", staff_);
    ASSERT_EQ(denied.status, 200U) << denied.text;
  }
  std::string MakeToken(const char* role, const char* name) {
    auto created =
        app::CreateApiToken(installation_->tokens(), random_, clock_, role, name, "test");
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->secret : "";
  }
  Reply GetAs(const std::string& target, const std::string& token) {
    return Send(port_, verb::get, target, "", "", token);
  }

  static constexpr const char* kPeriod = "/api/v1/reports/records?from=2026-11-01&to=2026-12-01";
  std::string staff_, auditor_;
  std::vector<std::string> ids_;
};

TEST_F(RecordsApiTest, StaffMayNotReadRecordsAndAuditorsMay) {
  EXPECT_EQ(GetAs(kPeriod, staff_).status, 403U);
  EXPECT_EQ(GetAs("/api/v1/requests/" + ids_[0] + "/record", staff_).status, 403U);
  EXPECT_EQ(GetAs(kPeriod, "").status, 401U);

  Reply report = GetAs(kPeriod, auditor_);
  ASSERT_EQ(report.status, 200U) << report.text;
  EXPECT_EQ(report.content_type, "application/json");
  EXPECT_EQ(report.body.at("count"), 2);
  const auto& records = report.body.at("records");
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0].at("type"), "access");
  EXPECT_EQ(records[0].at("response").at("nature"), "none");
  EXPECT_EQ(records[1].at("response").at("nature"), "denied");
  EXPECT_EQ(records[1].at("denial").at("basis"), "other");
  EXPECT_EQ(records[1].at("denial").at("reason"), "=cmd|' /C calc'!A0 exempt");
  EXPECT_THAT(report.text, Not(HasSubstr("ana@example.com")));
  EXPECT_THAT(report.text, Not(HasSubstr("Ana")));

  Reply one = GetAs("/api/v1/requests/" + ids_[1] + "/record", auditor_);
  ASSERT_EQ(one.status, 200U) << one.text;
  EXPECT_EQ(one.body.at("reference"), records[1].at("reference"));
  Reply by_reference = GetAs(
      "/api/v1/requests/" + records[1].at("reference").get<std::string>() + "/record", auditor_);
  EXPECT_EQ(by_reference.body, one.body);
  EXPECT_EQ(GetAs("/api/v1/requests/RD-2026-99999/record", auditor_).status, 404U);
}

TEST_F(RecordsApiTest, TheCsvIsADownloadWithFormulasDisarmed) {
  Reply csv = GetAs(std::string(kPeriod) + "&format=csv", auditor_);
  ASSERT_EQ(csv.status, 200U) << csv.text;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_THAT(csv.headers["content-disposition"], HasSubstr("records-2026-11-01-2026-12-01.csv"));
  EXPECT_THAT(csv.text, HasSubstr(",other,'=cmd|' /C calc'!A0 exempt,"));
  EXPECT_THAT(csv.text, Not(HasSubstr(",=cmd")));
}

TEST_F(RecordsApiTest, ABadPeriodOrFormatIsAProblemNamingTheParameter) {
  for (auto [query, pointer] : {std::pair{"from=2026-11-31&to=2026-12-01", "/from"},
                                {"from=yesterday&to=2026-12-01", "/from"},
                                {"to=2026-12-01", "/from"},
                                {"from=2026-11-01", "/to"},
                                {"from=2026-12-01&to=2026-11-01", "/to"},
                                {"from=2026-11-01&to=2026-12-01&format=xml", "/format"}}) {
    Reply bad = GetAs(std::string("/api/v1/reports/records?") + query, auditor_);
    SCOPED_TRACE(query);
    EXPECT_EQ(bad.status, 422U);
    EXPECT_EQ(bad.content_type, "application/problem+json");
    EXPECT_EQ(bad.body.at("errors")[0].at("pointer"), pointer);
  }
}

TEST_F(RecordsApiTest, TheConsoleShowsRecordsToAuditorsOnlyWithTheirDownloads) {
  const std::string staff = SessionOf(AddUser("bob", "staff"));
  EXPECT_EQ(Get("/console/reports/records", staff).status, 403U);
  EXPECT_EQ(Get("/console/reports/records.csv?from=2026-11-01&to=2026-12-01", staff).status, 403U);
  EXPECT_THAT(Get("/console/reports", staff).text, Not(HasSubstr("/console/reports/records")));

  const std::string auditor = SessionOf(AddUser("carol", "auditor"));
  EXPECT_THAT(Get("/console/reports", auditor).text, HasSubstr("/console/reports/records"));
  Reply page = Get("/console/reports/records", auditor);  // this year by default
  ASSERT_EQ(page.status, 200U) << page.text;
  EXPECT_THAT(page.text, HasSubstr("2 requests received from 2026-01-01 to 2027-01-01"));
  EXPECT_THAT(page.text, HasSubstr("other: =cmd|&apos; /C calc&apos;!A0 exempt"));
  EXPECT_THAT(page.text, HasSubstr("records.csv?from=2026-01-01&amp;to=2027-01-01"));
  EXPECT_THAT(page.text, Not(HasSubstr("ana@example.com")));
  Reply csv = Get("/console/reports/records.csv?from=2026-01-01&to=2027-01-01", auditor);
  ASSERT_EQ(csv.status, 200U);
  EXPECT_THAT(csv.headers["content-disposition"], HasSubstr("attachment"));
  EXPECT_THAT(csv.text, HasSubstr("'=cmd"));
  Reply download = Get("/console/reports/records.json?from=2026-01-01&to=2027-01-01", auditor);
  ASSERT_EQ(download.status, 200U);
  EXPECT_EQ(nlohmann::json::parse(download.text).at("count"), 2);
  EXPECT_EQ(Get("/console/reports/records?from=2026-13-01&to=2027-01-01", auditor).status, 422U);
}

}  // namespace
}  // namespace rightsdesk::testing
