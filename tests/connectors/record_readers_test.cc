// The record readers on inputs written here by hand: RFC 4180 CSV and JSON lines, read in chunks
// small enough that records cross every refill, gzip files whole, truncated and fake.
#include "connectors/record_readers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "connectors/file_rewrite.h"
#include "integration/test_dirs.h"

namespace rightsdesk::connectors {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Read {
  std::vector<Record> records;
  std::optional<Error> error;
  std::vector<std::string> header;
  std::vector<std::string> missing;
};

// Every record of `input`, read `max_read` bytes at a time into a buffer of `chunk` bytes.
Read ReadAll(std::string_view input, RecordFormat format, std::vector<std::string> columns,
             std::size_t chunk = 64, std::size_t max_read = 7) {
  Read read;
  auto reader = RecordReader::Open(MemorySource(input, max_read), format, "in.txt",
                                   {.columns = std::move(columns), .chunk_bytes = chunk});
  if (!reader) {
    read.error = reader.error();
    return read;
  }
  read.header = (*reader)->header();
  read.missing = (*reader)->missing_columns();
  for (Record record;;) {
    auto next = (*reader)->Next(record);
    if (!next) {
      read.error = next.error();
      break;
    }
    if (!*next) break;
    read.records.push_back(record);
  }
  return read;
}

std::vector<FieldValue> Values(const Read& read, std::size_t i) {
  return i < read.records.size() ? read.records[i].values : std::vector<FieldValue>{};
}

TEST(CsvReaderTest, ReadsRfc4180QuotingAcrossChunkBoundaries) {
  const std::string input =
      "\xEF\xBB\xBFid,name,address,note\r\n"
      "1,\"Luís\",\"Av. Brigadeiro Faria Lima, 2170\",plain\r\n"
      "2,\"Zoë \"\"Zo\"\"\",\"12 Quay St\r\nFlat 3\nDublin\",\r\n"
      "\r\n"
      "3,,\"\",\"a long field that is longer than one chunk of sixty-four bytes, so the "
      "buffer grows\"";
  for (std::size_t chunk : {64UL, 100UL, 1UL << 20}) {
    for (std::size_t max_read : {1UL, 7UL, 1UL << 20}) {
      const Read read =
          ReadAll(input, RecordFormat::kCsv, {"name", "id", "address", "note"}, chunk, max_read);
      ASSERT_FALSE(read.error) << read.error->message();
      EXPECT_EQ(read.header, (std::vector<std::string>{"id", "name", "address", "note"}));
      ASSERT_EQ(read.records.size(), 3u);
      EXPECT_EQ(Values(read, 0),
                (std::vector<FieldValue>{"Luís", "1", "Av. Brigadeiro Faria Lima, 2170", "plain"}));
      EXPECT_EQ(Values(read, 1), (std::vector<FieldValue>{
                                     "Zoë \"Zo\"", "2", "12 Quay St\r\nFlat 3\nDublin", nullptr}));
      // Unquoted empty is null; quoted empty is the empty string.
      EXPECT_TRUE(Values(read, 2).at(0).is_null());
      EXPECT_EQ(Values(read, 2).at(2), "");
      EXPECT_EQ(read.records[0].line, 2u);
      EXPECT_EQ(read.records[1].line, 3u);
      EXPECT_EQ(read.records[2].line, 7u);     // after two newlines in quotes and a blank line
      EXPECT_EQ(read.records[0].offset, 25u);  // after the byte order mark and header
    }
  }
}

TEST(CsvReaderTest, MissingColumnsAreListedNotRefused) {
  const Read read = ReadAll("a,b\n1,2\n", RecordFormat::kCsv, {"b", "Email"});
  ASSERT_FALSE(read.error);
  EXPECT_EQ(read.missing, std::vector<std::string>{"Email"});
  EXPECT_EQ(Values(read, 0), (std::vector<FieldValue>{"2", nullptr}));
  EXPECT_FALSE(ReadAll("", RecordFormat::kCsv, {"a"}).error);  // an empty file: nothing
}

TEST(CsvReaderTest, MalformedRecordsNameTheLineAndFieldButNoContent) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"a,b\nsecret,se\"cret\n", "in.txt:2: field 2: a quote in an unquoted field"},
      {"a,b\n\"secret\"x,b\n", "in.txt:2: field 1: text after a closing quote"},
      {"a,b\nok,ok\n\"secret,b\n", "in.txt:3: field 1: a quote is not closed"},
      {"a,b\nsecret\rvalue,b\n", "in.txt:2: field 1: a carriage return outside quotes"},
      {"a,b\n\"x\ny\",b\nsecret\n", "in.txt:4: 1 fields where the header has 2"},
      {"a,b\n\xff\xfe,b\n", "in.txt:2: column a is not UTF-8"},
      {"a,a\n", "in.txt:1: column a appears twice"},
  };
  for (const auto& [input, message] : cases) {
    const Read read = ReadAll(input, RecordFormat::kCsv, {"a", "b"});
    ASSERT_TRUE(read.error) << message;
    EXPECT_EQ(read.error->code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(read.error->message(), message);
    EXPECT_THAT(read.error->message(), Not(HasSubstr("secret")));
  }
}

TEST(CsvReaderTest, ARecordLongerThanTheLimitIsRefused) {
  const std::string input = "a\n\"" + std::string(5000, 'x');  // a quote never closed
  auto reader = RecordReader::Open(MemorySource(input), RecordFormat::kCsv, "big.csv",
                                   {.columns = {"a"}, .chunk_bytes = 64, .max_record_bytes = 1024});
  ASSERT_TRUE(reader);
  Record record;
  auto next = (*reader)->Next(record);
  ASSERT_FALSE(next);
  EXPECT_THAT(next.error().message(), HasSubstr("big.csv:2: a record longer than"));
}

