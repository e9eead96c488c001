// CSV exports as the files connector reads them (connectors/record_readers.h): files a company
// points its data map at, written by any program. Beyond the shared properties
// (record_reader_properties.h): record ends agree with a byte-by-byte RFC 4180 scan (the reader
// decides 64 bytes at a time from bit masks); an encoded field reads back as the same value; an
// updated record (an erasure) re-reads with its new value and every other field as it was.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/file_rewrite.h"
#include "connectors/record_readers.h"
#include "fuzz_target.h"
#include "record_reader_properties.h"

namespace {

using namespace rightsdesk;
using namespace rightsdesk::connectors;
using fuzz::Require;

// Record ends the slow way: a LF outside quotes, quotes toggling.
std::vector<std::uint64_t> RecordEnds(std::string_view input) {
  std::vector<std::uint64_t> ends;
  bool quoted = false;
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (input[i] == '"') quoted = !quoted;
    if (input[i] == '\n' && !quoted) ends.push_back(i);
  }
  return ends;
}

void RequireEndsAgree(const fuzz::Reading& reading, std::string_view input) {
  std::vector<std::uint64_t> ends;
  if (!reading.header_bytes.empty() && reading.header_bytes.back() == '\n') {
    ends.push_back(reading.header_bytes.size() - 1);
  }
  for (const auto& record : reading.records) {
    if (record.terminator.empty()) continue;
    ends.push_back(record.offset + record.text.size() + record.terminator.size() - 1);
  }
  Require(ends == RecordEnds(input));
}

void RequireRoundTrip(const FieldValue& value) {
  const std::string encoded = EncodeCsvField(value);
  std::vector<CsvField> fields;  // views into `encoded`
  Require(SplitCsvFields(encoded, fields).has_value());
  Require(fields.size() == 1 && CsvFieldValue(fields[0]) == value);
}

void RequireUpdate(const fuzz::RawCopy& record, const std::vector<std::string>& header) {
  if (header.empty() || !record.values) return;
  auto updated = UpdatedRecord(RecordFormat::kCsv, record.text, header, {{header[0], "[erased]"}});
  Require(updated.has_value());
  std::vector<CsvField> before, after;
  Require(SplitCsvFields(record.text, before).has_value());
  Require(SplitCsvFields(*updated, after).has_value());
  Require(after.size() == before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    const bool set = header[i] == header[0];
    Require(set ? CsvFieldValue(after[i]) == "[erased]" : after[i].raw == before[i].raw);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The header's names first, then every column of it.
  const auto first =
      fuzz::ReadAll(input, RecordFormat::kCsv, {}, fuzz::WholeChunk(input), SIZE_MAX);
  const auto whole =
      fuzz::ReadAll(input, RecordFormat::kCsv, first.header, fuzz::WholeChunk(input), SIZE_MAX);
  const auto small = fuzz::ReadAll(input, RecordFormat::kCsv, first.header, fuzz::SmallChunk(input),
                                   fuzz::SmallRead(input));
  Require(whole == small);
  if (!whole.opened) return 0;
  fuzz::RequireTiling(whole, input);
  RequireEndsAgree(whole, input);
  for (const auto& record : whole.records) {
    for (const auto& value : record.values.value_or(std::vector<FieldValue>{})) {
      RequireRoundTrip(value);
    }
    RequireUpdate(record, whole.header);
  }
  return 0;
}
