#include "core/disclosure.h"

#include <algorithm>
#include <cstddef>

namespace rightsdesk {
namespace {

void AddOnce(std::vector<std::string>& into, const std::string& value) {
  if (std::find(into.begin(), into.end(), value) == into.end()) into.push_back(value);
}

std::size_t Index(PiCategory category) { return static_cast<std::size_t>(category); }

// Which categories each system's fields map to, indexed by PiCategory.
std::vector<bool> CategoriesHeldBy(const SystemMap& system) {
  std::vector<bool> held(std::size(kAllPiCategories), false);
  for (const TableMap& table : system.tables) {
    for (const FieldMap& field : table.fields) held[Index(field.category)] = true;
  }
  return held;
}

bool Lists(const Recipient& recipient, PiCategory category) {
  return std::find(recipient.categories.begin(), recipient.categories.end(), category) !=
         recipient.categories.end();
}

bool Receives(const Recipient& recipient, PiCategory category, const DataMap& map,
              const std::vector<std::vector<bool>>& held_by_system) {
  if (!recipient.categories.empty()) return Lists(recipient, category);
  for (std::size_t i = 0; i < map.systems.size(); ++i) {
    const SystemMap& system = map.systems[i];
    const bool names_recipient = std::find(system.recipients.begin(), system.recipients.end(),
                                           recipient.name) != system.recipients.end();
    if (names_recipient && held_by_system[i][Index(category)]) return true;
  }
  return false;
}

CategoryDisclosure Disclose(PiCategory category, const DataMap& map,
                            const std::vector<std::vector<bool>>& held_by_system) {
  CategoryDisclosure out{.category = category, .description = std::string(Description(category))};
  for (std::size_t i = 0; i < map.systems.size(); ++i) {
    if (!held_by_system[i][Index(category)]) continue;
    const SystemMap& system = map.systems[i];
    out.systems.push_back(system.name);
    for (const std::string& source : system.sources) AddOnce(out.sources, source);
    for (const std::string& purpose : system.purposes) AddOnce(out.purposes, purpose);
  }
  for (const Recipient& recipient : map.recipients) {
    if (Receives(recipient, category, map, held_by_system)) {
      out.recipients.push_back({.name = recipient.name, .kind = recipient.kind});
    }
  }
  return out;
}

nlohmann::json Strings(const std::vector<std::string>& values) {
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& value : values) list.push_back(value);
  return list;
}

}  // namespace

CategoriesDisclosure DiscloseCategories(const DataMap& map) {
  std::vector<std::vector<bool>> held_by_system;
  std::vector<bool> held_anywhere(std::size(kAllPiCategories), false);
  for (const SystemMap& system : map.systems) {
    held_by_system.push_back(CategoriesHeldBy(system));
    for (PiCategory category : kAllPiCategories) {
      if (held_by_system.back()[Index(category)]) held_anywhere[Index(category)] = true;
    }
  }
  CategoriesDisclosure disclosure;
  for (PiCategory category : kAllPiCategories) {
    if (held_anywhere[Index(category)]) {
      disclosure.categories.push_back(Disclose(category, map, held_by_system));
    }
  }
  for (std::size_t i = 0; i < map.systems.size(); ++i) {
    RetentionStatement statement{.system = map.systems[i].name,
                                 .retention = map.systems[i].retention};
    for (PiCategory category : kAllPiCategories) {
      if (held_by_system[i][Index(category)]) statement.categories.push_back(category);
    }
    if (!statement.categories.empty()) disclosure.retention.push_back(std::move(statement));
  }
  return disclosure;
}

nlohmann::json DisclosureJson(const CategoriesDisclosure& disclosure) {
  nlohmann::json categories = nlohmann::json::array();
  for (const CategoryDisclosure& category : disclosure.categories) {
    nlohmann::json recipients = nlohmann::json::array();
    for (const RecipientDisclosure& recipient : category.recipients) {
      recipients.push_back({{"name", recipient.name}, {"kind", Name(recipient.kind)}});
    }
    categories.push_back({{"category", Name(category.category)},
                          {"description", category.description},
                          {"systems", Strings(category.systems)},
                          {"sources", Strings(category.sources)},
                          {"purposes", Strings(category.purposes)},
                          {"recipients", std::move(recipients)}});
  }
  nlohmann::json retention = nlohmann::json::array();
  for (const RetentionStatement& statement : disclosure.retention) {
    nlohmann::json held = nlohmann::json::array();
    for (PiCategory category : statement.categories) held.push_back(Name(category));
    retention.push_back({{"system", statement.system},
                         {"retention", statement.retention},
                         {"categories", std::move(held)}});
  }
  return {{"categories", std::move(categories)}, {"retention", std::move(retention)}};
}

}  // namespace rightsdesk
