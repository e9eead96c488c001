// The data map file: the demo's map loads as written, and each kind of mistake is refused with
// where it is.
#include "config/datamap_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace rightsdesk::config {
namespace {

using ::testing::HasSubstr;

std::string DemoMapText() {
  std::ifstream in(std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/datamap.toml");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A one-table system whose table text the test supplies.
std::string WithTable(const std::string& table) {
  return R"(
[[system]]
name = "shop"
connector = "sqlite"
path = "shop.db"
purposes = ["selling"]
sources = ["the consumer"]
retention = "3 years"
  [[system.table]]
  name = "Customer"
  key = "Id"
  identity = { email = "Email" }
)" + table;
}

std::string Error(const std::string& text) {
  auto map = LoadDataMap(text, "datamap.toml", "/data");
  return map ? std::string("(loaded)") : map.error().message();
}

TEST(DataMapLoaderTest, TheDemoMapLoadsWithEveryRelationAndStrategy) {
  auto map = LoadDataMap(DemoMapText(), "demo/datamap.toml", "/data");
  ASSERT_TRUE(map) << map.error().message();
  ASSERT_EQ(map->systems.size(), 1u);
  const SystemMap& chinook = map->systems[0];
  EXPECT_EQ(chinook.connector.kind, ConnectorSettings::Kind::kSqlite);
  EXPECT_EQ(chinook.connector.path, "/data/chinook.sqlite");  // relative to the map's directory
  ASSERT_EQ(chinook.tables.size(), 3u);
  const TableMap* invoice = chinook.Table("Invoice");
  ASSERT_NE(invoice, nullptr);
  ASSERT_TRUE(invoice->link);
  EXPECT_EQ(invoice->link->parent_table, "Customer");
  ASSERT_TRUE(invoice->exception);
  EXPECT_EQ(invoice->exception->basis, ExceptionBasis::kLegalObligation);
  EXPECT_EQ(invoice->Field("BillingAddress")->erasure, FieldErasure::kRedact);
  EXPECT_EQ(chinook.Table("Customer")->Field("Email")->erasure, FieldErasure::kHash);
  EXPECT_EQ(chinook.Table("InvoiceLine")->erasure, RowErasure::kKeep);
  auto order = ParentsFirst(chinook);
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order[0]->name, "Customer");
  EXPECT_EQ(order[2]->name, "InvoiceLine");
  EXPECT_EQ(map->recipients.at(0).kind, Recipient::Kind::kServiceProvider);
}

TEST(DataMapLoaderTest, TheDemoMapNamesTheColumnsThatVerifyIdentity) {
  auto map = LoadDataMap(DemoMapText(), "demo/datamap.toml", "/data");
  ASSERT_TRUE(map) << map.error().message();
  const TableMap* customer = map->systems[0].Table("Customer");
  ASSERT_NE(customer, nullptr);
  EXPECT_EQ(customer->name_columns, (std::vector<std::string>{"FirstName", "LastName"}));
  EXPECT_EQ(customer->address_columns, (std::vector<std::string>{"Address", "City", "PostalCode"}));
}

TEST(DataMapLoaderTest, VerifyColumnsMustBeFieldsOfTheTable) {
  const std::string fields = R"(
  fields = [{ column = "Id", category = "identifiers" },
            { column = "Email", category = "identifiers" }]
)";
  EXPECT_THAT(Error(WithTable("  verify = { name = [\"Nom\"] }\n" + fields)),
              HasSubstr("verify: 'Nom' is not one of the table's fields"));
  EXPECT_THAT(Error(WithTable("  verify = { phone = [\"Email\"] }\n" + fields)),
              HasSubstr("phone"));
}

TEST(DataMapLoaderTest, AMissingFileIsAnEmptyMap) {
  auto map = LoadDataMapFile("/nonexistent/datamap.toml");
  ASSERT_TRUE(map);
  EXPECT_TRUE(map->systems.empty());
}

