// Data-point matching: folding of names and addresses, phones in the formats people type, and
// which points of a consumer agree with a record (never pooled across records).
#include "core/data_point_match.h"

#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

TEST(FoldTextTest, AccentsAndCaseFold) {
  EXPECT_EQ(FoldText("François TREMBLAY"), "francois tremblay");
  EXPECT_EQ(FoldText("João Fernandes"), "joao fernandes");
  EXPECT_EQ(FoldText("Stanisław Wójcik"), "stanislaw wojcik");
  EXPECT_EQ(FoldText("Bjørn Hansen"), "bjorn hansen");
  EXPECT_EQ(FoldText("Theodor-Heuss-Straße 34"), "theodor heuss strasse 34");
  EXPECT_EQ(FoldText("Terhi Hämäläinen"), "terhi hamalainen");
}

TEST(FoldTextTest, DecomposedAccentsFoldLikePrecomposedOnes) {
  EXPECT_EQ(FoldText("Franc\xCC\xA7ois"), "francois");  // c + U+0327 combining cedilla
}

TEST(FoldTextTest, ApostrophesJoinAndPunctuationSeparates) {
  EXPECT_EQ(FoldText("Hugh O'Reilly"), "hugh oreilly");
  EXPECT_EQ(FoldText("Hugh O\xE2\x80\x99Reilly"), "hugh oreilly");  // U+2019
  EXPECT_EQ(FoldText("  Av. Paulista,  2022 "), "av paulista 2022");
}

TEST(PhonesMatchTest, TheSameNumberInSeveralFormats) {
  const std::string on_record = "+1 (514) 721-4711";
  for (const char* typed : {"+1 514 721 4711", "+15147214711", "001 514 721 4711", "(514) 721-4711",
                            "514.721.4711", "1-514-721-4711"}) {
    EXPECT_TRUE(PhonesMatch(typed, on_record)) << typed;
  }
}

TEST(ToE164Test, NationalAndInternationalNumbersBecomeE164) {
  EXPECT_EQ(ToE164("(514) 721-4711", "1"), "+15147214711");
  EXPECT_EQ(ToE164("1 514 721 4711", "1"), "+15147214711");
  EXPECT_EQ(ToE164("+1 514.721.4711", "44"), "+15147214711");
  EXPECT_EQ(ToE164("0044 20 7946 0018", "1"), "+442079460018");
  EXPECT_EQ(ToE164("020 7946 0018", "44"), "+442079460018");
  EXPECT_EQ(ToE164("+351 213 466 111", "1"), "+351213466111");
}

TEST(ToE164Test, WhatCannotTakeATextMessageIsRefused) {
  EXPECT_EQ(ToE164("", "1"), std::nullopt);
  EXPECT_EQ(ToE164("call me", "1"), std::nullopt);
  EXPECT_EQ(ToE164("555 1234", ""), std::nullopt);
  EXPECT_EQ(ToE164("+1234567", "1"), std::nullopt);           // too short
  EXPECT_EQ(ToE164("+1234567890123456", "1"), std::nullopt);  // too long
  EXPECT_EQ(ToE164("5147214711", "1a"), std::nullopt);        // not a country code
}

TEST(PhonesMatchTest, ANationalTrunkZeroAfterTheCountryCodeIsIgnored) {
  EXPECT_TRUE(PhonesMatch("+49 711 2842222", "+49 0711 2842222"));
  EXPECT_TRUE(PhonesMatch("0711 2842222", "+49 0711 2842222"));
  EXPECT_TRUE(PhonesMatch("+44 20 7976 5722", "+44 020 7976 5722"));
}

TEST(PhonesMatchTest, DifferentNumbersAndShortFragmentsDoNotMatch) {
  EXPECT_FALSE(PhonesMatch("+1 (514) 721-4712", "+1 (514) 721-4711"));
  EXPECT_FALSE(PhonesMatch("+33 514 721 4711", "+1 (514) 721-4711"));
  EXPECT_FALSE(PhonesMatch("4711", "+1 (514) 721-4711"));
  EXPECT_FALSE(PhonesMatch("", ""));
}

TEST(NamesMatchTest, FoldedWordsInAnyOrder) {
  EXPECT_TRUE(NamesMatch("francois tremblay", "François Tremblay"));
  EXPECT_TRUE(NamesMatch("Tremblay, François", "François Tremblay"));
  EXPECT_FALSE(NamesMatch("François", "François Tremblay"));
  EXPECT_FALSE(NamesMatch("", "François Tremblay"));
}

