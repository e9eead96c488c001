// data.json: the package for programs (docs/schemas/access-package.schema.json). Members keep the
// order a person reading the file expects (ordered_json).
#include <nlohmann/json.hpp>

#include "fulfil/package_files.h"

namespace rightsdesk::fulfil {
namespace {

using Json = nlohmann::ordered_json;

Json FieldJson(const PackageField& field) {
  Json out{{"name", field.name}, {"category", Name(field.category)}};
  if (field.withheld) {
    out["withheld"] = Name(*field.withheld);  // §7024(d): the kind, never the value
  } else {
    out["value"] = Json(field.value);
    if (field.redacted) out["redacted"] = true;
  }
  return out;
}

Json SystemJson(const PackageSystem& system) {
  Json out{{"name", system.name}, {"description", system.description}};
  if (system.failed()) {
    out["status"] = "failed";
    out["error"] = *system.error;
    out["notice"] = kFailedSystemNotice;
    return out;
  }
  out["status"] = "searched";
  out["searched_at"] = FormatInstant(*system.searched_at);
  Json tables = Json::array();
  for (const PackageTable& table : system.tables) {
    Json records = Json::array();
    for (const PackageRecord& record : table.records) {
      Json fields = Json::array();
      for (const PackageField& field : record.fields) fields.push_back(FieldJson(field));
      records.push_back({{"key", Json(record.key)}, {"fields", std::move(fields)}});
    }
    tables.push_back({{"name", table.name}, {"records", std::move(records)}});
  }
  out["tables"] = std::move(tables);
  return out;
}

}  // namespace

std::string PackageDataJson(const PackageContent& content) {
  Json systems = Json::array();
  for (const PackageSystem& system : content.systems) systems.push_back(SystemJson(system));
  Json withheld = Json::array();
  for (const WithheldHolding& holding : content.withheld) {
    withheld.push_back({{"kind", Name(holding.kind)},
                        {"description", WithheldDescription(holding.kind)},
                        {"system", holding.system},
                        {"table", holding.table},
                        {"field", holding.field}});
  }
  Json out{
      {"format", "rightsdesk-access-package"},
      {"format_version", 1},
      {"reference", content.reference},
      {"consumer_name", content.consumer_name},
      {"generated_at", FormatInstant(content.generated_at)},
      {"complete", content.complete()},
      {"systems", std::move(systems)},
      {"withheld", std::move(withheld)},
      {"redaction",
       {{"placeholder", kRedactedPlaceholder}, {"fields_redacted", content.RedactedCount()}}},
      {"disclosure", Json(DisclosureJson(content.disclosure))},
  };
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace rightsdesk::fulfil