TEST(DataMapLoaderTest, MistakesAreRefusedWithWhereTheyAre) {
  EXPECT_THAT(Error(WithTable(R"(fields = [{ column = "Id", category = "identifierz" }])")),
              HasSubstr("'identifierz' is not one of identifiers"));
  EXPECT_THAT(Error(WithTable(
                  R"(fields = [{ column = "Id", category = "identifiers", erase = "shred" }])")),
              HasSubstr("erase: 'shred'"));
  EXPECT_THAT(
      Error(WithTable(R"(fields = [{ column = "Id", category = "identifiers", colour = "red" }])")),
      HasSubstr("colour"));
  EXPECT_THAT(Error(WithTable(R"(fields = [{ column = "Id", category = "identifiers" }])")),
              HasSubstr("identity column Email is not a field"));
  EXPECT_THAT(Error(WithTable(R"(fields = [
      { column = "Id", category = "identifiers" },
      { column = "Email", category = "identifiers" }])")),
              HasSubstr("shop.Customer.Email: kept on deletion without an exception"));
  EXPECT_THAT(Error(WithTable(R"(fields = [
      { column = "Id", category = "identifiers", erase = "hash" },
      { column = "Email", category = "identifiers", erase = "hash" }])")),
              HasSubstr("a key or link column cannot be erased"));
  EXPECT_THAT(Error(WithTable(R"(erase = "keep"
  fields = [{ column = "Id", category = "identifiers" }, { column = "Email", category = "identifiers" }])")),
              HasSubstr("rows kept on deletion without an exception"));
  EXPECT_THAT(
      Error("[[system]]\nname = \"Shop!\"\nconnector = \"manual\"\nowner = \"a@b.example\"\n"
            "purposes = [\"x\"]\nsources = [\"y\"]\nretention = \"z\"\n"),
      HasSubstr("names use a-z"));
  EXPECT_THAT(Error("[systems]\n"), HasSubstr("unknown key 'systems'"));
  const std::string pg =
      "[[system]]\nname = \"pg\"\nconnector = \"postgres\"\n"
      "purposes = [\"x\"]\nsources = [\"y\"]\nretention = \"z\"\n";
  EXPECT_THAT(Error(pg + "conninfo = \"host=db password=hunter2\"\n"),
              HasSubstr("conninfo must not hold a password"));
  EXPECT_THAT(Error(pg + "conninfo = \"postgresql://app:hunter2@db/shop\"\n"),
              HasSubstr("conninfo must not hold a password"));
  EXPECT_THAT(Error("[[system]]\nname = \"x\"\n"), HasSubstr("purposes: is required"));
}

// A one-table system on the connector `settings` describe (TOML lines).
std::string ServerSystem(const std::string& settings) {
  return "[[system]]\nname = \"shop\"\n" + settings +
         "purposes = [\"x\"]\nsources = [\"y\"]\nretention = \"z\"\n"
         "  [[system.table]]\n  name = \"Customer\"\n  key = \"Id\"\n"
         "  identity = { email = \"Email\" }\n"
         "  fields = [{ column = \"Id\", category = \"identifiers\" },"
         " { column = \"Email\", category = \"identifiers\", erase = \"hash\" }]\n";
}

TEST(DataMapLoaderTest, AMySqlSystemTakesAUrlAndThePasswordsVariable) {
  auto map = LoadDataMap(ServerSystem("connector = \"mysql\"\n"
                                      "conninfo = \"mysql://rightsdesk@db.internal:3306/shop\"\n"
                                      "password_env = \"SHOP_DB_PASSWORD\"\n"),
                         "datamap.toml", "/data");
  ASSERT_TRUE(map) << map.error().message();
  const ConnectorSettings& connector = map->systems.at(0).connector;
  EXPECT_EQ(connector.kind, ConnectorSettings::Kind::kMySql);
  EXPECT_EQ(Name(connector.kind), "mysql");
  EXPECT_EQ(connector.conninfo, "mysql://rightsdesk@db.internal:3306/shop");
  EXPECT_EQ(connector.password_env, "SHOP_DB_PASSWORD");
}

TEST(DataMapLoaderTest, AMySqlSystemWithoutAUrlOrWithItsPasswordIsRefused) {
  const std::string mysql = "connector = \"mysql\"\n";
  EXPECT_THAT(Error(ServerSystem(mysql)), HasSubstr("shop: mysql connector needs conninfo"));
  EXPECT_THAT(Error(ServerSystem(mysql + "conninfo = \"host=db dbname=shop\"\n")),
              HasSubstr("mysql connector needs conninfo = \"mysql://"));
  EXPECT_THAT(Error(ServerSystem(mysql + "conninfo = \"mysql://app:hunter2@db/shop\"\n")),
              HasSubstr("conninfo must not hold a password"));
  EXPECT_THAT(Error(ServerSystem("connector = \"mysqll\"\n")),
              HasSubstr("'mysqll' is not one of sqlite, postgres, mysql, files, manual"));
}

TEST(DataMapLoaderTest, LinksMustLeadToAKnownParentWithoutCycles) {
  const std::string fields =
      R"(fields = [{ column = "Id", category = "identifiers" }, { column = "Email", category = "identifiers", erase = "null" }]
)";
  EXPECT_THAT(Error(WithTable(fields + R"(
  [[system.table]]
  name = "Order"
  key = "OrderId"
  link = { parent = "Basket", column = "CustomerId", parent_column = "Id" }
  fields = [{ column = "OrderId", category = "commercial" }, { column = "CustomerId", category = "identifiers" }]
)")),
              HasSubstr("links to unknown table Basket"));
  EXPECT_THAT(Error(WithTable(fields + R"(
  [[system.table]]
  name = "A"
  key = "Id"
  link = { parent = "B", column = "Id", parent_column = "Id" }
  fields = [{ column = "Id", category = "commercial" }]
  [[system.table]]
  name = "B"
  key = "Id"
  link = { parent = "A", column = "Id", parent_column = "Id" }
  fields = [{ column = "Id", category = "commercial" }]
)")),
              HasSubstr("cycle"));
  EXPECT_THAT(Error(WithTable(R"(erase = "delete_row"
  fields = [{ column = "Id", category = "identifiers" }, { column = "Email", category = "identifiers" }]
  [[system.table]]
  name = "Order"
  key = "OrderId"
  link = { parent = "Customer", column = "CustomerId", parent_column = "Id" }
  exception = { basis = "legal_obligation", explanation = "tax" }
  erase = "keep"
  fields = [{ column = "OrderId", category = "commercial" }, { column = "CustomerId", category = "identifiers" }]
)")),
              HasSubstr("would dangle"));
}

}  // namespace
}  // namespace rightsdesk::config