TEST(AddressMatchesTest, StreetAndPostalCodeOrCity) {
  const std::vector<std::string> others = {"Montréal", "H2G 1A7"};
  EXPECT_TRUE(
      AddressMatches("1498 Rue Belanger, Montreal QC H2G 1A7", "1498 rue Bélanger", others));
  EXPECT_TRUE(AddressMatches("1498 rue Bélanger, Montréal", "1498 rue Bélanger", others));
  EXPECT_FALSE(AddressMatches("1498 rue Bélanger", "1498 rue Bélanger", others));
  EXPECT_FALSE(AddressMatches("1499 rue Bélanger, Montréal", "1498 rue Bélanger", others));
}

// Chinook's Customer table as the demo data map describes it (demo/datamap.toml).
TableMap CustomerTable() {
  TableMap table{.name = "Customer", .key = "CustomerId"};
  table.identity = {{IdentityKind::kEmail, "Email"},
                    {IdentityKind::kPhone, "Phone"},
                    {IdentityKind::kAccountId, "CustomerId"}};
  for (const char* column :
       {"CustomerId", "FirstName", "LastName", "Address", "City", "PostalCode", "Phone", "Email"}) {
    table.fields.push_back({.column = column});
  }
  table.name_columns = {"FirstName", "LastName"};
  table.address_columns = {"Address", "City", "PostalCode"};
  return table;
}

FoundRow Tremblay() {
  return {.key = 3,
          .values = {3, "François", "Tremblay", "1498 rue Bélanger", "Montréal", "H2G 1A7",
                     "+1 (514) 721-4711", "ftremblay@gmail.com"}};
}

TEST(MatchRowTest, EveryPointGivenIsCompared) {
  SubjectIdentifiers consumer{.email = "ftremblay@gmail.com",
                              .name = "francois tremblay",
                              .phone = "514-721-4711",
                              .address = "1498 Rue Belanger, Montreal H2G 1A7",
                              .account_id = "3"};
  EXPECT_EQ(MatchRow(CustomerTable(), Tremblay(), consumer),
            (std::set<DataPoint>{DataPoint::kEmail, DataPoint::kPhone, DataPoint::kName,
                                 DataPoint::kAddress, DataPoint::kAccountId}));
}

TEST(MatchRowTest, PointsNotGivenOrWrongDoNotMatch) {
  SubjectIdentifiers consumer{.email = "ftremblay@gmail.com", .name = "Frank Tremblay"};
  EXPECT_EQ(MatchRow(CustomerTable(), Tremblay(), consumer),
            std::set<DataPoint>{DataPoint::kEmail});
}

TEST(MatchSystemTest, PointsAreNeverPooledAcrossRecords) {
  SystemMap system{.name = "chinook", .tables = {CustomerTable()}};
  FoundRow other = Tremblay();
  other.values = {9,
                  "Kara",
                  "Nielsen",
                  "Sønder Boulevard 51",
                  "Copenhagen",
                  "1720",
                  "+1 (514) 721-4711",
                  "kara.nielsen@jubii.dk"};
  SystemFindings findings{.system = "chinook",
                          .tables = {{.table = "Customer", .rows = {other, Tremblay()}}}};
  // The email matches Tremblay, the phone both: the best single record has two points.
  SubjectIdentifiers consumer{.email = "ftremblay@gmail.com", .phone = "+15147214711"};
  auto match = MatchSystem(system, findings, consumer);
  EXPECT_EQ(match.table, "Customer");
  EXPECT_EQ(match.points, (std::set<DataPoint>{DataPoint::kEmail, DataPoint::kPhone}));
  EXPECT_FALSE(match.sensitive);
}

TEST(HoldsSensitiveDataTest, ANonEmptySensitiveOrWithheldFieldCounts) {
  TableMap table{.name = "Account", .key = "id"};
  table.fields = {
      {.column = "id"},
      {.column = "ssn", .category = PiCategory::kSensitive, .withheld = Withheld::kSsn}};
  EXPECT_TRUE(HoldsSensitiveData(table, {.key = 1, .values = {1, "123-45-6789"}}));
  EXPECT_FALSE(HoldsSensitiveData(table, {.key = 1, .values = {1, nullptr}}));
  EXPECT_FALSE(HoldsSensitiveData(CustomerTable(), Tremblay()));
}

}  // namespace
}  // namespace rightsdesk
