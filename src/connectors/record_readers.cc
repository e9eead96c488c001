#include "connectors/record_readers.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "core/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace rightsdesk::connectors {

// Where a CSV record's search for its end stands: inside quotes or not, and how many line feeds
// (all inside quotes) it has passed. Outside the anonymous namespace because RecordReader's
// Splitter keeps one.
struct CsvQuoteState {
  bool in_quotes = false;
  std::uint64_t newlines = 0;
};

namespace {

std::unexpected<Error> Malformed(const std::string& name, std::uint64_t line,
                                 std::string_view what) {
  return Fail(ErrorCode::kFailedPrecondition,
              name + ":" + std::to_string(line) + ": " + std::string(what));
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct BlockMasks {
  std::uint64_t quotes = 0;
  std::uint64_t newlines = 0;
};

// Bit i set where byte i of the 64-byte block is '"' / '\n'.
BlockMasks MasksOf(const char* block) {
  BlockMasks masks;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i newline = _mm_set1_epi8('\n');
  for (int i = 0; i < 4; ++i) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i));
    const auto q = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, quote)));
    const auto n = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline)));
    masks.quotes |= std::uint64_t{q} << (16 * i);
    masks.newlines |= std::uint64_t{n} << (16 * i);
  }
#else
  for (int i = 0; i < 64; ++i) {
    masks.quotes |= std::uint64_t{block[i] == '"'} << i;
    masks.newlines |= std::uint64_t{block[i] == '\n'} << i;
  }
#endif
  return masks;
}

// Bit i = XOR of bits 0..i: set where an odd number of quotes stands at or before byte i.
std::uint64_t PrefixXor(std::uint64_t bits) {
  for (int shift = 1; shift < 64; shift *= 2) bits ^= bits << shift;
  return bits;
}

