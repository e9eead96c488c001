// The categories disclosure: what a business must tell a consumer who asks to know, apart from the
// specific pieces (Cal. Civ. Code §1798.110(a)(1)-(4), (c)(1)-(4); §1798.130(a)(5)) — the
// categories of personal information it collects, the categories of sources, the business or
// commercial purposes and the categories of third parties it discloses to — plus how long each
// system keeps what it holds (§1798.100(a)(3)). Generated from the data map, never typed by hand:
// it is the whole answer to a `categories` request and one section of the access package.
// Pure, no I/O.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/datamap.h"

namespace rightsdesk {

struct RecipientDisclosure {
  std::string name;
  Recipient::Kind kind = Recipient::Kind::kServiceProvider;

  bool operator==(const RecipientDisclosure&) const = default;
};

// One category of personal information the business holds somewhere.
struct CategoryDisclosure {
  PiCategory category = PiCategory::kIdentifiers;
  std::string description;           // the statute's words (Description(category))
  std::vector<std::string> systems;  // the systems holding it, in data map order
  // Unions over those systems, each value once, in the order first met.
  std::vector<std::string> sources;
  std::vector<std::string> purposes;
  // Who receives it. A recipient that lists categories receives exactly those it lists (of the
  // ones held); a recipient that lists none receives every category of the systems naming it.
  std::vector<RecipientDisclosure> recipients;
};

// How long one system keeps personal information (§1798.100(a)(3)), and which categories that
// covers. `retention` is empty when the data map states nothing: renderers say so.
struct RetentionStatement {
  std::string system;
  std::string retention;
  std::vector<PiCategory> categories;  // held by the system, in kAllPiCategories order
};

struct CategoriesDisclosure {
  std::vector<CategoryDisclosure> categories;  // only categories held, in kAllPiCategories order
  std::vector<RetentionStatement> retention;   // one per system holding personal information
};

// The disclosure of everything `map` says is held. A category counts as held when any field of
// any table maps to it, withheld fields included (Cal. Code Regs. tit. 11 §7024(d): the business
// still states that it holds them). Contract: `map` passed ValidateDataMap; recipients a system
// names that the map does not define are skipped.
CategoriesDisclosure DiscloseCategories(const DataMap& map);

// The disclosure as JSON (docs/schemas/access-package.schema.json, "$defs/disclosure"):
// {"categories": [{"category", "description", "systems", "sources", "purposes",
//   "recipients": [{"name", "kind"}]}], "retention": [{"system", "retention", "categories"}]}.
nlohmann::json DisclosureJson(const CategoriesDisclosure& disclosure);

}  // namespace rightsdesk
