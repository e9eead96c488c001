#include "fulfil/package_content.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "core/text.h"

namespace rightsdesk::fulfil {
namespace {

// The length of the valid UTF-8 sequence at `at`, or 0 (RFC 3629: no overlongs, no surrogates,
// nothing past U+10FFFF).
std::size_t SequenceLength(std::string_view s, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = byte(at);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (at + n > s.size() || byte(at + 1) < lo || byte(at + 1) > hi) return 0;
  for (std::size_t i = 2; i < n; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
  }
  return n;
}

// Systems keep text in other encodings too: every invalid byte becomes U+FFFD, so that every
// file of the package is valid UTF-8.
void MakeValidUtf8(std::string& s) {
  if (IsValidUtf8(s)) return;
  std::string out;
  for (std::size_t at = 0; at < s.size();) {
    const std::size_t n = SequenceLength(s, at);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++at;
    } else {
      out.append(s, at, n);
      at += n;
    }
  }
  s = std::move(out);
}

// Cleans every string in `value`; true when redaction changed one.
bool CleanValue(FieldValue& value, const Redactor& redactor) {
  if (value.is_string()) {
    auto& text = value.get_ref<std::string&>();
    MakeValidUtf8(text);
    return redactor.Apply(text);
  }
  bool redacted = false;
  if (value.is_structured()) {
    for (auto& item : value) redacted = CleanValue(item, redactor) || redacted;
  }
  return redacted;
}

std::string Where(const std::string& system, const std::string& table) {
  return "system " + system + ", table " + table;
}

Result<PackageRecord> AssembleRecord(const FoundRow& row, std::size_t ordinal,
                                     const TableMap& table, const std::string& system,
                                     const Redactor& redactor, PackageContent& content) {
  if (row.values.size() != table.fields.size()) {
    return Fail(ErrorCode::kInvalidArgument,
                Where(system, table.name) + ": a row has " + std::to_string(row.values.size()) +
                    " values for " + std::to_string(table.fields.size()) + " fields");
  }
  PackageRecord record;
  const FieldMap* key_field = table.Field(table.key);
  if (key_field == nullptr || !key_field->withheld) {
    record.key = row.key;
    CleanValue(record.key, redactor);
    record.label = ValueText(record.key);
  } else {
    record.label = "#" + std::to_string(ordinal + 1);
  }
  for (std::size_t i = 0; i < table.fields.size(); ++i) {
    const FieldMap& map = table.fields[i];
    PackageField field{.name = map.column, .category = map.category, .withheld = map.withheld};
    if (map.withheld) {
      WithheldHolding holding{*map.withheld, system, table.name, map.column};
      const bool known = std::any_of(
          content.withheld.begin(), content.withheld.end(), [&](const WithheldHolding& h) {
            return h.system == system && h.table == table.name && h.field == map.column;
          });
      if (!known) content.withheld.push_back(std::move(holding));
    } else {
      field.value = row.values[i];
      field.redacted = CleanValue(field.value, redactor);
    }
    record.fields.push_back(std::move(field));
  }
  return record;
}

Result<void> AssembleFindings(const SystemFindings& findings, const SystemMap& map,
                              const Redactor& redactor, PackageSystem& system,
                              PackageContent& content) {
  system.searched_at = findings.searched_at;
  for (const FoundTable& found : findings.tables) {
    const TableMap* table = map.Table(found.table);
    if (table == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "system " + map.name + ": findings name table " +
                                                   found.table + ", which the data map lacks");
    }
    PackageTable out{.name = table->name};
    for (std::size_t r = 0; r < found.rows.size(); ++r) {
      auto record = AssembleRecord(found.rows[r], r, *table, map.name, redactor, content);
      if (!record) return std::unexpected(std::move(record.error()));
      out.records.push_back(std::move(*record));
    }
    if (!out.records.empty()) system.tables.push_back(std::move(out));
  }
  return {};
}

}  // namespace

bool PackageContent::complete() const {
  return std::none_of(systems.begin(), systems.end(),
                      [](const PackageSystem& s) { return s.failed(); });
}

std::size_t PackageContent::RedactedCount() const {
  std::size_t count = 0;
  for (const PackageSystem& system : systems) {
    for (const PackageTable& table : system.tables) {
      for (const PackageRecord& record : table.records) {
        count += static_cast<std::size_t>(
            std::count_if(record.fields.begin(), record.fields.end(),
                          [](const PackageField& f) { return f.redacted; }));
      }
    }
  }
  return count;
}

std::string ValueText(const FieldValue& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string_view WithheldDescription(Withheld kind) {
  switch (kind) {
    case Withheld::kSsn:
      return "Social Security number";
    case Withheld::kGovernmentId:
      return "government-issued identification number";
    case Withheld::kAccountNumber:
      return "financial account, debit or credit card number";
    case Withheld::kPassword:
      return "account password";
    case Withheld::kSecurityAnswer:
      return "security question and answer";
    case Withheld::kBiometric:
      return "unique biometric data";
  }
  return "protected information";
}

Result<PackageContent> AssemblePackage(const AccessPackageInput& input, const Redactor& redactor) {
  for (const SystemSearch& search : input.searches) {
    if (input.map.System(search.system) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument,
                  "a search names system " + search.system + ", which the data map lacks");
    }
  }
  PackageContent content{.reference = input.reference,
                         .consumer_name = input.consumer_name,
                         .generated_at = input.generated_at,
                         .disclosure = DiscloseCategories(input.map)};
  MakeValidUtf8(content.consumer_name);
  for (const SystemMap& map : input.map.systems) {
    PackageSystem system{.name = map.name, .description = map.description};
    auto search = std::find_if(input.searches.begin(), input.searches.end(),
                               [&](const SystemSearch& s) { return s.system == map.name; });
    if (search == input.searches.end()) {
      system.error = "this system was not searched";
    } else if (search->error) {
      system.error = search->error->message();
      MakeValidUtf8(*system.error);
    } else if (!search->findings) {
      system.error = "the search returned no result";
    } else {
      auto added = AssembleFindings(*search->findings, map, redactor, system, content);
      if (!added) return std::unexpected(std::move(added.error()));
    }
    content.systems.push_back(std::move(system));
  }
  return content;
}

}  // namespace rightsdesk::fulfil
