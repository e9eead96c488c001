// `rightsdesk audit verify` against tampering done directly in the database file and in an
// exported trail: every kind is caught, exit code 3, and the first bad event is named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/audit_chain.h"
#include "core/hex.h"
#include "ledger_db.h"
#include "test_dirs.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kDropGuards =
    "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;";

class AuditTamperTest : public ::testing::Test, public CliInstallation {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunCli({"init", "--data", data()}).exit_code, 0);
    for (const char* type : {"access", "delete", "opt_out"}) {
      // Three consumers: one consumer's third request would re-prioritise the first.
      auto r =
          Cli({"request", "submit", "--type", type, "--email", std::string(type) + "@example.com"});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    ASSERT_EQ(Cli({"request", "transition", "RD-" + Year() + "-00001", "--to", "verified",
                   "--reason", "matched"})
                  .exit_code,
              0);
    // Events: 1 init, 2-4 submitted, 5 transitioned.
    ASSERT_EQ(QueryText(db(), "SELECT max(seq) FROM audit_events"), "5");
    ProcessResult ok = Cli({"audit", "verify"});
    ASSERT_EQ(ok.exit_code, 0) << ok.err;
  }

  static std::string Year() {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return std::to_string(utc.tm_year + 1900);
  }

  void ExpectBrokenAt(const ProcessResult& result, int seq, const std::string& what) {
    EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
    EXPECT_THAT(result.err, HasSubstr("BROKEN at event " + std::to_string(seq)));
    EXPECT_THAT(result.err, HasSubstr(what));
  }
};

TEST_F(AuditTamperTest, AlteredEventInTheDatabase) {
  ExecSql(db(), std::string(kDropGuards) +
                    "UPDATE audit_events SET details = replace(details, '\"delete\"', '\"access\"')"
                    " WHERE seq = 3");
  ExpectBrokenAt(Cli({"audit", "verify"}), 3, "altered");
}

TEST_F(AuditTamperTest, AlteredActorInTheDatabase) {
  ExecSql(db(),
          std::string(kDropGuards) + "UPDATE audit_events SET actor = 'system' WHERE seq = 5");
  ExpectBrokenAt(Cli({"audit", "verify"}), 5, "altered");
}

TEST_F(AuditTamperTest, RemovedEventInTheMiddle) {
  ExecSql(db(), std::string(kDropGuards) + "DELETE FROM audit_events WHERE seq = 3");
  ExpectBrokenAt(Cli({"audit", "verify"}), 3, "missing");
}

TEST_F(AuditTamperTest, RemovedLastEvent) {
  ExecSql(db(), std::string(kDropGuards) + "DELETE FROM audit_events WHERE seq = 5");
  ExpectBrokenAt(Cli({"audit", "verify"}), 5, "missing");
}

TEST_F(AuditTamperTest, InsertedEventInTheMiddle) {
  ExecSql(db(), std::string(kDropGuards) +
                    "UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 3;"
                    "UPDATE audit_events SET seq = seq - 999 WHERE seq >= 1000;"
                    "INSERT INTO audit_events SELECT 3, request_id, actor, action, at, details,"
                    " prev_hash, hash FROM audit_events WHERE seq = 2;");
  ExpectBrokenAt(Cli({"audit", "verify"}), 3, "does not follow");
}

TEST_F(AuditTamperTest, InsertedEventAtTheEnd) {
  ExecSql(db(),
          "INSERT INTO audit_events SELECT 6, request_id, actor, action, at, details,"
          " hash, hash FROM audit_events WHERE seq = 5;");
  ExpectBrokenAt(Cli({"audit", "verify"}), 6, "altered");
}

TEST_F(AuditTamperTest, ReorderedEvents) {
  ExecSql(db(), std::string(kDropGuards) +
                    "UPDATE audit_events SET seq = -1 WHERE seq = 3;"
                    "UPDATE audit_events SET seq = 3 WHERE seq = 4;"
                    "UPDATE audit_events SET seq = 4 WHERE seq = -1;");
  ExpectBrokenAt(Cli({"audit", "verify"}), 3, "does not follow");
}

// Someone who can write the file rewrites an event and recomputes every hash after it, and the
// recorded head: only the signed checkpoint (which they cannot forge) catches it.
TEST_F(AuditTamperTest, RewrittenTailWithRecomputedHashesIsCaughtByTheCheckpoint) {
  ASSERT_EQ(Cli({"audit", "checkpoint"}).exit_code, 0);
  Hash prev{};
  for (int seq = 1; seq <= 5; ++seq) {
    auto field = [&](const std::string& column) {
      return QueryText(
          db(), "SELECT " + column + " FROM audit_events WHERE seq = " + std::to_string(seq));
    };
    AuditEvent event{.seq = seq,
                     .request_id = field("request_id"),
                     .actor = field("actor"),
                     .action = field("action"),
                     .at = FromMicros(std::stoll(field("at"))),
                     .details = field("details"),
                     .prev_hash = prev};
    if (seq == 2) event.actor = "cli:someone-else";
    event.hash = ComputeEventHash(event);
    ExecSql(db(), std::string("DROP TRIGGER IF EXISTS audit_events_no_update;") +
                      "UPDATE audit_events SET actor = '" + event.actor + "', prev_hash = x'" +
                      ToHex(event.prev_hash) + "', hash = x'" + ToHex(event.hash) +
                      "' WHERE seq = " + std::to_string(seq) + ";" +
                      "UPDATE audit_head SET hash = x'" + ToHex(event.hash) +
                      "' WHERE seq = " + std::to_string(seq));
    prev = event.hash;
  }
  ExpectBrokenAt(Cli({"audit", "verify"}), 5, "signed checkpoint");
}

