// The files connector end to end on exports made from the Chinook customers
// (demo/chinook/customers.csv): CSV and JSON lines, plain and gzip, with decoys, quoted fields
// holding commas and newlines, accented names. The expected rows are written here by hand or read
// from the files with plain string operations, never taken from the code under test.
#include "connectors/file_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config/datamap_loader.h"
#include "connectors/open_source.h"
#include "core/erasure_plan.h"
#include "integration/test_dirs.h"
#include "support/fixed_clock.h"

namespace rightsdesk {
namespace {

namespace fs = std::filesystem;
using connectors::CheckFinding;
using connectors::FileDataSource;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void Spit(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

void SpitGzip(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  gzFile file = gzopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr);
  ASSERT_EQ(gzwrite(file, text.data(), static_cast<unsigned>(text.size())),
            static_cast<int>(text.size()));
  gzclose(file);
}

std::string SlurpGzip(const fs::path& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  std::string text;
  char buffer[4096];
  for (int n; file && (n = gzread(file, buffer, sizeof buffer)) > 0;) {
    text.append(buffer, static_cast<std::size_t>(n));
  }
  if (file) gzclose(file);
  return text;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The Chinook customers' CSV lines (header first), each with a Notes column added.
std::vector<std::string> CustomerLines() {
  auto lines = Lines(Slurp(std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/chinook/customers.csv"));
  lines[0] += ",Notes";
  for (std::size_t i = 1; i < lines.size(); ++i) lines[i] += ",";  // no notes: null
  return lines;
}

// Another customer whose notes hold François's email and phone: a search by identity columns
// must not find this record for him.
constexpr const char* kDecoy =
    "90,Decoy,Person,decoy@example.com,\"+1 (555) 010-0000\",\"1 Nowhere\",Springfield,,USA,"
    "\"Forwarded by FTremblay@gmail.com, call back on +1 (514) 721-4711\"";
// Quoted fields with a comma, a doubled quote, a CRLF and a LF inside, and a CRLF ending.
constexpr const char* kMultiline =
    "30,\"Zoë \"\"Zo\"\"\",\"O'Brien, Jr\",zoe.obrien@example.ie,\"+353 1 555 0101\","
    "\"12 Quay St\r\nFlat 3\nDublin 2\",Dublin,,Ireland,\"likes \"\"quotes\"\", commas\"\r\n";

const char* kDataMap = R"(
[[system]]
name = "crm_export"
description = "Nightly CRM export"
owner = "data@example.com"
connector = "files"
path = "exports/customers-*"
format = "@FORMAT@"
purposes = ["Customer support"]
sources = ["The consumer"]
retention = "90 days"

  [[system.table]]
  name = "customers"
  key = "CustomerId"
  identity = { email = "Email", phone = "Phone", account_id = "CustomerId" }
  erase = "@ERASE@"
  fields = [
    { column = "CustomerId", category = "identifiers" },
    { column = "FirstName", category = "identifiers", erase = "redact" },
    { column = "LastName", category = "identifiers", erase = "redact" },
    { column = "Email", category = "identifiers", erase = "hash" },
    { column = "Phone", category = "customer_records", erase = "null" },
    { column = "Address", category = "identifiers", erase = "null" },
    { column = "City", category = "identifiers", erase = "null" },
  ]
)";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

std::set<std::string> Keys(const SystemFindings& findings) {
  std::set<std::string> keys;
  if (const FoundTable* table = findings.Table("customers")) {
    for (const auto& row : table->rows) keys.insert(row.key.dump());
  }
  return keys;
}

// The keys a search found, or a failure of the test.
std::set<std::string> Keys(const Result<SystemFindings>& findings) {
  if (!findings) {
    ADD_FAILURE() << findings.error().message();
    return {};
  }
  return Keys(*findings);
}

std::string Report(const std::vector<CheckFinding>& findings) {
  std::string report;
  for (const auto& f : findings) {
    report += std::string(connectors::Name(f.severity)) + " " + f.where + ": " + f.message + "\n";
  }
  return report;
}

class FileSourceTest : public ::testing::Test {
 protected:
  // Customers 1-12 and the decoy in a plain file, 13-24 and the multi-line record gzipped.
  void WriteCsv() {
    const auto lines = CustomerLines();
    std::string first = lines[0] + "\n", second = lines[0] + "\r\n";
    for (std::size_t i = 1; i <= 12; ++i) first += lines[i] + "\n";
    first += std::string(kDecoy) + "\n";
    for (std::size_t i = 13; i < lines.size(); ++i) second += lines[i] + "\r\n";
    second += kMultiline;
    Spit(Exports() / "customers-a.csv", first);
    SpitGzip(Exports() / "customers-b.csv.gz", second);
    Spit(Exports() / "unrelated.csv", "not,matched\n");  // outside the glob
  }

  // The same customers as JSON objects (ids as numbers), plus one written as Python's
  // json.dumps writes non-ASCII text (escaped) and one without the Phone key.
  void WriteJsonl() {
    std::string first, second;
    for (int id = 1; id <= 24; ++id) {
      auto line = JsonCustomer(id);
      (id <= 12 ? first : second) += line + "\n";
    }
    first += R"({"CustomerId": 31, "FirstName": "Jos\u00e9", "LastName": "Ram\u00edrez", )"
             R"("Email": "jos\u00E9.ram\u00EDrez@example.com", "Phone": "+52 55 5555 0131"})"
             "\n";
    second += R"({"CustomerId": 32, "FirstName": "Ana", "Email": "ana@example.com"})"
              "\n\n";  // a blank line at the end
    Spit(Exports() / "customers-a.jsonl", first);
    SpitGzip(Exports() / "customers-b.jsonl.gz", second);
  }

  // Customer `id` of customers.csv as a JSON line: its fields split by hand (the file quotes
  // only fields with commas or accents, and none holds a quote).
  static std::string JsonCustomer(int id) {
    const auto header = Split(CustomerLines()[0]);
    const auto values = Split(CustomerLines()[static_cast<std::size_t>(id)]);
    nlohmann::ordered_json object;
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (i == 0) {
        object[header[i]] = std::stoi(values[i]);
      } else if (!values[i].empty()) {
        object[header[i]] = values[i];
      }
    }
    return object.dump();
  }

  static std::vector<std::string> Split(const std::string& line) {
    std::vector<std::string> fields{""};
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    return fields;
  }

  SystemMap LoadMap(const std::string& format, const std::string& erase = "update") {
    const std::string text = Replace(Replace(kDataMap, "@FORMAT@", format), "@ERASE@", erase);
    Spit(dir_.path() / "datamap.toml", text);
    auto map = config::LoadDataMapFile(dir_.path() / "datamap.toml");
    if (!map) throw std::runtime_error(map.error().message());
    return map->systems.at(0);
  }

  // `system` must outlive the source.
  std::unique_ptr<FileDataSource> Source(const SystemMap& system) {
    auto source = FileDataSource::Open(system, clock_);
    if (!source) throw std::runtime_error(source.error().message());
    return std::move(*source);
  }

  fs::path Exports() const { return dir_.path() / "exports"; }

  testing::ScratchDir dir_;
  testing::FixedClock clock_{Instant{}};
};

TEST_F(FileSourceTest, FindsTheConsumerByEmailPhoneOrAccountInPlainAndGzipCsv) {
  WriteCsv();
  const SystemMap system = LoadMap("csv");
  auto source = Source(system);

  auto found = source->Discover({.email = "FTREMBLAY@GMAIL.COM"});  // case does not matter
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(found->system, "crm_export");
  EXPECT_EQ(Keys(*found), std::set<std::string>{"\"3\""});  // not the decoy that mentions him
  const FoundRow& francois = found->Table("customers")->rows.at(0);
  EXPECT_EQ(francois.values,
            (std::vector<FieldValue>{"3", "François", "Tremblay", "ftremblay@gmail.com",
                                     "+1 (514) 721-4711", "1498 rue Bélanger", "Montréal"}));

  // By phone, written another way; a phone spread over groups ("+47 22 44 22 22").
  EXPECT_EQ(Keys(source->Discover({.phone = "1-514-721-4711"})), std::set<std::string>{"\"3\""});
  EXPECT_EQ(Keys(source->Discover({.phone = "47 22442222"})), std::set<std::string>{"\"4\""});
  // By account id, exactly; in the gzip file.
  EXPECT_EQ(Keys(source->Discover({.account_id = "14"})), std::set<std::string>{"\"14\""});
  // Several identifiers of one consumer find the row once.
  auto both = source->Discover({.email = "mphilips12@shaw.ca", .phone = "+1 780 434 4554"});
  ASSERT_TRUE(both);
  EXPECT_EQ(both->RowCount(), 1u);
  // Someone the company does not know: nothing, and no error.
  auto nobody = source->Discover({.email = "nobody@example.com", .phone = "+1 555 010 9999"});
  ASSERT_TRUE(nobody);
  EXPECT_EQ(nobody->RowCount(), 0u);
  EXPECT_TRUE(nobody->tables.empty());
}

TEST_F(FileSourceTest, AQuotedFieldWithCommasQuotesAndNewlinesStaysOneRecord) {
  WriteCsv();
  const SystemMap system = LoadMap("csv");
  auto source = Source(system);
  auto found = source->Discover({.email = "Zoe.OBrien@example.ie"});
  ASSERT_TRUE(found) << found.error().message();
  ASSERT_EQ(Keys(*found), std::set<std::string>{"\"30\""});
  const auto& values = found->Table("customers")->rows.at(0).values;
  EXPECT_EQ(values.at(1), "Zoë \"Zo\"");
  EXPECT_EQ(values.at(2), "O'Brien, Jr");
  EXPECT_EQ(values.at(5), "12 Quay St\r\nFlat 3\nDublin 2");
}

TEST_F(FileSourceTest, FindsConsumersInJsonLinesWithTheirTypesAndEscapes) {
  WriteJsonl();
  const SystemMap system = LoadMap("jsonl");
  auto source = Source(system);
  auto found = source->Discover({.email = "LuisG@Embraer.com.br"});
  ASSERT_TRUE(found) << found.error().message();
  ASSERT_EQ(Keys(*found), std::set<std::string>{"1"});  // the number 1, as the file has it
  const auto& luis = found->Table("customers")->rows.at(0).values;
  EXPECT_EQ(luis.at(0), 1);
  EXPECT_EQ(luis.at(1), "Luís");
  EXPECT_EQ(luis.at(5), "Av. Brigadeiro Faria Lima, 2170");

  EXPECT_EQ(Keys(source->Discover({.account_id = "23"})), std::set<std::string>{"23"});
  EXPECT_EQ(Keys(source->Discover({.phone = "+1 617 522 1333"})), std::set<std::string>{"23"});
  // Written escaped ("jos\u00e9..."), searched as typed.
  auto jose = source->Discover({.email = "josé.ramírez@example.com"});
  ASSERT_TRUE(jose);
  EXPECT_EQ(Keys(*jose), std::set<std::string>{"31"});
  EXPECT_EQ(jose->Table("customers")->rows.at(0).values.at(2), "Ramírez");
  // A missing key reads as null.
  auto ana = source->Discover({.email = "ana@example.com"});
  ASSERT_TRUE(ana);
  EXPECT_TRUE(ana->Table("customers")->rows.at(0).values.at(4).is_null());
}

TEST_F(FileSourceTest, SeveralConsumersAreFoundInOnePass) {
  WriteCsv();
  const SystemMap system = LoadMap("csv");
  auto source = Source(system);
  const std::vector<SubjectIdentifiers> consumers{
      {.email = "luisg@embraer.com.br"}, {.email = "nobody@example.com"}, {.account_id = "24"}};
  auto found = source->DiscoverMany(consumers);
  ASSERT_TRUE(found) << found.error().message();
  ASSERT_EQ(found->size(), 3u);
  EXPECT_EQ(Keys((*found)[0]), std::set<std::string>{"\"1\""});
  EXPECT_EQ(Keys((*found)[1]), std::set<std::string>{});
  EXPECT_EQ(Keys((*found)[2]), std::set<std::string>{"\"24\""});
}

TEST_F(FileSourceTest, DeletionAnonymisesTheRecordIsProvedAndLeavesEveryOtherByteAlone) {
  WriteCsv();
  const SystemMap system = LoadMap("csv");
  auto source = Source(system);
  const std::string plain_before = Slurp(Exports() / "customers-a.csv");
  const std::string gzip_before = SlurpGzip(Exports() / "customers-b.csv.gz");
  const SubjectIdentifiers francois{.email = "ftremblay@gmail.com"};

  auto found = source->Discover(francois);
  ASSERT_TRUE(found);
  const SystemErasurePlan plan = PlanErasure(system, *found, ErasureHashKey{42});
  auto applied = source->Erase(plan);
  ASSERT_TRUE(applied) << applied.error().message();
  EXPECT_EQ(applied->rows_deleted, 0);
  EXPECT_EQ(applied->rows_updated, 1);

  auto reread = source->Reread(*found);
  auto again = source->Discover(francois);
  ASSERT_TRUE(reread && again);
  const SystemProof proof = ProveErasure(system, plan, *reread, *again);
  EXPECT_TRUE(proof.verified()) << proof.tables.at(0).problems.size();
  EXPECT_EQ(proof.tables.at(0).rows_updated, 1);

  // Line 4 (François) is rewritten; every other line, the header and the decoy included, is
  // byte for byte what it was; the gzip file was not touched.
  const auto before = Lines(plain_before), after = Lines(Slurp(Exports() / "customers-a.csv"));
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (i != 3) {
      EXPECT_EQ(after[i], before[i]) << "line " << i + 1;
    }
  }
  const std::string hashed = plan.tables.at(0).updates.at(0).set.at(2).second.get<std::string>();
  EXPECT_EQ(after[3], "3,[erased],[erased]," + hashed + ",,,,QC,Canada,");
  EXPECT_EQ(SlurpGzip(Exports() / "customers-b.csv.gz"), gzip_before);
  // No temporary file is left beside them.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(Exports())) ++entries;
  EXPECT_EQ(entries, 3u);
}

TEST_F(FileSourceTest, DeletingRowsRewritesAGzipFileAsGzipWithoutThem) {
  WriteJsonl();
  const SystemMap system = LoadMap("jsonl", "delete_row");
  auto source = Source(system);
  const auto before = Lines(SlurpGzip(Exports() / "customers-b.jsonl.gz"));
  const SubjectIdentifiers mark{.email = "mphilips12@shaw.ca"};

  auto found = source->Discover(mark);
  ASSERT_TRUE(found);
  const SystemErasurePlan plan = PlanErasure(system, *found, ErasureHashKey{1});
  auto applied = source->Erase(plan);
  ASSERT_TRUE(applied) << applied.error().message();
  EXPECT_EQ(applied->rows_deleted, 1);
  auto reread = source->Reread(*found);
  auto again = source->Discover(mark);
  ASSERT_TRUE(reread && again);
  EXPECT_TRUE(ProveErasure(system, plan, *reread, *again).verified());

  const std::string compressed = Slurp(Exports() / "customers-b.jsonl.gz");
  ASSERT_GE(compressed.size(), 2u);
  EXPECT_EQ(compressed.substr(0, 2), "\x1f\x8b");  // still gzip
  auto expected = before;
  expected.erase(expected.begin() + 1);  // customer 14 was the file's second line
  EXPECT_EQ(Lines(SlurpGzip(Exports() / "customers-b.jsonl.gz")), expected);
}

TEST_F(FileSourceTest, AFileReachedThroughASymbolicLinkIsRewrittenAndTheLinkStays) {
  WriteCsv();
  fs::create_directories(dir_.path() / "real");
  fs::rename(Exports() / "customers-a.csv", dir_.path() / "real" / "a.csv");
  fs::create_symlink(dir_.path() / "real" / "a.csv", Exports() / "customers-a.csv");
  const SystemMap system = LoadMap("csv", "delete_row");
  auto source = Source(system);
  auto found = source->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_TRUE(found);
  auto applied = source->Erase(PlanErasure(system, *found, ErasureHashKey{3}));
  ASSERT_TRUE(applied) << applied.error().message();
  EXPECT_EQ(applied->rows_deleted, 1);
  EXPECT_TRUE(fs::is_symlink(Exports() / "customers-a.csv"));
  EXPECT_THAT(Slurp(dir_.path() / "real" / "a.csv"), Not(HasSubstr("ftremblay")));
  // The same source erases again without a false conflict: nothing is left to erase.
  auto again = source->Erase(PlanErasure(system, *found, ErasureHashKey{3}));
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_EQ(again->rows_deleted, 0);
}

TEST_F(FileSourceTest, AFileChangedBetweenDiscoverAndEraseIsAConflictAndStaysAsItIs) {
  WriteCsv();
  const SystemMap system = LoadMap("csv");
  auto source = Source(system);
  auto found = source->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_TRUE(found);
  const auto plan = PlanErasure(system, *found, ErasureHashKey{7});

  // The exporting job appends a record meanwhile.
  std::ofstream(Exports() / "customers-a.csv", std::ios::app)
      << "91,New,Customer,new@example.com,,,,,,\n";
  const std::string changed = Slurp(Exports() / "customers-a.csv");
  auto applied = source->Erase(plan);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code(), ErrorCode::kConflict);
  EXPECT_THAT(applied.error().message(), HasSubstr("customers-a.csv"));
  EXPECT_EQ(Slurp(Exports() / "customers-a.csv"), changed);

