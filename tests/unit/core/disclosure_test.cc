// The categories disclosure from the data map: only categories held, the systems, sources and
// purposes of each (unions, each once), recipients by the categories they list or by the systems
// naming them, withheld fields still counted, retention per system, and the JSON shape.
#include "core/disclosure.h"

#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

FieldMap Field(std::string column, PiCategory category,
               std::optional<Withheld> withheld = std::nullopt) {
  return {.column = std::move(column), .category = category, .withheld = withheld};
}

DataMap ShopAndSupport() {
  SystemMap shop{.name = "shop",
                 .purposes = {"Fulfilling orders", "Fraud prevention"},
                 .sources = {"The consumer directly"},
                 .recipients = {"Parcel Co", "Ad Network"},
                 .retention = "7 years after the last order (tax law)"};
  shop.tables.push_back(
      {.name = "Customer",
       .key = "Id",
       .fields = {Field("Id", PiCategory::kIdentifiers), Field("Email", PiCategory::kIdentifiers),
                  Field("Password", PiCategory::kSensitive, Withheld::kPassword)}});
  shop.tables.push_back(
      {.name = "Invoice", .key = "Id", .fields = {Field("Total", PiCategory::kCommercial)}});
  SystemMap support{.name = "support",
                    .purposes = {"Customer support", "Fraud prevention"},
                    .sources = {"The consumer directly", "Call recordings"},
                    .recipients = {"Helpdesk Inc"}};
  support.tables.push_back({.name = "Ticket",
                            .key = "Id",
                            .fields = {Field("Email", PiCategory::kIdentifiers),
                                       Field("Recording", PiCategory::kSensory)}});
  DataMap map{.systems = {shop, support}};
  map.recipients = {
      {.name = "Parcel Co",
       .kind = Recipient::Kind::kServiceProvider,
       .categories = {PiCategory::kIdentifiers}},
      {.name = "Ad Network",
       .kind = Recipient::Kind::kThirdParty,
       .categories = {PiCategory::kInternetActivity, PiCategory::kCommercial}},
      {.name = "Helpdesk Inc", .kind = Recipient::Kind::kContractor},  // lists nothing
  };
  return map;
}

const CategoryDisclosure* Find(const CategoriesDisclosure& d, PiCategory category) {
  for (const CategoryDisclosure& c : d.categories) {
    if (c.category == category) return &c;
  }
  return nullptr;
}

TEST(DisclosureTest, OnlyCategoriesHeldInStatuteOrder) {
  CategoriesDisclosure d = DiscloseCategories(ShopAndSupport());
  std::vector<PiCategory> got;
  for (const CategoryDisclosure& c : d.categories) got.push_back(c.category);
  EXPECT_EQ(got, (std::vector<PiCategory>{PiCategory::kIdentifiers, PiCategory::kCommercial,
                                          PiCategory::kSensory, PiCategory::kSensitive}));
  EXPECT_EQ(d.categories[0].description, Description(PiCategory::kIdentifiers));
}

TEST(DisclosureTest, WithheldFieldsStillCountAsHeld) {
  // §7024(d): a password is never shown, but the business says it holds one.
  CategoriesDisclosure d = DiscloseCategories(ShopAndSupport());
  const CategoryDisclosure* sensitive = Find(d, PiCategory::kSensitive);
  ASSERT_NE(sensitive, nullptr);
  EXPECT_EQ(sensitive->systems, std::vector<std::string>{"shop"});
}

TEST(DisclosureTest, SourcesAndPurposesAreTheUnionOfTheHoldingSystemsEachOnce) {
  CategoriesDisclosure d = DiscloseCategories(ShopAndSupport());
  const CategoryDisclosure* identifiers = Find(d, PiCategory::kIdentifiers);
  ASSERT_NE(identifiers, nullptr);
  EXPECT_EQ(identifiers->systems, (std::vector<std::string>{"shop", "support"}));
  EXPECT_EQ(identifiers->sources,
            (std::vector<std::string>{"The consumer directly", "Call recordings"}));
  EXPECT_EQ(
      identifiers->purposes,
      (std::vector<std::string>{"Fulfilling orders", "Fraud prevention", "Customer support"}));
  const CategoryDisclosure* sensory = Find(d, PiCategory::kSensory);
  ASSERT_NE(sensory, nullptr);
  EXPECT_EQ(sensory->purposes, (std::vector<std::string>{"Customer support", "Fraud prevention"}));
}

TEST(DisclosureTest, RecipientsReceiveTheCategoriesTheyListOrElseTheirSystemsCategories) {
  CategoriesDisclosure d = DiscloseCategories(ShopAndSupport());
  using R = RecipientDisclosure;
  // Parcel Co lists identifiers; Helpdesk Inc lists nothing and is named by support, which
  // holds identifiers and sensory data.
  EXPECT_EQ(Find(d, PiCategory::kIdentifiers)->recipients,
            (std::vector<R>{{"Parcel Co", Recipient::Kind::kServiceProvider},
                            {"Helpdesk Inc", Recipient::Kind::kContractor}}));
  EXPECT_EQ(Find(d, PiCategory::kCommercial)->recipients,
            (std::vector<R>{{"Ad Network", Recipient::Kind::kThirdParty}}));
  EXPECT_EQ(Find(d, PiCategory::kSensory)->recipients,
            (std::vector<R>{{"Helpdesk Inc", Recipient::Kind::kContractor}}));
  EXPECT_TRUE(Find(d, PiCategory::kSensitive)->recipients.empty());
  // Ad Network lists internet activity, which no system holds: nothing to disclose.
  EXPECT_EQ(Find(d, PiCategory::kInternetActivity), nullptr);
}

TEST(DisclosureTest, RetentionIsStatedPerSystemWithItsCategories) {
  CategoriesDisclosure d = DiscloseCategories(ShopAndSupport());
  ASSERT_EQ(d.retention.size(), 2U);
  EXPECT_EQ(d.retention[0].system, "shop");
  EXPECT_EQ(d.retention[0].retention, "7 years after the last order (tax law)");
  EXPECT_EQ(d.retention[0].categories,
            (std::vector<PiCategory>{PiCategory::kIdentifiers, PiCategory::kCommercial,
                                     PiCategory::kSensitive}));
  EXPECT_EQ(d.retention[1].system, "support");
  EXPECT_EQ(d.retention[1].retention, "");
}

TEST(DisclosureTest, AnEmptyMapDisclosesNothing) {
  CategoriesDisclosure d = DiscloseCategories(DataMap{});
  EXPECT_TRUE(d.categories.empty());
  EXPECT_TRUE(d.retention.empty());
  EXPECT_EQ(DisclosureJson(d), nlohmann::json::parse(R"({"categories": [], "retention": []})"));
}

TEST(DisclosureTest, JsonNamesCategoriesAndRecipientKinds) {
  nlohmann::json j = DisclosureJson(DiscloseCategories(ShopAndSupport()));
  ASSERT_EQ(j["categories"].size(), 4U);
  const nlohmann::json& identifiers = j["categories"][0];
  EXPECT_EQ(identifiers["category"], "identifiers");
  EXPECT_EQ(identifiers["systems"], nlohmann::json({"shop", "support"}));
  EXPECT_EQ(identifiers["recipients"][1],
            nlohmann::json({{"name", "Helpdesk Inc"}, {"kind", "contractor"}}));
  EXPECT_EQ(j["categories"][3]["category"], "sensitive");
  EXPECT_EQ(j["retention"][0]["categories"],
            nlohmann::json({"identifiers", "commercial", "sensitive"}));
}

}  // namespace
}  // namespace rightsdesk
