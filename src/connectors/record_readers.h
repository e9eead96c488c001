// Streaming readers of the record files a files system holds (outside input: exports, logs):
//   csv    RFC 4180 — a header row naming the columns, fields separated by commas, quoted fields
//          holding commas, doubled quotes and CR/LF newlines; records end with LF or CRLF.
//          An unquoted empty field reads as null, a quoted one ("") as the empty string (the
//          convention of PostgreSQL's COPY CSV), so that an erasure that sets null reads back as
//          null. Values are strings.
//   jsonl  one JSON object per line; values keep their JSON types; a missing key reads as null.
// Blank lines are skipped. Input comes in chunks (1 MiB by default) through a ByteSource, so a
// file is never read into memory whole; a record may not exceed `max_record_bytes`.
//
// Errors: a malformed record is kFailedPrecondition with "<file>:<line>: <what is wrong>" — the
// line and the field's position, never the content (the files hold personal data). I/O errors
// come from the ByteSource. A reader is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "connectors/byte_source.h"
#include "core/error.h"
#include "core/findings.h"

namespace rightsdesk::connectors {

// One field of a CSV record (SplitCsvFields below).
struct CsvField {
  std::string_view raw;  // exactly as in the record, quotes included
  bool quoted = false;
};

enum class RecordFormat { kCsv, kJsonl };
std::optional<RecordFormat> ParseRecordFormat(std::string_view name);  // "csv", "jsonl"

// One record as it stands in the input, before parsing. Views into the reader's buffer: valid
// until the reader's next call.
struct RawRecord {
  std::string_view text;        // without its terminator
  std::string_view terminator;  // "\n", "\r\n", or "" for a last line without one
  std::uint64_t offset = 0;     // of text's first byte in the (decompressed) input
  std::uint64_t line = 0;       // the line it starts on, counting from 1
};

// A parsed record: the values of the reader's columns.
struct Record {
  std::uint64_t offset = 0;
  std::uint64_t line = 0;
  std::vector<FieldValue> values;  // one per ReaderOptions::columns, in that order
};

// Sees every chunk of input as it is read, in order, before any record in it is returned (a
// prefilter scans the bytes there). A failure stops the reading and is returned by it.
using ChunkObserver = std::function<Result<void>(std::string_view chunk)>;

struct ReaderOptions {
  std::vector<std::string> columns;  // the CSV header names / JSON keys each record carries
  std::size_t chunk_bytes = std::size_t{1} << 20;
  std::size_t max_record_bytes = std::size_t{64} << 20;
  ChunkObserver observer;  // optional
};

class RecordReader {
 public:
  // Reads the header row (csv). `name` is how errors name the input (the file's path). An empty
  // input has no header and no records. Columns missing from the header are listed by
  // missing_columns(), not refused: the caller decides.
  static Result<std::unique_ptr<RecordReader>> Open(std::unique_ptr<ByteSource> source,
                                                    RecordFormat format, std::string name,
                                                    ReaderOptions options);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // The next record parsed; false at the end of the input.
  Result<bool> Next(Record& record);

  // The next record unparsed, blank lines included (a scan parses only the records it wants);
  // nullopt at the end.
  Result<std::optional<RawRecord>> NextRaw();
  // The values of the reader's columns in `raw` (one of this reader's records).
  Result<void> Parse(const RawRecord& raw, std::vector<FieldValue>& values);

  RecordFormat format() const { return format_; }
  const std::string& name() const { return name_; }
  // csv: the header's column names (a leading UTF-8 byte order mark removed); jsonl: empty.
  const std::vector<std::string>& header() const { return header_; }
  bool has_header() const { return !header_bytes_.empty(); }
  // csv: the header row exactly as in the input, with its terminator (for a rewrite).
  std::string_view header_bytes() const { return header_bytes_; }
  const std::vector<std::string>& missing_columns() const { return missing_; }

 private:
  class Splitter;
  RecordReader(std::unique_ptr<ByteSource> source, RecordFormat format, std::string name,
               ReaderOptions options);
  Result<void> ReadHeader();
  Result<void> ParseCsv(const RawRecord& raw, std::vector<FieldValue>& values);
  Result<void> ParseJson(const RawRecord& raw, std::vector<FieldValue>& values);

  std::unique_ptr<ByteSource> source_;
  RecordFormat format_;
  std::string name_;
  ReaderOptions options_;
  std::unique_ptr<Splitter> splitter_;
  std::vector<std::string> header_;
  std::string header_bytes_;
  std::vector<std::optional<std::size_t>> column_at_;  // per option column: its header index
  std::vector<std::string> missing_;
  std::vector<CsvField> fields_;  // reused from record to record
};

// --- CSV fields, shared with the rewrite of updated records ---

// Splits a record's text into its fields (RFC 4180). kFailedPrecondition with the reason and the
// field's position (1-based) on a malformed record; the caller adds file and line.
Result<void> SplitCsvFields(std::string_view text, std::vector<CsvField>& fields);

// The field's value: the quoted text with doubled quotes undone; null for an unquoted empty
// field. Not checked for UTF-8.
FieldValue CsvFieldValue(const CsvField& field);

// The field as written into a record: null as an empty field; strings quoted when they hold a
// comma, quote, CR or LF, or are empty; numbers and booleans as JSON writes them.
std::string EncodeCsvField(const FieldValue& value);

}  // namespace rightsdesk::connectors
