// The data map: which company systems hold consumers' personal information, where it sits (tables,
// identity fields, the relations that lead from a consumer's rows to related rows), what it is
// (the CCPA category of every field, purposes, sources, recipients, retention) and what deletion
// does to it (per field, with the legal basis of anything kept). Loaded from datamap.toml
// (config/datamap_loader.h); checked here for internal consistency, against live systems by the
// connectors. Pure data, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/http_map.h"

namespace rightsdesk {

// The categories of personal information of Cal. Civ. Code §1798.140(v)(1)(A)-(L).
enum class PiCategory {
  kIdentifiers,               // (A) name, postal address, email, account name, online ids
  kCustomerRecords,           // (B) §1798.80(e): signature, phone, bank or card numbers...
  kProtectedClassifications,  // (C) age, sex, race... under California or federal law
  kCommercial,                // (D) records of products purchased, purchasing histories
  kBiometric,                 // (E)
  kInternetActivity,          // (F) browsing, search, interaction with a site or app
  kGeolocation,               // (G)
  kSensory,                   // (H) audio, electronic, visual, thermal, olfactory
  kProfessional,              // (I) professional or employment-related
  kEducation,                 // (J) non-public education information
  kInferences,                // (K) profiles drawn from the above
  kSensitive,                 // (L) sensitive personal information, §1798.140(ae)
};
inline constexpr PiCategory kAllPiCategories[] = {
    PiCategory::kIdentifiers, PiCategory::kCustomerRecords, PiCategory::kProtectedClassifications,
    PiCategory::kCommercial,  PiCategory::kBiometric,       PiCategory::kInternetActivity,
    PiCategory::kGeolocation, PiCategory::kSensory,         PiCategory::kProfessional,
    PiCategory::kEducation,   PiCategory::kInferences,      PiCategory::kSensitive};
std::string_view Name(PiCategory category);         // "identifiers", "customer_records", ...
std::string_view Description(PiCategory category);  // the statute's words, for consumers
std::optional<PiCategory> ParsePiCategory(std::string_view name);
std::string PiCategoryNames();

// Fields whose values are never disclosed in an access package, only the fact that they are held
// (Cal. Code Regs. tit. 11 §7024(d)).
enum class Withheld {
  kSsn,
  kGovernmentId,
  kAccountNumber,  // financial account, card or bank numbers
  kPassword,
  kSecurityAnswer,
  kBiometric,
};
std::string_view Name(Withheld withheld);
std::optional<Withheld> ParseWithheld(std::string_view name);
std::string WithheldNames();

// What deletion does to one field of a row that stays.
enum class FieldErasure {
  kKeep,    // left as is: needs an exception with its legal basis
  kNull,    // set to NULL
  kHash,    // replaced by a keyed hash under a key that is discarded (unique, not reversible)
  kRedact,  // replaced by the fixed text "[erased]"
};
std::string_view Name(FieldErasure erasure);
std::optional<FieldErasure> ParseFieldErasure(std::string_view name);

// What deletion does to a table's rows.
enum class RowErasure {
  kUpdate,     // the row stays; each field is erased by its FieldErasure (anonymisation)
  kDeleteRow,  // the row is deleted
  kKeep,       // the row and every field stay: needs an exception
};
std::string_view Name(RowErasure erasure);
std::optional<RowErasure> ParseRowErasure(std::string_view name);

// The exceptions to the right to delete, Cal. Civ. Code §1798.105(d)(1)-(7) (and their GDPR
// Art. 17(3) counterparts). Staff and consumers see the basis and the company's explanation.
enum class ExceptionBasis {
  kCompleteTransaction,  // (1) complete the transaction, provide the good or service, contract
  kSecurity,             // (2) security and integrity
  kDebug,                // (3) identify and repair errors
  kFreeSpeech,           // (4)
  kResearch,             // (5) public-interest research
  kInternalUses,         // (6) internal uses reasonably aligned with the consumer's expectations
  kLegalObligation,      // (7) comply with a legal obligation (tax records, litigation hold)
};
std::string_view Name(ExceptionBasis basis);
std::string_view Citation(ExceptionBasis basis);  // "Cal. Civ. Code §1798.105(d)(7)"
std::optional<ExceptionBasis> ParseExceptionBasis(std::string_view name);
std::string ExceptionBasisNames();

struct RetentionException {
  ExceptionBasis basis = ExceptionBasis::kLegalObligation;
  std::string explanation;  // "Invoices are kept 7 years for tax law (26 CFR §1.6001-1)"
};

// The consumer identifiers a table can be searched by (from SubjectIdentifiers).
enum class IdentityKind { kEmail, kPhone, kAccountId };
std::string_view Name(IdentityKind kind);
std::optional<IdentityKind> ParseIdentityKind(std::string_view name);

struct FieldMap {
  std::string column;
  PiCategory category = PiCategory::kIdentifiers;
  FieldErasure erasure = FieldErasure::kKeep;
  std::optional<Withheld> withheld;
  std::optional<RetentionException> exception;  // required when erasure is kKeep
};

struct IdentityColumn {
  IdentityKind kind = IdentityKind::kEmail;
  std::string column;
};

// A table reached from its parent: rows whose `column` equals the parent row's `parent_column`
// (Invoice.CustomerId = Customer.CustomerId).
struct TableLink {
  std::string parent_table;
  std::string column;
  std::string parent_column;
};

struct TableMap {
  std::string name;
  std::string key;                       // a column that identifies one row (the primary key)
  std::vector<IdentityColumn> identity;  // searched directly by these...
  std::optional<TableLink> link;         // ...or reached from a parent (exactly one of the two)
  RowErasure erasure = RowErasure::kUpdate;
  std::optional<RetentionException> exception;  // required when erasure is kKeep
  std::vector<FieldMap> fields;  // the columns that hold personal information (key included)
  // Columns compared with the name and the postal address a consumer gives when their identity is
  // verified (core/data_point_match.h), in reading order ("FirstName", "LastName"; the street
  // line first, then city, postal code...). Empty: the point is not compared in this table.
  std::vector<std::string> name_columns;
  std::vector<std::string> address_columns;
  // connector = "http": the requests that search, read and erase (core/http_map.h)
  std::optional<HttpCollection> http;