TEST(JsonlReaderTest, ReadsObjectsWithTheirTypesAndSkipsBlankLines) {
  const std::string input =
      "{\"id\": 1, \"email\": \"jos\\u00e9@example.com\", \"tags\": [1, 2]}\r\n"
      "\n"
      "{\"email\": null}\n"
      "{\"id\": \"x\"}";
  const Read read = ReadAll(input, RecordFormat::kJsonl, {"id", "email", "tags"});
  ASSERT_FALSE(read.error) << read.error->message();
  ASSERT_EQ(read.records.size(), 3u);
  EXPECT_EQ(Values(read, 0), (std::vector<FieldValue>{1, "josé@example.com", {1, 2}}));
  EXPECT_EQ(Values(read, 1), (std::vector<FieldValue>{nullptr, nullptr, nullptr}));
  EXPECT_EQ(Values(read, 2).at(0), "x");
  EXPECT_EQ(read.records[1].line, 3u);
  EXPECT_EQ(read.records[2].line, 4u);
}

TEST(JsonlReaderTest, InvalidLinesNameTheLineButNoContent) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"{\"a\": 1}\n{\"secret\": }\n", "in.txt:2: not valid JSON"},
      {"[\"secret\"]\n", "in.txt:1: not a JSON object"},
      {"{\"a\": \"\xff secret\"}\n", "in.txt:1: not valid JSON"},
  };
  for (const auto& [input, message] : cases) {
    const Read read = ReadAll(input, RecordFormat::kJsonl, {"a"});
    ASSERT_TRUE(read.error) << message;
    EXPECT_EQ(read.error->message(), message);
  }
}

class GzipFileTest : public ::testing::Test {
 protected:
  std::filesystem::path Write(const std::string& name, const std::string& bytes) {
    const auto path = dir_.path() / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  std::string Gzip(const std::string& text) {
    const auto path = dir_.path() / "tmp.gz";
    gzFile file = gzopen(path.c_str(), "wb");
    gzwrite(file, text.data(), static_cast<unsigned>(text.size()));
    gzclose(file);
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  Read ReadFile(const std::filesystem::path& path) {
    Read read;
    auto opened = OpenFileSource(path);
    if (!opened) {
      read.error = opened.error();
      return read;
    }
    auto reader = RecordReader::Open(std::move(opened->source), RecordFormat::kCsv, path.string(),
                                     {.columns = {"a"}});
    if (!reader) {
      read.error = reader.error();
      return read;
    }
    for (Record record;;) {
      auto next = (*reader)->Next(record);
      if (!next) read.error = next.error();
      if (!next || !*next) return read;
      read.records.push_back(record);
    }
  }
  testing::ScratchDir dir_;
};

TEST_F(GzipFileTest, ReadsGzipAndRefusesCorruptOrFakeGzip) {
  std::string text = "a\n";
  for (int i = 0; i < 50000; ++i) text += "value " + std::to_string(i) + "\n";
  const std::string gzip = Gzip(text);
  const Read whole = ReadFile(Write("whole.csv.gz", gzip));
  ASSERT_FALSE(whole.error) << whole.error->message();
  EXPECT_EQ(whole.records.size(), 50000u);

  const Read truncated = ReadFile(Write("truncated.csv.gz", gzip.substr(0, gzip.size() / 2)));
  ASSERT_TRUE(truncated.error);
  EXPECT_EQ(truncated.error->code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(truncated.error->message(), HasSubstr("truncated.csv.gz: corrupt or truncated"));

  const Read fake = ReadFile(Write("fake.csv.gz", "a\nplain text\n"));
  ASSERT_TRUE(fake.error);
  EXPECT_THAT(fake.error->message(), HasSubstr("fake.csv.gz: named .gz but not gzip data"));

  const Read missing = ReadFile(dir_.path() / "missing.csv");
  ASSERT_TRUE(missing.error);
  EXPECT_EQ(missing.error->code(), ErrorCode::kUnavailable);
}

TEST(CsvFieldTest, EncodedFieldsReadBackAsTheSameValue) {
  for (const FieldValue& value : std::vector<FieldValue>{
           nullptr, "", "plain", "a,b", "say \"hi\"", "two\r\nlines", 42, "[erased]", " spaced "}) {
    const std::string encoded = EncodeCsvField(value);
    std::vector<CsvField> fields;  // views into `encoded`
    ASSERT_TRUE(SplitCsvFields(encoded, fields));
    ASSERT_EQ(fields.size(), 1u);
    EXPECT_EQ(CsvFieldValue(fields[0]), value.is_number() ? FieldValue(value.dump()) : value);
  }
}

TEST(UpdatedRecordTest, ChangesOnlyTheFieldsSetAndKeepsTheRestAsWritten) {
  const std::vector<std::string> header{"id", "name", "email", "note"};
  auto csv = UpdatedRecord(RecordFormat::kCsv, "7,\"Ann\",\"ann@x.org\",\"a, \"\"b\"\"\"", header,
                           {{"name", "[erased]"}, {"email", nullptr}});
  ASSERT_TRUE(csv);
  EXPECT_EQ(*csv, "7,[erased],,\"a, \"\"b\"\"\"");
  auto json = UpdatedRecord(RecordFormat::kJsonl, R"({"z": 1, "email": "a@b.c", "a": [1]})", {},
                            {{"email", "[erased]"}});
  ASSERT_TRUE(json);
  EXPECT_EQ(*json, R"({"z":1,"email":"[erased]","a":[1]})");
}

}  // namespace
}  // namespace rightsdesk::connectors
