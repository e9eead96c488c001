#include "app/audit_export.h"

#include <gtest/gtest.h>

#include <sstream>

#include "app/audit_service.h"
#include "core/hex.h"

namespace rightsdesk::app {
namespace {

AuditEvent SampleEvent() {
  AuditEvent e = ChainEvent({.request_id = "r1",
                             .actor = "cli:ana",
                             .action = "request.submitted",
                             .at = *ParseInstant("2026-11-24T18:00:00.123456Z"),
                             .details = {{"type", "access"}, {"note", "ünïcode \"quoted\""}}},
                            1, Hash{});
  return e;
}

TEST(AuditExportTest, EventLinesRoundTripExactly) {
  AuditEvent event = SampleEvent();
  auto parsed = ParseEventLine(FormatEventLine(event));
  ASSERT_TRUE(parsed) << parsed.error().message();
  EXPECT_EQ(parsed->seq, event.seq);
  EXPECT_EQ(parsed->details, event.details);
  EXPECT_EQ(parsed->at, event.at);
  EXPECT_EQ(parsed->hash, event.hash);
  EXPECT_EQ(ComputeEventHash(*parsed), event.hash);
}

TEST(AuditExportTest, HeaderRoundTrips) {
  ExportHeader header{.exported_at = *ParseInstant("2026-11-24T18:00:00.000000Z"),
                      .head = std::pair{std::int64_t{7}, Hash{1, 2, 3}}};
  header.public_key[0] = 9;
  header.checkpoints.push_back({.seq = 7, .hash = Hash{1, 2, 3}, .at = header.exported_at});
  auto parsed = ParseHeaderLine(FormatHeaderLine(header));
  ASSERT_TRUE(parsed) << parsed.error().message();
  EXPECT_EQ(parsed->public_key, header.public_key);
  ASSERT_TRUE(parsed->head);
  EXPECT_EQ(parsed->head->first, 7);
  ASSERT_EQ(parsed->checkpoints.size(), 1U);
  EXPECT_EQ(parsed->checkpoints[0].hash, header.checkpoints[0].hash);
}

TEST(AuditExportTest, MalformedLinesAreRefusedNamingTheField) {
  EXPECT_FALSE(ParseEventLine("not json"));
  EXPECT_FALSE(ParseEventLine("[]"));
  auto missing = ParseEventLine(R"({"seq":1})");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("request_id"), std::string::npos);
  std::string line = FormatEventLine(SampleEvent());
  std::string bad_hash = line;
  bad_hash.replace(bad_hash.find("\"hash\":\"") + 8, 2, "zz");
  EXPECT_FALSE(ParseEventLine(bad_hash));
  auto wrong_format = ParseHeaderLine(R"({"format":"other.v9","public_key":"00"})");
  ASSERT_FALSE(wrong_format);
  EXPECT_NE(wrong_format.error().message().find("other.v9"), std::string::npos);
}

TEST(AuditExportTest, VerifyingAnEmptyOrHeaderlessFileReportsAProblem) {
  std::istringstream empty("");
  EXPECT_FALSE(VerifyExport(empty, std::nullopt).report.ok());
  std::istringstream junk("hello\n");
  auto result = VerifyExport(junk, std::nullopt);
  ASSERT_FALSE(result.report.ok());
  EXPECT_NE(result.report.problem->what.find("line 1"), std::string::npos);
}

}  // namespace
}  // namespace rightsdesk::app