// The index of the first LF outside quotes in `bytes`, continuing from `state`; npos when there
// is none (then `state` covers all of `bytes`). In well-formed CSV a LF is inside a quoted field
// exactly when an odd number of quotes precedes it in the record (doubled quotes count twice),
// so 64 bytes are decided at once from two bit masks instead of byte by byte.
std::size_t FindCsvRecordEnd(std::string_view bytes, CsvQuoteState& state) {
  char tail[64];  // the last, partial block, padded with zeros (neither quote nor LF)
  for (std::size_t at = 0; at < bytes.size(); at += 64) {
    const std::size_t length = std::min<std::size_t>(64, bytes.size() - at);
    const char* block = bytes.data() + at;
    if (length < 64) {
      std::memset(tail, 0, sizeof tail);
      block = static_cast<const char*>(std::memcpy(tail, block, length));
    }
    const BlockMasks masks = MasksOf(block);
    const std::uint64_t quoted = PrefixXor(masks.quotes) ^ (state.in_quotes ? ~0ULL : 0ULL);
    const std::uint64_t ends = masks.newlines & ~quoted;
    // Line feeds inside quotes are rare: counted only when there are some (without -mpopcnt a
    // popcount is a library call).
    if (ends != 0) {
      const int bit = std::countr_zero(ends);
      const std::uint64_t inside = masks.newlines & ((std::uint64_t{1} << bit) - 1);
      if (inside != 0) state.newlines += static_cast<std::uint64_t>(std::popcount(inside));
      return at + static_cast<std::size_t>(bit);
    }
    if (masks.newlines != 0) {
      state.newlines += static_cast<std::uint64_t>(std::popcount(masks.newlines));
    }
    state.in_quotes = (quoted >> 63) != 0;  // the parity after the block's last byte
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<RecordFormat> ParseRecordFormat(std::string_view name) {
  if (name == "csv") return RecordFormat::kCsv;
  if (name == "jsonl") return RecordFormat::kJsonl;
  return std::nullopt;
}

// Cuts the input into records: reads chunks into a buffer, finds each record's end (a LF; for
// csv one outside quotes), and moves an unfinished record to the buffer's front before reading
// on. The buffer grows only for a record longer than a chunk.
class RecordReader::Splitter {
 public:
  Splitter(ByteSource& source, RecordFormat format, const std::string& name,
           const ReaderOptions& options)
      : source_(source),
        format_(format),
        name_(name),
        options_(options),
        buffer_(std::max<std::size_t>(64, options.chunk_bytes)) {}

  Result<std::optional<RawRecord>> Next() {
    while (true) {
      const std::string_view unread(buffer_.data() + begin_, end_ - begin_);
      const std::size_t end = FindEnd(unread);
      if (end != std::string_view::npos) return Take(end, 1);
      if (eof_) {
        if (unread.empty()) return std::nullopt;
        return Take(unread.size(), 0);
      }
      if (auto more = Refill(); !more) return std::unexpected(more.error());
    }
  }

 private:
  // The end of the record starting at the front of `unread`, resuming after what was searched.
  std::size_t FindEnd(std::string_view unread) {
    const std::string_view rest = unread.substr(searched_);
    std::size_t found = std::string_view::npos;
    if (format_ == RecordFormat::kCsv) {
      found = FindCsvRecordEnd(rest, state_);
    } else if (const void* lf = std::memchr(rest.data(), '\n', rest.size())) {
      found = static_cast<std::size_t>(static_cast<const char*>(lf) - rest.data());
    }
    if (found == std::string_view::npos) {
      searched_ = unread.size();
      return found;
    }
    return searched_ + found;
  }

  // The record of `length` bytes at the front, followed by a terminator of `lf` bytes.
  RawRecord Take(std::size_t length, std::size_t lf) {
    std::string_view text(buffer_.data() + begin_, length);
    std::size_t terminator = lf;
    if (lf == 1 && !text.empty() && text.back() == '\r') {
      text.remove_suffix(1);
      ++terminator;
    }
    RawRecord record{.text = text,
                     .terminator = std::string_view(text.data() + text.size(), terminator),
                     .offset = offset_,
                     .line = line_};
    line_ += lf + state_.newlines;
    offset_ += length + lf;
    begin_ += length + lf;
    searched_ = 0;
    state_ = {};
    return record;
  }

  Result<void> Refill() {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
    if (end_ == buffer_.size()) {
      if (buffer_.size() >= options_.max_record_bytes) {
        const std::size_t limit = options_.max_record_bytes;
        const std::string size = limit >= (1U << 20) ? std::to_string(limit >> 20) + " MiB"
                                                     : std::to_string(limit) + " bytes";
        return Malformed(name_, line_, "a record longer than " + size + " (an unclosed quote?)");
      }
      buffer_.resize(std::min(buffer_.size() * 2, options_.max_record_bytes));
    }
    auto read = source_.Read(std::span(buffer_.data() + end_, buffer_.size() - end_));
    if (!read) return std::unexpected(read.error());
    if (*read == 0) {
      eof_ = true;
      return {};
    }
    const std::string_view chunk(buffer_.data() + end_, *read);
    end_ += *read;
    if (options_.observer) return options_.observer(chunk);
    return {};
  }

  ByteSource& source_;
  RecordFormat format_;
  const std::string& name_;
  const ReaderOptions& options_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;     // the unread bytes are [begin_, end_)
  std::size_t end_ = 0;       //
  std::size_t searched_ = 0;  // bytes after begin_ already searched for the record's end
  CsvQuoteState state_;       // of the search so far
  std::uint64_t offset_ = 0;  // of buffer_[begin_] in the input
  std::uint64_t line_ = 1;
  bool eof_ = false;
};

RecordReader::RecordReader(std::unique_ptr<ByteSource> source, RecordFormat format,
                           std::string name, ReaderOptions options)
    : source_(std::move(source)),
      format_(format),
      name_(std::move(name)),
      options_(std::move(options)),
      splitter_(std::make_unique<Splitter>(*source_, format_, name_, options_)) {}

RecordReader::~RecordReader() = default;

Result<std::unique_ptr<RecordReader>> RecordReader::Open(std::unique_ptr<ByteSource> source,
                                                         RecordFormat format, std::string name,
                                                         ReaderOptions options) {
  std::unique_ptr<RecordReader> reader(
      new RecordReader(std::move(source), format, std::move(name), std::move(options)));
  if (auto header = reader->ReadHeader(); !header) return std::unexpected(header.error());
  return reader;
}

Result<void> RecordReader::ReadHeader() {
  column_at_.assign(options_.columns.size(), std::nullopt);
  if (format_ != RecordFormat::kCsv) return {};
  auto first = splitter_->Next();
  if (!first) return std::unexpected(first.error());
  if (!*first) return {};  // an empty file: no header, no records
  const RawRecord& raw = **first;
  header_bytes_ = std::string(raw.text) + std::string(raw.terminator);
  std::string_view text = raw.text;
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  std::vector<CsvField> fields;
  if (auto split = SplitCsvFields(text, fields); !split) {
    return Malformed(name_, raw.line, "header: " + split.error().message());
  }
  for (const auto& field : fields) {
    const FieldValue value = CsvFieldValue(field);
    header_.push_back(value.is_string() ? value.get<std::string>() : "");
    if (!IsValidUtf8(header_.back())) return Malformed(name_, raw.line, "header is not UTF-8");
  }
  for (std::size_t c = 0; c < options_.columns.size(); ++c) {
    const auto& column = options_.columns[c];
    const auto count = std::count(header_.begin(), header_.end(), column);
    if (count > 1) return Malformed(name_, raw.line, "column " + column + " appears twice");
    if (count == 0) {
      missing_.push_back(column);
      continue;
    }
    column_at_[c] = static_cast<std::size_t>(std::find(header_.begin(), header_.end(), column) -
                                             header_.begin());
  }
  return {};
}

Result<std::optional<RawRecord>> RecordReader::NextRaw() { return splitter_->Next(); }

Result<bool> RecordReader::Next(Record& record) {
  while (true) {
    auto raw = NextRaw();
    if (!raw) return std::unexpected(raw.error());
    if (!*raw) return false;
    if ((*raw)->text.empty()) continue;
    if (auto parsed = Parse(**raw, record.values); !parsed) {
      return std::unexpected(parsed.error());
    }
    record.offset = (*raw)->offset;
    record.line = (*raw)->line;
    return true;
  }
}

Result<void> RecordReader::Parse(const RawRecord& raw, std::vector<FieldValue>& values) {
  values.assign(options_.columns.size(), nullptr);
  return format_ == RecordFormat::kCsv ? ParseCsv(raw, values) : ParseJson(raw, values);
}

Result<void> RecordReader::ParseCsv(const RawRecord& raw, std::vector<FieldValue>& values) {
  std::vector<CsvField>& fields = fields_;
  if (auto split = SplitCsvFields(raw.text, fields); !split) {
    return Malformed(name_, raw.line, split.error().message());
  }
  if (fields.size() != header_.size()) {
    return Malformed(name_, raw.line,
                     std::to_string(fields.size()) + " fields where the header has " +
                         std::to_string(header_.size()));
  }
  for (std::size_t c = 0; c < values.size(); ++c) {
    if (!column_at_[c]) continue;
    values[c] = CsvFieldValue(fields[*column_at_[c]]);
    // JSON (every later use of the value) needs valid UTF-8.
    if (values[c].is_string() && !IsValidUtf8(values[c].get_ref<const std::string&>())) {
      return Malformed(name_, raw.line, "column " + options_.columns[c] + " is not UTF-8");
    }
  }
  return {};
}

Result<void> RecordReader::ParseJson(const RawRecord& raw, std::vector<FieldValue>& values) {
  // Without exceptions: the parser's messages quote the input, which must not reach an error.
  FieldValue object = FieldValue::parse(raw.text, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) return Malformed(name_, raw.line, "not valid JSON");
  if (!object.is_object()) return Malformed(name_, raw.line, "not a JSON object");
  for (std::size_t c = 0; c < values.size(); ++c) {
    auto it = object.find(options_.columns[c]);
    if (it != object.end()) values[c] = std::move(*it);
  }
  return {};
}

Result<void> SplitCsvFields(std::string_view text, std::vector<CsvField>& fields) {
  fields.clear();
  std::size_t at = 0;
  // The position, never the content, says where a record is malformed.
  auto bad = [&fields](std::string_view what) {
    return Fail(ErrorCode::kFailedPrecondition,
                "field " + std::to_string(fields.size() + 1) + ": " + std::string(what));
  };
  while (true) {
    std::size_t end = 0;
    if (at < text.size() && text[at] == '"') {
      end = at + 1;
      while (true) {
        end = text.find('"', end);
        if (end == std::string_view::npos) {
          return bad("a quote is not closed");
        }
        if (end + 1 < text.size() && text[end + 1] == '"') {
          end += 2;  // a doubled quote inside the field
          continue;
        }
        ++end;
        break;
      }
      if (end < text.size() && text[end] != ',') {
        return bad("text after a closing quote");
      }
      fields.push_back({.raw = text.substr(at, end - at), .quoted = true});
    } else {
      end = std::min(text.find(',', at), text.size());
      const std::string_view raw = text.substr(at, end - at);
      if (raw.find('"') != std::string_view::npos) {
        return bad("a quote in an unquoted field");
      }
      if (raw.find('\r') != std::string_view::npos) {
        return bad("a carriage return outside quotes");
      }
      fields.push_back({.raw = raw, .quoted = false});
    }
    if (end >= text.size()) return {};
    at = end + 1;  // past the comma; a comma at the very end leaves an empty last field
  }
}

FieldValue CsvFieldValue(const CsvField& field) {
  if (!field.quoted) {
    if (field.raw.empty()) return nullptr;
    return std::string(field.raw);
  }
  const std::string_view inner = field.raw.substr(1, field.raw.size() - 2);
  std::string value;
  value.reserve(inner.size());
  for (std::size_t i = 0; i < inner.size(); ++i) {
    value += inner[i];
    if (inner[i] == '"') ++i;  // the second of a doubled quote
  }
  return value;
}

std::string EncodeCsvField(const FieldValue& value) {
  if (value.is_null()) return "";
  const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (!text.empty() && text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

}  // namespace rightsdesk::connectors
