// Data-point matching (Cal. Code Regs. tit. 11 §7062(b)-(c)): which of the identifiers a consumer
// gave agree with a record the business already holds about them. Pure functions over a record
// found through the data map; the result names the points that matched and where, never the
// values. No I/O.
//
// How each point is compared, so that the same person is recognised however they type:
//   email      without regard to case;
//   phone      by its digits, E.164-ish: "+1 (514) 721-4711", "514.721.4711", "0015147214711"
//              agree; a national trunk 0 written after the country code ("+49 0711 ...") is
//              ignored; at least 7 digits must agree;
//   name       accents and case folded, punctuation ignored, words in any order
//              ("francois TREMBLAY" is "François Tremblay");
//   address    folded the same way; the record's street line must appear in what the consumer
//              typed, and so must its postal code or its city when the record has one;
//   account_id exactly, surrounding spaces ignored.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/datamap.h"
#include "core/findings.h"
#include "core/subject.h"
#include "core/verification_policy.h"

namespace rightsdesk {

// Lower-case ASCII words separated by single spaces: Latin letters lose their accents (both
// precomposed and combining), apostrophes vanish, other punctuation separates words.
std::string FoldText(std::string_view text);

// The digits of a phone number, an international "00" prefix turned into the "+" it means
// (kept as a leading '+'), so "+1 (514) 721-4711" is "+15147214711".
std::string PhoneDigits(std::string_view phone);
bool PhonesMatch(std::string_view a, std::string_view b);
// The number in E.164 ("+14155550123"), as an SMS gateway needs it: an international number as
// given; a national one with `default_country_code` (1 to 3 digits, e.g. "1", "44") and without
// its trunk '0' ("020 7946 0018" with "44" is "+442079460018"); a North American number given with
// its leading 1 keeps it once. nullopt when the result is not 8 to 15 digits, or starts with 0.
std::optional<std::string> ToE164(std::string_view phone, std::string_view default_country_code);
bool NamesMatch(std::string_view typed, std::string_view on_record);
// `street` is the record's street line; `others` its city, postal code... (empty ones ignored).
bool AddressMatches(std::string_view typed, std::string_view street,
                    const std::vector<std::string>& others);

// The points of `consumer` that agree with one found row of `table` (which must be the table the
// row came from). Points the consumer did not give, or the table does not hold, never match.
std::set<DataPoint> MatchRow(const TableMap& table, const FoundRow& row,
                             const SubjectIdentifiers& consumer);

// Whether a found row holds sensitive personal information (Cal. Civ. Code §1798.140(ae)): a
// non-empty value in a field of category "sensitive" or "biometric", or one withheld from access
// packages (SSN, government id, account numbers, passwords, security answers, biometrics).
bool HoldsSensitiveData(const TableMap& table, const FoundRow& row);

// The best match in one system's findings: the record (of a table searched by identity) that
// agrees on the most points. Points are never pooled across records: they must describe one
// person. `sensitive` says whether any of the consumer's rows in the system is sensitive.
struct SystemMatch {
  std::string system;
  std::string table;  // "" when no record matched any point
  std::set<DataPoint> points;
  bool sensitive = false;
};
SystemMatch MatchSystem(const SystemMap& system, const SystemFindings& findings,
                        const SubjectIdentifiers& consumer);

}  // namespace rightsdesk
