// The data map's HTTP systems (connector = "http"): the documented example loads as written, a
// secret written in the file is refused wherever it is put, and a collection that could not be
// searched, re-read or erased as the map says is refused at load time, not at the first request.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "config/datamap_loader.h"

namespace rightsdesk::config {
namespace {

using ::testing::HasSubstr;

// The ```toml block after the http-example marker of docs/datamap.md.
std::string DocumentedExample() {
  std::ifstream in(std::string(RIGHTSDESK_SOURCE_DIR) + "/docs/datamap.md");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const std::size_t marker = doc.find("<!-- http-example");
  const std::size_t start = doc.find("```toml\n", marker) + 8;
  return doc.substr(start, doc.find("```", start) - start);
}

// A one-collection http system; `system` and `table` are added to its keys.
std::string HttpMap(const std::string& system, const std::string& table) {
  return R"(
[[system]]
name = "crm"
connector = "http"
purposes = ["support"]
sources = ["the consumer"]
retention = "2 years"
)" + system +
         R"(
  [[system.table]]
  name = "customers"
  key = "id"
  identity = { email = "email" }
  fields = [
    { column = "id", category = "identifiers" },
    { column = "email", category = "identifiers", erase = "hash" },
  ]
)" + table;
}

constexpr const char* kSystem = R"(base_url = "https://crm.example.com/api"
bearer_env = "CRM_TOKEN")";
constexpr const char* kTable = R"(  search = "GET /customers?email={email}"
  read = "GET /customers/{key}"
  update = "PATCH /customers/{key}")";

std::string HttpMapLoadError(const std::string& text) {
  auto map = LoadDataMap(text, "datamap.toml", "/data");
  return map ? std::string("(loaded)") : map.error().message();
}

TEST(HttpMapLoaderTest, TheDocumentedExampleLoadsWithItsRequestsPagingAndAuthentication) {
  auto map = LoadDataMap(DocumentedExample(), "docs/datamap.md", "/data");
  ASSERT_TRUE(map) << map.error().message();
  const SystemMap& crm = map->systems.at(0);
  EXPECT_EQ(crm.connector.kind, ConnectorSettings::Kind::kHttp);
  EXPECT_EQ(crm.connector.http.base_url, "https://crm.example.com/api/v2");
  EXPECT_EQ(crm.connector.http.auth.kind, HttpAuth::Kind::kBearer);
  EXPECT_EQ(crm.connector.http.auth.secret_env, "CRM_TOKEN");
  ASSERT_TRUE(crm.connector.http.health);
  const HttpCollection& customers = *crm.Table("customers")->http;
  ASSERT_EQ(customers.search.size(), 2u);
  EXPECT_EQ(customers.search[1].placeholders, std::vector<std::string>{"phone"});
  EXPECT_EQ(customers.paging.kind, HttpPaging::Kind::kNextLink);
  EXPECT_EQ(customers.paging.pointer, "/links/next");
  EXPECT_EQ(customers.paging.max_pages, 20);
  EXPECT_EQ(customers.update->method, "PATCH");
  const HttpCollection& tickets = *crm.Table("tickets")->http;
  EXPECT_EQ(tickets.paging.kind, HttpPaging::Kind::kPageNumber);
  EXPECT_EQ(tickets.paging.param, "page");
  EXPECT_EQ(tickets.remove->target, "/tickets/{key}");
  EXPECT_EQ(ParentsFirst(crm).at(1)->name, "tickets");
}

TEST(HttpMapLoaderTest, HeaderAndBasicAuthenticationNameTheirVariables) {
  auto header = LoadDataMap(
      HttpMap("base_url = \"https://x.example\"\nheader = \"X-Api-Key\"\nheader_env = \"KEY\"",
              kTable),
      "m", "/");
  ASSERT_TRUE(header) << header.error().message();
  EXPECT_EQ(header->systems[0].connector.http.auth.header, "X-Api-Key");
  auto basic = LoadDataMap(
      HttpMap("base_url = \"https://x.example\"\nuser = \"rd\"\npassword_env = \"CRM_PW\"", kTable),
      "m", "/");
  ASSERT_TRUE(basic) << basic.error().message();
  EXPECT_EQ(basic->systems[0].connector.http.auth.kind, HttpAuth::Kind::kBasic);
  EXPECT_EQ(basic->systems[0].connector.http.auth.secret_env, "CRM_PW");
}

