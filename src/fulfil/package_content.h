// The access package's content, assembled once from the data map and the searches, and rendered
// by every file of the package (JSON, CSV, HTML, PDF): withheld values are dropped and redaction
// applied here, so no renderer can disclose what this model does not hold.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/datamap.h"
#include "core/disclosure.h"
#include "core/findings.h"
#include "core/time.h"
#include "fulfil/access_package.h"
#include "fulfil/redactor.h"

namespace rightsdesk::fulfil {

struct PackageField {
  std::string name;  // the column
  PiCategory category = PiCategory::kIdentifiers;
  // Set: the value is held but never disclosed (§7024(d)); `value` is then null.
  std::optional<Withheld> withheld;
  FieldValue value;       // strings valid UTF-8, redaction applied
  bool redacted = false;  // some of the value was replaced by kRedactedPlaceholder
};

struct PackageRecord {
  FieldValue key;     // the key column's value; null when that column is withheld
  std::string label;  // the key as text, or "#<n>" (1-based) when the key is withheld
  std::vector<PackageField> fields;
};

struct PackageTable {
  std::string name;
  std::vector<PackageRecord> records;
};

struct PackageSystem {
  std::string name;
  std::string description;
  std::optional<std::string> error;  // set: the search failed (or did not happen)
  std::optional<Instant> searched_at;
  std::vector<PackageTable> tables;  // empty when failed

  bool failed() const { return error.has_value(); }
};

// A field whose value the consumer's records hold but the package withholds.
struct WithheldHolding {
  Withheld kind = Withheld::kPassword;
  std::string system;
  std::string table;
  std::string field;
};

struct PackageContent {
  std::string reference;
  std::string consumer_name;
  Instant generated_at;
  std::vector<PackageSystem> systems;     // in data map order
  std::vector<WithheldHolding> withheld;  // each (system, table, field) once
  CategoriesDisclosure disclosure;

  // Every system was searched successfully: only then is the package the whole answer.
  bool complete() const;
  std::size_t RedactedCount() const;
};

// Errors (kInvalidArgument): a search names a system the map lacks, findings name a table its
// system lacks, a row has not one value per field of its table.
[[nodiscard]] Result<PackageContent> AssemblePackage(const AccessPackageInput& input,
                                                     const Redactor& redactor);

// A value as text in a cell or a line: strings as they are, null as "", anything else as JSON.
std::string ValueText(const FieldValue& value);

// Plain-English names of the withheld kinds, for people ("a password").
std::string_view WithheldDescription(Withheld kind);

// The statement on a failed system, in data.json and the summaries.
inline constexpr char kFailedSystemNotice[] =
    "This system could not be searched, so the information it holds about you is missing from "
    "this package. The search must be repeated before the request is complete.";

}  // namespace rightsdesk::fulfil