  // A fresh search and plan go through.
  auto fresh = Source(system);
  auto again = fresh->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_TRUE(again);
  EXPECT_TRUE(fresh->Erase(PlanErasure(system, *again, ErasureHashKey{7})));
}

TEST_F(FileSourceTest, AMalformedCsvRecordIsNamedByFileAndLineWithoutItsContent) {
  WriteCsv();
  // Line 15: a stray quote inside an unquoted field, in a record holding the searched email.
  std::ofstream(Exports() / "customers-a.csv", std::ios::app)
      << "92,Bad\"Quote,Person,bad.quote@example.com,,,,,,\n";
  const SystemMap system = LoadMap("csv");
  auto source = Source(system);
  auto found = source->Discover({.email = "bad.quote@example.com"});
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(found.error().message(), HasSubstr("customers-a.csv:15: field 2"));
  EXPECT_THAT(found.error().message(), Not(HasSubstr("bad.quote")));
  EXPECT_THAT(found.error().message(), Not(HasSubstr("Quote")));
  // Reread reads every record, so it meets the bad one whoever is asked for.
  auto reread = source->Reread(
      {.system = "crm_export", .tables = {{.table = "customers", .rows = {{.key = "3"}}}}});
  ASSERT_FALSE(reread);
  EXPECT_THAT(reread.error().message(), HasSubstr("customers-a.csv:15"));
  // Line numbers count the newlines inside quoted fields: the multi-line record (lines 14-16
  // of the gzip file) is followed by a bad one on line 17.
  WriteCsv();
  SpitGzip(Exports() / "customers-b.csv.gz",
           SlurpGzip(Exports() / "customers-b.csv.gz") + "93,Short,Record\r\n");
  auto check = Report(source->Check());
  EXPECT_THAT(check, HasSubstr("customers-b.csv.gz:17: 3 fields where the header has 10"));
}

TEST_F(FileSourceTest, AnInvalidJsonLineIsNamedByFileAndLineWithoutItsContent) {
  WriteJsonl();
  std::ofstream(Exports() / "customers-a.jsonl", std::ios::app)
      << "{\"CustomerId\": 94, \"Email\": \"secret.person@example.com\", \"FirstName\": }\n"
      << "[\"not\", \"an object\"]\n";
  const SystemMap system = LoadMap("jsonl");
  auto source = Source(system);
  auto found = source->Discover({.email = "secret.person@example.com"});
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(found.error().message(), HasSubstr("customers-a.jsonl:14: not valid JSON"));
  EXPECT_THAT(found.error().message(), Not(HasSubstr("secret")));
  auto reread = source->Reread(
      {.system = "crm_export", .tables = {{.table = "customers", .rows = {{.key = 3}}}}});
  ASSERT_FALSE(reread);
  EXPECT_THAT(reread.error().message(), HasSubstr("customers-a.jsonl:14: not valid JSON"));
}

TEST_F(FileSourceTest, TheCheckReportsFilesColumnsAndMissingGlobs) {
  WriteCsv();
  const SystemMap system = LoadMap("csv");
  const std::string report = Report(Source(system)->Check());
  EXPECT_THAT(report, Not(HasSubstr("error"))) << report;
  EXPECT_THAT(report, HasSubstr("info crm_export: 2 file(s) match"));
  EXPECT_THAT(report, HasSubstr("info crm_export.customers: columns not in the data map (never "
                                "searched, disclosed or erased): Country, Notes, State"));

  SystemMap wrong = system;
  wrong.tables[0].fields.push_back({.column = "Birthday", .erasure = FieldErasure::kNull});
  EXPECT_THAT(Report(Source(wrong)->Check()),
              HasSubstr("error crm_export.customers.Birthday: no such column in "));
  auto without = Source(wrong)->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_FALSE(without);
  EXPECT_EQ(without.error().code(), ErrorCode::kFailedPrecondition);

  SystemMap missing = system;
  missing.connector.path = (dir_.path() / "nowhere" / "*.csv").string();
  const auto findings = Source(missing)->Check();
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings[0].severity, CheckFinding::Severity::kError);
  EXPECT_THAT(findings[0].message, HasSubstr("no file matches"));
  auto none = Source(missing)->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), ErrorCode::kUnavailable);  // never "nothing found"
}