TEST(HttpMapLoaderTest, SecretsWrittenInTheFileAreRefused) {
  const std::string base = "base_url = \"https://crm.example.com\"\n";
  EXPECT_THAT(HttpMapLoadError(HttpMap(base + "token = \"sk_live_123\"", kTable)),
              HasSubstr("token: secrets are never written in the data map"));
  EXPECT_THAT(HttpMapLoadError(HttpMap(base + "api_key = \"abc\"", kTable)),
              HasSubstr("api_key: secrets are never written"));
  EXPECT_THAT(HttpMapLoadError(HttpMap("base_url = \"https://me:pw@crm.example.com\"", kTable)),
              HasSubstr("credentials go in the environment"));
  EXPECT_THAT(HttpMapLoadError(HttpMap(base + "bearer_env = \"sk_live_51HxQ\"", kTable)),
              HasSubstr("is not an environment variable's name"));
  EXPECT_THAT(
      HttpMapLoadError(HttpMap(base, R"(  search = "GET /customers?email={email}&api_key=abc123"
  read = "GET /customers/{key}"
  update = "PATCH /customers/{key}")")),
      HasSubstr("a secret written in the query"));
  EXPECT_THAT(HttpMapLoadError(HttpMap(base + "password_env = \"CRM_PW\"", kTable)),
              HasSubstr("password_env is for basic authentication: give user too"));
  EXPECT_THAT(HttpMapLoadError(HttpMap("base_url = \"http://crm.example.com\"", kTable)),
              HasSubstr("must be an https:// URL"));
}

TEST(HttpMapLoaderTest, CollectionsThatCannotBeSearchedReadOrErasedAreRefused) {
  EXPECT_THAT(HttpMapLoadError(HttpMap(kSystem, "")),
              HasSubstr("crm.customers: an http collection needs"));
  EXPECT_THAT(HttpMapLoadError(HttpMap(kSystem, R"(  search = "GET /customers?phone={phone}"
  read = "GET /customers/{key}"
  update = "PATCH /customers/{key}")")),
              HasSubstr("uses one of the identity's kinds"));
  EXPECT_THAT(HttpMapLoadError(HttpMap(kSystem, R"(  search = "GET /customers?email={email}"
  read = "GET /customers/{key}")")),
              HasSubstr("erasing fields needs update"));
  EXPECT_THAT(HttpMapLoadError(HttpMap(kSystem, R"(  search = "GET /customers?email={email}"
  read = "GET /customers/{id}"
  update = "PATCH /customers/{key}")")),
              HasSubstr("read: uses exactly the placeholders: {key}"));
  EXPECT_THAT(HttpMapLoadError(HttpMap(kSystem, R"(  search = "GET /customers?email={email"
  read = "GET /customers/{key}")")),
              HasSubstr("a '{' without its '}'"));
  EXPECT_THAT(HttpMapLoadError(HttpMap(kSystem, std::string(kTable) + "\n  records = \"data\"")),
              HasSubstr("is not a JSON pointer"));
  EXPECT_THAT(HttpMapLoadError(HttpMap(
                  kSystem, std::string(kTable) + "\n  next = \"/n\"\n  page_param = \"p\"")),
              HasSubstr("paging is one of"));
  EXPECT_THAT(HttpMapLoadError(HttpMap(kSystem, std::string(kTable) + "\n  max_pages = 0")),
              HasSubstr("max_pages: must be between 1"));
}

TEST(HttpMapLoaderTest, HttpKeysOnAnotherConnectorAreRefused) {
  const std::string sqlite = R"(
[[system]]
name = "shop"
connector = "sqlite"
path = "shop.db"
base_url = "https://crm.example.com"
purposes = ["selling"]
sources = ["the consumer"]
retention = "3 years"
  [[system.table]]
  name = "Customer"
  key = "Id"
  identity = { email = "Email" }
  fields = [{ column = "Id", category = "identifiers" }, { column = "Email", category = "identifiers", erase = "null" }]
)";
  EXPECT_THAT(HttpMapLoadError(sqlite), HasSubstr("are for connector = \"http\""));
}

}  // namespace
}  // namespace rightsdesk::config