  const FieldMap* Field(std::string_view column) const;
  std::vector<std::string> Columns() const;  // the fields' columns, in order
  // The position of `column` among the fields; 0 when absent (validation guarantees the key,
  // identity and link columns are fields).
  std::size_t FieldIndex(std::string_view column) const;
};

// Someone personal information is disclosed to (§1798.110(c)(4)), told of deletions
// (§1798.105(c)(1)) by webhook or email.
struct Recipient {
  enum class Kind { kServiceProvider, kContractor, kThirdParty };
  std::string name;
  Kind kind = Kind::kServiceProvider;
  std::vector<PiCategory> categories;
  std::string notify_email;    // one of the two, or neither (then a manual task)
  std::string notify_webhook;  // https URL that receives a JSON deletion notice
};
std::string_view Name(Recipient::Kind kind);
std::optional<Recipient::Kind> ParseRecipientKind(std::string_view name);

// How RightsDesk reaches a system. Secrets are never here: `password_env` names the environment
// variable that holds the password.
struct ConnectorSettings {
  enum class Kind { kSqlite, kPostgres, kMySql, kFiles, kManual, kHttp };
  Kind kind = Kind::kManual;
  // sqlite: the database file. files: a glob of files ("exports/*.csv.gz"); each file is read as
  // `format`, gzip-compressed when its name ends in .gz; each table of the system is one kind of
  // record, told apart by `record_type` (or the only table).
  std::string path;
  std::string format;  // files: "csv" (header row) or "jsonl" (one JSON object per line)
  // postgres: libpq connection string without the password. mysql: mysql://user@host:port/db
  // (connectors/mysql_url.h), without the password.
  std::string conninfo;
  std::string password_env;
  int timeout_seconds = 30;
  int retries = 2;  // extra attempts after a transient failure, with backoff
  // http: base_url and authentication (core/http_map.h)
  HttpConnection http;
};
std::string_view Name(ConnectorSettings::Kind kind);
std::optional<ConnectorSettings::Kind> ParseConnectorKind(std::string_view name);

struct SystemMap {
  std::string name;  // unique; [a-z0-9_-]+ so it can name files and URLs
  std::string description;
  std::string owner;  // who answers for it, and receives its manual tasks (an email)
  ConnectorSettings connector;
  std::vector<std::string> purposes;    // business or commercial purposes (§1798.110(a)(3))
  std::vector<std::string> sources;     // categories of sources (§1798.110(a)(2))
  std::vector<std::string> recipients;  // names of DataMap::recipients
  std::string retention;                // how long it keeps personal information (§1798.100(a)(3))
  std::vector<TableMap> tables;

  const TableMap* Table(std::string_view name) const;
};

struct DataMap {
  std::vector<SystemMap> systems;
  std::vector<Recipient> recipients;

  const SystemMap* System(std::string_view name) const;
  const Recipient* FindRecipient(std::string_view name) const;
};

// The map's internal consistency: unique names; keys, identity and link columns are mapped
// fields; links name a table of the same system and lead back, without cycles, to a table searched
// by identity; anything kept has an exception; a deleted row's children are not kept (their
// foreign keys would dangle); recipients named exist. The first problem, with where it is.
Result<void> ValidateDataMap(const DataMap& map);

// Tables of a system in an order where every parent comes before its children.
std::vector<const TableMap*> ParentsFirst(const SystemMap& system);

}  // namespace rightsdesk
