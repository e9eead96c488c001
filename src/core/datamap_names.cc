// The external spelling (datamap.toml, JSON, CLI) of the data map's enums, and the statute's
// words for each category of personal information.
#include <array>

#include "core/datamap.h"
#include "core/enum_names.h"

namespace rightsdesk {
namespace {

struct CategoryText {
  PiCategory category;
  std::string_view name;
  std::string_view description;
};

// Cal. Civ. Code §1798.140(v)(1)(A)-(L), shortened as businesses usually list them.
constexpr std::array<CategoryText, 12> kCategories{{
    {PiCategory::kIdentifiers, "identifiers",
     "Identifiers such as a real name, alias, postal address, unique personal identifier, online "
     "identifier, IP address, email address, account name or similar identifiers"},
    {PiCategory::kCustomerRecords, "customer_records",
     "Personal information in customer records (Cal. Civ. Code §1798.80(e)), such as a "
     "signature, telephone number, insurance policy, bank or card number"},
    {PiCategory::kProtectedClassifications, "protected_classifications",
     "Characteristics of protected classifications under California or federal law"},
    {PiCategory::kCommercial, "commercial",
     "Commercial information, including records of products or services purchased, obtained or "
     "considered, or other purchasing or consuming histories"},
    {PiCategory::kBiometric, "biometric", "Biometric information"},
    {PiCategory::kInternetActivity, "internet_activity",
     "Internet or other electronic network activity, such as browsing history, search history "
     "and interaction with a website, application or advertisement"},
    {PiCategory::kGeolocation, "geolocation", "Geolocation data"},
    {PiCategory::kSensory, "sensory",
     "Audio, electronic, visual, thermal, olfactory or similar information"},
    {PiCategory::kProfessional, "professional", "Professional or employment-related information"},
    {PiCategory::kEducation, "education", "Non-public education information"},
    {PiCategory::kInferences, "inferences",
     "Inferences drawn from other personal information to create a profile about a consumer"},
    {PiCategory::kSensitive, "sensitive", "Sensitive personal information"},
}};

constexpr std::array<EnumName<Withheld>, 6> kWithheld{{
    {Withheld::kSsn, "ssn"},
    {Withheld::kGovernmentId, "government_id"},
    {Withheld::kAccountNumber, "account_number"},
    {Withheld::kPassword, "password"},
    {Withheld::kSecurityAnswer, "security_answer"},
    {Withheld::kBiometric, "biometric"},
}};

constexpr std::array<EnumName<FieldErasure>, 4> kFieldErasures{{
    {FieldErasure::kKeep, "keep"},
    {FieldErasure::kNull, "null"},
    {FieldErasure::kHash, "hash"},
    {FieldErasure::kRedact, "redact"},
}};

constexpr std::array<EnumName<RowErasure>, 3> kRowErasures{{
    {RowErasure::kUpdate, "update"},
    {RowErasure::kDeleteRow, "delete_row"},
    {RowErasure::kKeep, "keep"},
}};

struct BasisText {
  ExceptionBasis basis;
  std::string_view name;
  std::string_view citation;
};

constexpr std::array<BasisText, 7> kBases{{
    {ExceptionBasis::kCompleteTransaction, "complete_transaction",
     "Cal. Civ. Code §1798.105(d)(1)"},
    {ExceptionBasis::kSecurity, "security", "Cal. Civ. Code §1798.105(d)(2)"},
    {ExceptionBasis::kDebug, "debug", "Cal. Civ. Code §1798.105(d)(3)"},
    {ExceptionBasis::kFreeSpeech, "free_speech", "Cal. Civ. Code §1798.105(d)(4)"},
    {ExceptionBasis::kResearch, "research", "Cal. Civ. Code §1798.105(d)(5)"},
    {ExceptionBasis::kInternalUses, "internal_uses", "Cal. Civ. Code §1798.105(d)(6)"},
    {ExceptionBasis::kLegalObligation, "legal_obligation", "Cal. Civ. Code §1798.105(d)(7)"},
}};

constexpr std::array<EnumName<IdentityKind>, 3> kIdentityKinds{{
    {IdentityKind::kEmail, "email"},
    {IdentityKind::kPhone, "phone"},
    {IdentityKind::kAccountId, "account_id"},
}};

constexpr std::array<EnumName<Recipient::Kind>, 3> kRecipientKinds{{
    {Recipient::Kind::kServiceProvider, "service_provider"},
    {Recipient::Kind::kContractor, "contractor"},
    {Recipient::Kind::kThirdParty, "third_party"},
}};

constexpr std::array<EnumName<ConnectorSettings::Kind>, 6> kConnectorKinds{{
    {ConnectorSettings::Kind::kSqlite, "sqlite"},
    {ConnectorSettings::Kind::kPostgres, "postgres"},
    {ConnectorSettings::Kind::kMySql, "mysql"},
    {ConnectorSettings::Kind::kFiles, "files"},
    {ConnectorSettings::Kind::kManual, "manual"},
    {ConnectorSettings::Kind::kHttp, "http"},
}};

const CategoryText* FindCategory(PiCategory category) {
  for (const auto& entry : kCategories) {
    if (entry.category == category) return &entry;
  }
  return nullptr;
}

}  // namespace

std::string_view Name(PiCategory category) {
  const auto* entry = FindCategory(category);
  return entry ? entry->name : "?";
}
std::string_view Description(PiCategory category) {
  const auto* entry = FindCategory(category);
  return entry ? entry->description : "?";
}
std::optional<PiCategory> ParsePiCategory(std::string_view name) {
  for (const auto& entry : kCategories) {
    if (entry.name == name) return entry.category;
  }
  return std::nullopt;
}
std::string PiCategoryNames() {
  std::string out;
  for (const auto& entry : kCategories) out += (out.empty() ? "" : ", ") + std::string(entry.name);
  return out;
}

std::string_view Name(Withheld withheld) { return NameIn(kWithheld, withheld); }
std::optional<Withheld> ParseWithheld(std::string_view name) { return ParseIn(kWithheld, name); }
std::string WithheldNames() { return NamesIn(kWithheld); }

std::string_view Name(FieldErasure erasure) { return NameIn(kFieldErasures, erasure); }
std::optional<FieldErasure> ParseFieldErasure(std::string_view name) {
  return ParseIn(kFieldErasures, name);
}

std::string_view Name(RowErasure erasure) { return NameIn(kRowErasures, erasure); }
std::optional<RowErasure> ParseRowErasure(std::string_view name) {
  return ParseIn(kRowErasures, name);
}

std::string_view Name(ExceptionBasis basis) {
  for (const auto& entry : kBases) {
    if (entry.basis == basis) return entry.name;
  }
  return "?";
}
std::string_view Citation(ExceptionBasis basis) {
  for (const auto& entry : kBases) {
    if (entry.basis == basis) return entry.citation;
  }
  return "?";
}
std::optional<ExceptionBasis> ParseExceptionBasis(std::string_view name) {
  for (const auto& entry : kBases) {
    if (entry.name == name) return entry.basis;
  }
  return std::nullopt;
}
std::string ExceptionBasisNames() {
  std::string out;
  for (const auto& entry : kBases) out += (out.empty() ? "" : ", ") + std::string(entry.name);
  return out;
}

std::string_view Name(IdentityKind kind) { return NameIn(kIdentityKinds, kind); }
std::optional<IdentityKind> ParseIdentityKind(std::string_view name) {
  return ParseIn(kIdentityKinds, name);
}

std::string_view Name(Recipient::Kind kind) { return NameIn(kRecipientKinds, kind); }
std::optional<Recipient::Kind> ParseRecipientKind(std::string_view name) {
  return ParseIn(kRecipientKinds, name);
}

std::string_view Name(ConnectorSettings::Kind kind) { return NameIn(kConnectorKinds, kind); }
std::optional<ConnectorSettings::Kind> ParseConnectorKind(std::string_view name) {
  return ParseIn(kConnectorKinds, name);
}

}  // namespace rightsdesk
