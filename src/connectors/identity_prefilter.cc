#include "connectors/identity_prefilter.h"

#include <hs/hs.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

#include "connectors/sql_text.h"
#include "core/text.h"

namespace rightsdesk::connectors {
namespace {

struct Pattern {
  std::string expression;
  unsigned flags = 0;
  unsigned consumer = 0;
};

// `text` as a Hyperscan expression matching exactly those bytes: every byte that is not a
// letter or digit written as \xHH, so no identifier can inject regular-expression syntax.
std::string Literal(std::string_view text) {
  std::string expression;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && std::isalnum(byte)) {
      expression += c;
    } else {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      expression += escaped;
    }
  }
  return expression;
}

// The forms a file may hold `text` in: as is; in jsonl with non-ASCII characters, quotes and
// backslashes escaped; in csv with quotes doubled.
std::vector<std::string> WrittenForms(const std::string& text, RecordFormat format) {
  std::vector<std::string> forms{text};
  std::string other;
  if (format == RecordFormat::kJsonl) {
    if (!IsValidUtf8(text)) return forms;  // no JSON writer could have written it
    other = FieldValue(text).dump(-1, ' ', /*ensure_ascii=*/true);
    other = other.substr(1, other.size() - 2);
  } else {
    for (char c : text) other += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  if (other != text) forms.push_back(std::move(other));
  return forms;
}

// The digits in order, anything but a digit between them.
std::string DigitsPattern(std::string_view digits) {
  std::string expression;
  for (char digit : digits) {
    if (!expression.empty()) expression += "[^0-9]*";
    expression += digit;
  }
  return expression;
}

bool Maps(const TableMap& table, IdentityKind kind) {
  return std::any_of(table.identity.begin(), table.identity.end(),
                     [kind](const IdentityColumn& column) { return column.kind == kind; });
}

void AddLiterals(const std::string& text, unsigned flags, unsigned consumer, RecordFormat format,
                 std::vector<Pattern>& patterns) {
  if (text.empty()) return;
  const auto forms = WrittenForms(text, format);
  for (std::size_t i = 0; i < forms.size(); ++i) {
    // An escape's hex digits may be written in either case (\u00e9, \u00E9): over-matching
    // only costs a parse, the comparison decides.
    const unsigned form_flags = i > 0 && format == RecordFormat::kJsonl ? HS_FLAG_CASELESS : flags;
    patterns.push_back(
        {.expression = Literal(forms[i]), .flags = form_flags, .consumer = consumer});
  }
}

std::vector<Pattern> PatternsFor(std::span<const SubjectIdentifiers> consumers,
                                 const TableMap& table, RecordFormat format) {
  std::vector<Pattern> patterns;
  for (std::size_t i = 0; i < consumers.size(); ++i) {
    const auto& consumer = consumers[i];
    const auto id = static_cast<unsigned>(i);
    if (Maps(table, IdentityKind::kEmail)) {
      AddLiterals(consumer.email, HS_FLAG_CASELESS, id, format, patterns);
    }
    if (Maps(table, IdentityKind::kAccountId)) {
      AddLiterals(consumer.account_id, 0, id, format, patterns);
    }
    const std::string digits = DigitsOf(consumer.phone);
    if (Maps(table, IdentityKind::kPhone) && !digits.empty()) {
      patterns.push_back({.expression = DigitsPattern(digits), .flags = 0, .consumer = id});
    }
  }
  return patterns;
}

}  // namespace

IdentityPrefilter::~IdentityPrefilter() { hs_free_database(database_); }

Result<std::unique_ptr<IdentityPrefilter>> IdentityPrefilter::Compile(
    std::span<const SubjectIdentifiers> consumers, const TableMap& table, RecordFormat format) {
  std::unique_ptr<IdentityPrefilter> prefilter(new IdentityPrefilter());
  const std::vector<Pattern> patterns = PatternsFor(consumers, table, format);
  if (patterns.empty()) return prefilter;
  std::vector<const char*> expressions;
  std::vector<unsigned> flags, ids;
  for (const auto& pattern : patterns) {
    expressions.push_back(pattern.expression.c_str());
    flags.push_back(pattern.flags);
    ids.push_back(pattern.consumer);
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(expressions.size()), HS_MODE_STREAM, nullptr,
                       &prefilter->database_, &error) != HS_SUCCESS) {
    // The message names the construct Hyperscan refused, and the index of the pattern, not the
    // identifier.
    std::string why = error && error->message ? error->message : "?";
    hs_free_compile_error(error);
    return Fail(ErrorCode::kInternal, "compiling the identity prefilter: " + why);
  }
  return prefilter;
}

Result<std::unique_ptr<IdentityPrefilter::Scan>> IdentityPrefilter::StartScan() const {
  std::unique_ptr<Scan> scan(new Scan());
  if (hs_alloc_scratch(database_, &scan->scratch_) != HS_SUCCESS ||
      hs_open_stream(database_, 0, &scan->stream_) != HS_SUCCESS) {
    return Fail(ErrorCode::kInternal, "cannot allocate a Hyperscan stream");
  }
  return scan;
}

IdentityPrefilter::Scan::~Scan() {
  // No pattern matches at the end of the data only, so nothing is reported here.
  if (stream_) hs_close_stream(stream_, nullptr, nullptr, nullptr);
  hs_free_scratch(scratch_);
}

int IdentityPrefilter::Scan::OnMatch(unsigned id, unsigned long long /*from*/,
                                     unsigned long long to, unsigned /*flags*/, void* context) {
  static_cast<Scan*>(context)->matches_.push_back({.end = to, .consumer = id});
  return 0;  // go on
}

Result<void> IdentityPrefilter::Scan::Feed(std::string_view chunk) {
  if (next_ > 0 && next_ * 2 >= matches_.size()) {  // drop what was consumed, now and then
    matches_.erase(matches_.begin(), matches_.begin() + static_cast<std::ptrdiff_t>(next_));
    next_ = 0;
  }
  const std::size_t before = matches_.size();
  if (hs_scan_stream(stream_, chunk.data(), static_cast<unsigned>(chunk.size()), 0, scratch_,
                     &Scan::OnMatch, this) != HS_SUCCESS) {
    return Fail(ErrorCode::kInternal, "Hyperscan failed scanning a chunk");
  }
  // Hyperscan reports in order of end offset per pattern, not across patterns.
  std::sort(matches_.begin() + static_cast<std::ptrdiff_t>(before), matches_.end(),
            [](const Match& a, const Match& b) { return a.end < b.end; });
  return {};
}

void IdentityPrefilter::Scan::ConsumersMatching(std::uint64_t begin, std::uint64_t end,
                                                std::vector<std::size_t>& consumers) {
  consumers.clear();
  while (next_ < matches_.size() && matches_[next_].end <= begin) ++next_;
  while (next_ < matches_.size() && matches_[next_].end <= end) {
    consumers.push_back(matches_[next_++].consumer);
  }
  std::sort(consumers.begin(), consumers.end());
  consumers.erase(std::unique(consumers.begin(), consumers.end()), consumers.end());
}

}  // namespace rightsdesk::connectors
