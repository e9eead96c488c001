// The §7101 records' forms: the CSV's shape (header, one line per record, CRLF, formula-guarded
// text) and the JSON's fields, and the period's and format's checks.
#include "app/records_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rightsdesk::app {
namespace {

using ::testing::HasSubstr;

RequestRecord DeniedRecord() {
  return {.reference = "RD-2026-00007",
          .type = RequestType::kDelete,
          .channel = Channel::kEmail,
          .jurisdiction = "US-CA",
          .received_at = *ParseInstant("2026-03-02T18:00:00.000000Z"),
          .received_on = *ParseDate("2026-03-02"),
          .status = Status::kDenied,
          .responded_at = *ParseInstant("2026-03-20T17:30:00.000000Z"),
          .denial_reason = "=HYPERLINK(\"http://evil\"), and \"quoted\"\nnext line",
          .purged_at = *ParseInstant("2028-03-21T00:00:00.000000Z")};
}

TEST(RecordsCsvTest, AHeaderThenOneGuardedLinePerRecord) {
  RequestRecord open{.reference = "RD-2026-00008",
                     .jurisdiction = "US-CA",
                     .received_at = *ParseInstant("2026-03-03T18:00:00.000000Z"),
                     .received_on = *ParseDate("2026-03-03"),
                     .status = Status::kInProgress};
  const std::string csv = RecordsCsv({DeniedRecord(), open});
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "reference,type,channel,jurisdiction,received_on,received_at,status,extended,response,"
            "responded_at,denial_basis,denial_reason,duplicate_of,purged_at");
  // The reason is quoted (comma, quotes, newline) and starts with an apostrophe, not '='.
  EXPECT_THAT(csv, HasSubstr("RD-2026-00007,delete,email,US-CA,2026-03-02,"
                             "2026-03-02T18:00:00.000000Z,denied,false,denied,"
                             "2026-03-20T17:30:00.000000Z,other,"
                             "\"'=HYPERLINK(\"\"http://evil\"\"), and \"\"quoted\"\"\nnext line\","
                             ",2028-03-21T00:00:00.000000Z\r\n"));
  EXPECT_THAT(csv, HasSubstr("\r\nRD-2026-00008,access,web,US-CA,2026-03-03,"
                             "2026-03-03T18:00:00.000000Z,in_progress,false,none,,,,,\r\n"));
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
}

TEST(RecordsJsonTest, TheResponseAndTheDenialAreNamedAndNothingPersonal) {
  const auto json = RecordJson(DeniedRecord());
  EXPECT_EQ(json.at("response").at("nature"), "denied");
  EXPECT_EQ(json.at("response").at("at"), "2026-03-20T17:30:00.000000Z");
  EXPECT_EQ(json.at("denial").at("basis"), "other");
  EXPECT_TRUE(json.at("duplicate_of").is_null());
  EXPECT_EQ(json.at("purged_at"), "2028-03-21T00:00:00.000000Z");
  for (const char* personal : {"email", "name", "subject", "message", "phone"}) {
    EXPECT_FALSE(json.contains(personal)) << personal;
  }
  RequestRecord open = DeniedRecord();
  open.status = Status::kVerified;
  open.responded_at.reset();
  EXPECT_TRUE(RecordJson(open).at("denial").is_null());
  EXPECT_TRUE(RecordJson(open).at("response").at("at").is_null());
}

TEST(RecordsPeriodTest, FromBeforeToAsDatesElseTheFieldAtFault) {
  auto ok = ParseRecordsPeriod("2026-01-01", "2027-01-01");
  ASSERT_TRUE(ok) << ok.error().message();
  EXPECT_EQ(FormatDate(ok->from), "2026-01-01");
  for (auto [from, to, field] : {std::tuple{"2026-1-1", "2027-01-01", "/from"},
                                 {"", "2027-01-01", "/from"},
                                 {"2026-01-01", "2026-13-01", "/to"},
                                 {"2026-01-01", "2026-01-01", "/to"},
                                 {"2026-02-01", "2026-01-01", "/to"}}) {
    auto bad = ParseRecordsPeriod(from, to);
    ASSERT_FALSE(bad) << from << " " << to;
    EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(bad.error().field(), field);
  }
  EXPECT_TRUE(ParseRecordsFormat("csv"));
  EXPECT_EQ(ParseRecordsFormat("xml").error().field(), "/format");
}

}  // namespace
}  // namespace rightsdesk::app