TEST_F(AuditTamperTest, RequestRowChangedWithoutAnEvent) {
  ExecSql(db(),
          "UPDATE requests SET status = 'completed' WHERE reference = 'RD-" + Year() + "-00002'");
  ProcessResult result = Cli({"audit", "verify"});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_THAT(result.err, HasSubstr("request RD-" + Year() + "-00002 status is completed"));
}

// A denial's basis feeds the §7102 metrics: rewriting it in the row alone is caught.
TEST_F(AuditTamperTest, DenialBasisChangedWithoutAnEvent) {
  const std::string ref = "RD-" + Year() + "-00002";
  ASSERT_EQ(Cli({"request", "transition", ref, "--to", "denied", "--reason", "legal hold",
                 "--basis", "exempt"})
                .exit_code,
            0);
  ASSERT_EQ(Cli({"audit", "verify"}).exit_code, 0);
  ExecSql(db(),
          "UPDATE requests SET denial_basis = 'not_a_consumer' WHERE reference = '" + ref + "'");
  ProcessResult result = Cli({"audit", "verify"});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_THAT(result.err, HasSubstr("denial basis is not_a_consumer but its events"));
  EXPECT_THAT(result.err, HasSubstr("say exempt"));
}

TEST_F(AuditTamperTest, RequestRowDeleted) {
  ExecSql(db(), "DELETE FROM requests WHERE reference = 'RD-" + Year() + "-00003'");
  ProcessResult result = Cli({"audit", "verify"});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_THAT(result.err, HasSubstr("RD-" + Year() + "-00003 was submitted"));
  EXPECT_THAT(result.err, HasSubstr("missing"));
}

// A forged row made by copying another's sealed data: the seal is bound to the row's id.
TEST_F(AuditTamperTest, RequestRowCopiedUnderAnotherId) {
  const std::string columns =
      "type, status, channel, priority, jurisdiction, language, received_at, received_on,"
      " acknowledge_by, respond_by, extended_respond_by, extended, on_hold, due_at, assignee,"
      " subject_sealed, message_sealed, email_index, version, updated_at, closed_at";
  ExecSql(db(), "INSERT INTO requests (id, reference, " + columns +
                    ") SELECT '01900000-0000-7000-8000-000000000000', 'RD-" + Year() + "-09999', " +
                    columns + " FROM requests LIMIT 1");
  ProcessResult result = Cli({"audit", "verify"});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_THAT(result.err, HasSubstr("does not open"));
}

class ExportTamperTest : public AuditTamperTest {
 protected:
  void SetUp() override {
    AuditTamperTest::SetUp();
    file_ = (dir_.path() / "trail.jsonl").string();
    ProcessResult exported = Cli({"audit", "export", file_});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    std::ifstream in(file_);
    for (std::string line; std::getline(in, line);) lines_.push_back(line);
    ASSERT_EQ(lines_.size(), 1U + 6U);  // header + events 1-5 + the export's own event
  }
  void Write(const std::vector<std::string>& lines) {
    std::ofstream out(file_, std::ios::trunc);
    for (const std::string& line : lines) out << line << '\n';
  }
  ProcessResult VerifyFile(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"audit", "verify", "--file", file_};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunCli(args);
  }
  std::string InstallationKey() {
    std::string out = Cli({"audit", "verify"}).out;
    const std::string label = "Installation signing key: ";
    return out.substr(out.find(label) + label.size(), 64);
  }

  std::string file_;
  std::vector<std::string> lines_;
};

TEST_F(ExportTamperTest, AnIntactExportVerifiesElsewhereWithTheInstallationKey) {
  ProcessResult result = VerifyFile({"--public-key", InstallationKey()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("OK: 6 events"));
}

TEST_F(ExportTamperTest, AlteredLine) {
  auto lines = lines_;
  auto at = lines[4].find("opt_out");
  ASSERT_NE(at, std::string::npos);
  lines[4].replace(at, 7, "access_");
  Write(lines);
  ExpectBrokenAt(VerifyFile(), 4, "altered");
}

TEST_F(ExportTamperTest, RemovedLine) {
  auto lines = lines_;
  lines.erase(lines.begin() + 2);
  Write(lines);
  ExpectBrokenAt(VerifyFile(), 2, "missing");
}

TEST_F(ExportTamperTest, TruncatedFile) {
  auto lines = lines_;
  lines.resize(lines.size() - 2);
  Write(lines);
  ExpectBrokenAt(VerifyFile(), 5, "missing");
}

TEST_F(ExportTamperTest, SwappedLines) {
  auto lines = lines_;
  std::swap(lines[2], lines[3]);
  Write(lines);
  ExpectBrokenAt(VerifyFile(), 2, "followed by event 3");
}

TEST_F(ExportTamperTest, GarbledLine) {
  auto lines = lines_;
  lines[3] = "{\"seq\": 3, \"not\": \"an event\"";
  Write(lines);
  ExpectBrokenAt(VerifyFile(), 3, "line 4");
}

TEST_F(ExportTamperTest, ForgedTrailSignedWithAnotherKeyIsRejected) {
  std::string other(64, 'a');
  ExpectBrokenAt(VerifyFile({"--public-key", other}), 1, "untrusted key");
}

}  // namespace
}  // namespace rightsdesk::testing
