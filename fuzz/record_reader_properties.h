// Properties both record-reader targets (fuzz_csv_reader, fuzz_jsonl_reader) check on every
// input, beyond "no crash": the raw records tile the input exactly; reading in small chunks
// (records crossing every refill, the buffer growing) gives what reading in one piece gives;
// every error names the input and a line, and every value is valid JSON (dump never throws).
// A failed property aborts, so the runner keeps the input.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/record_readers.h"
#include "core/text.h"

namespace rightsdesk::fuzz {

struct RawCopy {
  std::string text;
  std::string terminator;
  std::uint64_t offset = 0;
  std::uint64_t line = 0;
  std::optional<std::vector<FieldValue>> values;  // nullopt: the record did not parse
  friend bool operator==(const RawCopy&, const RawCopy&) = default;
};

struct Reading {
  std::vector<std::string> header;
  std::string header_bytes;
  std::vector<RawCopy> records;
  bool opened = false;
  friend bool operator==(const Reading&, const Reading&) = default;
};

inline void Require(bool property) {
  if (!property) std::abort();
}

// An error must say "<name>:<line>: ..." (the caller's name is "in").
inline void RequireLocated(const Error& error) {
  Require(error.message().starts_with("in:"));
  Require(error.code() == ErrorCode::kFailedPrecondition);
}

inline void RequireJsonSafe(const std::vector<FieldValue>& values) {
  for (const auto& value : values) {
    if (value.is_string()) Require(IsValidUtf8(value.get_ref<const std::string&>()));
    (void)value.dump();  // throws (and so aborts) on text JSON cannot hold
  }
}

// Every record of `input` through the reader, each parsed for `columns`.
inline Reading ReadAll(std::string_view input, connectors::RecordFormat format,
                       const std::vector<std::string>& columns, std::size_t chunk,
                       std::size_t max_read) {
  using namespace connectors;
  Reading reading;
  auto reader = RecordReader::Open(MemorySource(input, max_read), format, "in",
                                   {.columns = columns, .chunk_bytes = chunk});
  if (!reader) {
    RequireLocated(reader.error());
    return reading;
  }
  reading.opened = true;
  reading.header = (*reader)->header();
  reading.header_bytes = std::string((*reader)->header_bytes());
  std::vector<FieldValue> values;
  while (true) {
    auto raw = (*reader)->NextRaw();
    if (!raw) {
      RequireLocated(raw.error());
      return reading;
    }
    if (!*raw) return reading;
    const RawRecord& record = **raw;
    RawCopy copy{.text = std::string(record.text),
                 .terminator = std::string(record.terminator),
                 .offset = record.offset,
                 .line = record.line};
    if (auto parsed = (*reader)->Parse(record, values)) {
      RequireJsonSafe(values);
      copy.values = values;
    } else {
      RequireLocated(parsed.error());
    }
    reading.records.push_back(std::move(copy));
  }
}

// The header and the records, text and terminator, are the input's bytes in order.
inline void RequireTiling(const Reading& reading, std::string_view input) {
  std::uint64_t at = reading.header_bytes.size();
  Require(input.substr(0, at) == reading.header_bytes);
  for (std::size_t i = 0; i < reading.records.size(); ++i) {
    const RawCopy& record = reading.records[i];
    Require(record.offset == at);
    Require(input.substr(at, record.text.size()) == record.text);
    at += record.text.size();
    Require(input.substr(at, record.terminator.size()) == record.terminator);
    at += record.terminator.size();
    const bool last = i + 1 == reading.records.size();
    Require(record.terminator == "\n" || record.terminator == "\r\n" ||
            (last && record.terminator.empty()));
  }
  Require(at == input.size());
}

// The input in one chunk (a buffer just large enough: a 1 MiB one per input would dominate).
inline std::size_t WholeChunk(std::string_view input) { return input.size() + 64; }
// Chunk sizes from the input itself, so each input is read the same way every time.
inline std::size_t SmallChunk(std::string_view input) { return 64 + input.size() % 61; }
inline std::size_t SmallRead(std::string_view input) {
  return 1 + (input.empty() ? 0U : static_cast<unsigned char>(input.back()) % 13U);
}

}  // namespace rightsdesk::fuzz