TEST_F(FileSourceTest, TheCheckWarnsOfJsonKeysNeverSeen) {
  WriteJsonl();
  SystemMap system = LoadMap("jsonl");
  system.tables[0].fields.push_back({.column = "Birthday", .erasure = FieldErasure::kNull});
  const std::string report = Report(Source(system)->Check());
  EXPECT_THAT(report, HasSubstr("warning crm_export.customers.Birthday: not in the first 1000 "
                                "lines of "));
  EXPECT_THAT(report, HasSubstr("columns not in the data map (never searched, disclosed or "
                                "erased): Country, State"));
}

TEST_F(FileSourceTest, AFileThatCannotBeReadIsUnavailable) {
  WriteCsv();
  const SystemMap system = LoadMap("csv");
  // Root reads anything, so as root the search runs as nobody, who may enter the directories
  // but not read the file.
  const auto enter = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                     fs::perms::others_read | fs::perms::others_exec;
  fs::permissions(dir_.path(), enter);
  fs::permissions(Exports(), enter);
  fs::permissions(Exports() / "customers-a.csv", fs::perms::owner_read | fs::perms::owner_write);
  const bool root = ::geteuid() == 0;
  if (root) {
    ASSERT_EQ(::setegid(65534), 0);
    ASSERT_EQ(::seteuid(65534), 0);
  } else {
    fs::permissions(Exports() / "customers-a.csv", fs::perms::none);
  }
  auto source = Source(system);
  auto found = source->Discover({.email = "ftremblay@gmail.com"});
  const auto check = source->Check();
  if (root) {
    ASSERT_EQ(::seteuid(0), 0);
    ASSERT_EQ(::setegid(0), 0);
  }
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code(), ErrorCode::kUnavailable);
  EXPECT_THAT(found.error().message(), HasSubstr("customers-a.csv: Permission denied"));
  EXPECT_THAT(Report(check), HasSubstr("error crm_export.customers: cannot open "));
}

TEST_F(FileSourceTest, TheDataMapsFilesSystemsOpenAsFileSources) {
  WriteCsv();
  const SystemMap system = LoadMap("csv");
  auto source = connectors::OpenDataSource(system, clock_);
  ASSERT_TRUE(source) << source.error().message();
  auto found = (*source)->Discover({.email = "ftremblay@gmail.com"});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->RowCount(), 1u);
}

}  // namespace
}  // namespace rightsdesk
