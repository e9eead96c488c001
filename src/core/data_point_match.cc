#include "core/data_point_match.h"

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <vector>

#include "core/text.h"

namespace rightsdesk {
namespace {

// Base letters of U+00C0..U+00FF and U+0100..U+017F; '?' marks a letter written with two
// (see Ligature), ' ' a sign that separates words (× ÷).
constexpr std::string_view kLatin1 =
    "aaaaaa?ceeeeiiiidnooooo ouuuuy??aaaaaa?ceeeeiiiidnooooo ouuuuy?y";
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllllnnnnnnnnnoooooo??"
    "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatin1.size() == 0x100 - 0xC0 && kLatinExtendedA.size() == 0x180 - 0x100);

std::string_view Ligature(char32_t c) {
  switch (c) {
    case 0xC6:
    case 0xE6:
      return "ae";
    case 0xDE:
    case 0xFE:
      return "th";
    case 0xDF:
      return "ss";
    case 0x132:
    case 0x133:
      return "ij";
    case 0x152:
    case 0x153:
      return "oe";
    default:
      return "";
  }
}

// Decodes one UTF-8 sequence at `i` (advancing it); invalid bytes decode as themselves.
char32_t NextCodePoint(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  if (i + static_cast<std::size_t>(extra) >= text.size()) extra = 0;
  char32_t c = extra == 0 ? lead : static_cast<char32_t>(lead & (0x3F >> extra));
  for (int k = 1; k <= extra; ++k) {
    c = (c << 6) | static_cast<char32_t>(byte(i + static_cast<std::size_t>(k)) & 0x3F);
  }
  i += 1 + static_cast<std::size_t>(extra);
  return c;
}

// What one code point contributes to folded text: letters, or a space for a separator.
std::string Fold(char32_t c) {
  if (c < 0x80) {
    const char a = static_cast<char>(c);
    if (a >= 'A' && a <= 'Z') return std::string(1, static_cast<char>(a - 'A' + 'a'));
    if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) return std::string(1, a);
    return a == '\'' ? "" : " ";
  }
  if (c >= 0x300 && c <= 0x36F) return "";   // combining accents (decomposed text)
  if (c == 0x2019 || c == 0x2BC) return "";  // typographic apostrophes
  if (auto pair = Ligature(c); !pair.empty()) return std::string(pair);
  if (c >= 0xC0 && c <= 0xFF) return std::string(1, kLatin1[c - 0xC0]);
  if (c >= 0x100 && c <= 0x17F) return std::string(1, kLatinExtendedA[c - 0x100]);
  if (c < 0xC0) return " ";  // Latin-1 signs and spaces
  std::string other;         // other scripts: kept as they are
  if (c < 0x800) {
    other += static_cast<char>(0xC0 | (c >> 6));
  } else {
    other +=
        c < 0x10000 ? static_cast<char>(0xE0 | (c >> 12)) : static_cast<char>(0xF0 | (c >> 18));
    if (c >= 0x10000) other += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    other += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  }
  other += static_cast<char>(0x80 | (c & 0x3F));
  return other;
}

std::vector<std::string> Words(std::string_view folded) {
  std::vector<std::string> words;
  std::istringstream in{std::string(folded)};
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::string_view DropTrunkZero(std::string_view digits) {
  return !digits.empty() && digits.front() == '0' ? digits.substr(1) : digits;
}

constexpr std::size_t kMinPhoneDigits = 7;

bool NationalEqual(std::string_view a, std::string_view b) {
  a = DropTrunkZero(a);
  b = DropTrunkZero(b);
  return a.size() >= kMinPhoneDigits && a == b;
}

// `international` without its '+', against a national number: some country code of 1 to 3
// digits leaves the same national number.
bool MatchesNational(std::string_view international, std::string_view national) {
  if (NationalEqual(international, national)) return true;  // the country code without its '+'
  for (std::size_t cc = 1; cc <= 3 && cc < international.size(); ++cc) {
    if (NationalEqual(international.substr(cc), national)) return true;
  }
  return false;
}

bool MatchesInternational(std::string_view a, std::string_view b) {
  if (a == b) return a.size() >= kMinPhoneDigits;
  for (std::size_t cc = 1; cc <= 3 && cc < a.size() && cc < b.size(); ++cc) {
    if (a.substr(0, cc) == b.substr(0, cc) && NationalEqual(a.substr(cc), b.substr(cc))) {
      return true;
    }
  }
  return false;
}

bool ContainsWords(const std::vector<std::string>& haystack,
                   const std::vector<std::string>& needle) {
  if (needle.empty()) return false;
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

std::string ValueText(const FieldValue& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::string ColumnText(const TableMap& table, const FoundRow& row, std::string_view column) {
  if (table.Field(column) == nullptr) return "";
  const std::size_t index = table.FieldIndex(column);
  return index < row.values.size() ? ValueText(row.values[index]) : "";
}

std::string JoinedColumns(const TableMap& table, const FoundRow& row,
                          const std::vector<std::string>& columns) {
  std::string joined;
  for (const auto& column : columns) joined += ColumnText(table, row, column) + " ";
  return joined;
}

bool IdentityMatches(IdentityKind kind, std::string_view value,
                     const SubjectIdentifiers& consumer) {
  switch (kind) {
    case IdentityKind::kEmail:
      return !consumer.email.empty() && NormalizeEmail(value).value_or("") == consumer.email;
    case IdentityKind::kPhone:
      return !consumer.phone.empty() && PhonesMatch(value, consumer.phone);
    case IdentityKind::kAccountId:
      return !consumer.account_id.empty() && TrimAscii(value) == TrimAscii(consumer.account_id);
  }
  return false;
}

DataPoint PointOf(IdentityKind kind) {
  switch (kind) {
    case IdentityKind::kEmail:
      return DataPoint::kEmail;
    case IdentityKind::kPhone:
      return DataPoint::kPhone;
    case IdentityKind::kAccountId:
      return DataPoint::kAccountId;
  }
  return DataPoint::kEmail;
}

}  // namespace

std::string FoldText(std::string_view text) {
  std::string spaced;
  for (std::size_t i = 0; i < text.size();) spaced += Fold(NextCodePoint(text, i));
  std::string out;
  for (const auto& word : Words(spaced)) out += (out.empty() ? "" : " ") + word;
  return out;
}

std::string PhoneDigits(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  const auto first = phone.find_first_not_of(" \t(");
  if (first != std::string_view::npos && phone[first] == '+') return "+" + digits;
  if (digits.starts_with("00")) return "+" + digits.substr(2);
  return digits;
}

std::optional<std::string> ToE164(std::string_view phone, std::string_view default_country_code) {
  const std::string digits = PhoneDigits(phone);
  std::string international;
  if (digits.starts_with('+')) {
    international = digits.substr(1);
  } else if (default_country_code == "1" && digits.size() == 11 && digits.front() == '1') {
    international = digits;
  } else {
    const bool code_ok = !default_country_code.empty() && default_country_code.size() <= 3 &&
                         std::all_of(default_country_code.begin(), default_country_code.end(),
                                     [](char c) { return c >= '0' && c <= '9'; });
    if (!code_ok || digits.empty()) return std::nullopt;
    international = std::string(default_country_code) + std::string(DropTrunkZero(digits));
  }
  if (international.size() < 8 || international.size() > 15 || international.front() == '0') {
    return std::nullopt;
  }
  return "+" + international;
}

bool PhonesMatch(std::string_view a, std::string_view b) {
  const std::string x = PhoneDigits(a);
  const std::string y = PhoneDigits(b);
  const bool x_int = x.starts_with('+');
  const bool y_int = y.starts_with('+');
  const std::string_view xd = x_int ? std::string_view(x).substr(1) : std::string_view(x);
  const std::string_view yd = y_int ? std::string_view(y).substr(1) : std::string_view(y);
  if (x_int && y_int) return MatchesInternational(xd, yd);
  if (x_int) return MatchesNational(xd, yd);
  if (y_int) return MatchesNational(yd, xd);
  return NationalEqual(xd, yd);
}

bool NamesMatch(std::string_view typed, std::string_view on_record) {
  auto a = Words(FoldText(typed));
  auto b = Words(FoldText(on_record));
  if (a.empty()) return false;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

bool AddressMatches(std::string_view typed, std::string_view street,
                    const std::vector<std::string>& others) {
  const auto words = Words(FoldText(typed));
  if (!ContainsWords(words, Words(FoldText(street)))) return false;
  bool has_other = false;
  for (const auto& other : others) {
    auto other_words = Words(FoldText(other));
    if (other_words.empty()) continue;
    has_other = true;
    if (ContainsWords(words, other_words)) return true;
  }
  return !has_other;
}

std::set<DataPoint> MatchRow(const TableMap& table, const FoundRow& row,
                             const SubjectIdentifiers& consumer) {
  std::set<DataPoint> points;
  for (const auto& identity : table.identity) {
    if (IdentityMatches(identity.kind, ColumnText(table, row, identity.column), consumer)) {
      points.insert(PointOf(identity.kind));
    }
  }
  if (!consumer.name.empty() && !table.name_columns.empty() &&
      NamesMatch(consumer.name, JoinedColumns(table, row, table.name_columns))) {
    points.insert(DataPoint::kName);
  }
  if (!consumer.address.empty() && !table.address_columns.empty()) {
    std::vector<std::string> others;
    for (std::size_t i = 1; i < table.address_columns.size(); ++i) {
      others.push_back(ColumnText(table, row, table.address_columns[i]));
    }
    if (AddressMatches(consumer.address, ColumnText(table, row, table.address_columns[0]),
                       others)) {
      points.insert(DataPoint::kAddress);
    }
  }
  return points;
}

bool HoldsSensitiveData(const TableMap& table, const FoundRow& row) {
  for (std::size_t i = 0; i < table.fields.size() && i < row.values.size(); ++i) {
    const FieldMap& field = table.fields[i];
    const bool sensitive = field.category == PiCategory::kSensitive ||
                           field.category == PiCategory::kBiometric || field.withheld.has_value();
    if (sensitive && !ValueText(row.values[i]).empty()) return true;
  }
  return false;
}

SystemMatch MatchSystem(const SystemMap& system, const SystemFindings& findings,
                        const SubjectIdentifiers& consumer) {
  SystemMatch best{.system = system.name};
  for (const auto& found : findings.tables) {
    const TableMap* table = system.Table(found.table);
    if (table == nullptr) continue;
    for (const auto& row : found.rows) {
      if (HoldsSensitiveData(*table, row)) best.sensitive = true;
      if (table->identity.empty()) continue;
      auto points = MatchRow(*table, row, consumer);
      if (points.size() > best.points.size()) {
        best.points = std::move(points);
        best.table = table->name;
      }
    }
  }
  return best;
}

}  // namespace rightsdesk
