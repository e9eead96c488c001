// Reading API answers (connectors/http_answer.h): records and the next page by each paging style,
// next links kept on the API's own origin, and answers of the wrong shape refused as kUnavailable.
#include "connectors/http_answer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rightsdesk::connectors {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kBase = "https://crm.example.com/api";
constexpr std::string_view kSearch = "https://crm.example.com/api/customers?email=a%40b.c";

HttpCollection Collection(HttpPaging::Kind kind, std::string pointer = "", std::string param = "") {
  HttpCollection collection;
  collection.records = "/data";
  collection.paging = {.kind = kind, .pointer = std::move(pointer), .param = std::move(param)};
  return collection;
}

Result<SearchPage> Read(std::string_view body, const HttpCollection& collection,
                        std::int64_t page = 1) {
  return ReadSearchPage(
      body, collection,
      {.base_url = kBase, .search_url = kSearch, .url = kSearch, .page_number = page});
}

TEST(HttpAnswerTest, NextLinksAreResolvedOnTheApisOriginOnly) {
  const std::string current = "https://crm.example.com/api/customers?page=1";
  EXPECT_EQ(*ResolveLink(kBase, current, "/api/customers?page=2"),
            "https://crm.example.com/api/customers?page=2");
  EXPECT_EQ(*ResolveLink(kBase, current, "?page=2"),
            "https://crm.example.com/api/customers?page=2");
  EXPECT_EQ(*ResolveLink(kBase, current, "customers?page=2"),
            "https://crm.example.com/api/customers?page=2");
  EXPECT_EQ(*ResolveLink(kBase, current, "HTTPS://CRM.example.com/api/c?p=2"),
            "HTTPS://CRM.example.com/api/c?p=2");
  for (const char* away :
       {"https://evil.example/api", "http://crm.example.com/api",
        "https://crm.example.com:8443/api", "https://crm.example.com@evil.example/",
        "//evil.example/x", "javascript:alert(1)", "file:///etc/passwd"}) {
    auto link = ResolveLink(kBase, current, away);
    ASSERT_FALSE(link) << away;
    EXPECT_EQ(link.error().code(), ErrorCode::kFailedPrecondition) << away;
  }
  for (const char* broken : {"", "/a b", "/a\r\nX-Evil: 1", "/caf\xc3\xa9", "/a\\b"}) {
    auto link = ResolveLink(kBase, current, broken);
    ASSERT_FALSE(link) << broken;
    EXPECT_EQ(link.error().code(), ErrorCode::kUnavailable) << broken;
  }
}

TEST(HttpAnswerTest, EachPagingStyleGivesTheNextPageOrTheEnd) {
  const auto next = Collection(HttpPaging::Kind::kNextLink, "/links/next");
  auto linked = Read(R"({"data":[{"id":1}],"links":{"next":"/api/customers?after=1"}})", next);
  ASSERT_TRUE(linked) << linked.error().message();
  EXPECT_EQ(linked->records.size(), 1u);
  EXPECT_EQ(linked->next_url, "https://crm.example.com/api/customers?after=1");
  for (const char* last : {R"({"data":[],"links":{"next":null}})", R"({"data":[],"links":{}})",
                           R"({"data":[],"links":{"next":""}})"}) {
    EXPECT_EQ(Read(last, next)->next_url, std::nullopt) << last;
  }
  const auto numbered = Collection(HttpPaging::Kind::kPageNumber, "", "page");
  EXPECT_EQ(Read(R"({"data":[{"id":1}]})", numbered, 4)->next_url,
            std::string(kSearch) + "&page=5");
  EXPECT_EQ(Read(R"({"data":[]})", numbered, 4)->next_url, std::nullopt);
  const auto cursor = Collection(HttpPaging::Kind::kCursor, "/meta/cursor", "cursor");
  EXPECT_EQ(Read(R"({"data":[],"meta":{"cursor":"a+b/c"}})", cursor)->next_url,
            std::string(kSearch) + "&cursor=a%2Bb%2Fc");
  EXPECT_EQ(Read(R"({"data":[],"meta":{"cursor":42}})", cursor)->next_url,
            std::string(kSearch) + "&cursor=42");
  EXPECT_EQ(Read(R"({"data":[],"meta":{"cursor":null}})", cursor)->next_url, std::nullopt);
  EXPECT_FALSE(Read(R"({"data":[],"meta":{"cursor":[1]}})", cursor));
}

TEST(HttpAnswerTest, AnswersOfTheWrongShapeAreUnavailable) {
  const auto none = Collection(HttpPaging::Kind::kNone);
  for (const char* body :
       {"", "<html>Bad gateway</html>", R"({"data":[{"id":1})", R"({"items":[]})",
        R"({"data":{"id":1}})", R"({"data":[{"id":1}, 2]})", R"([])"}) {
    auto page = Read(body, none);
    ASSERT_FALSE(page) << body;
    EXPECT_EQ(page.error().code(), ErrorCode::kUnavailable) << body;
  }
  const std::string deep = R"({"data":[)" + std::string(200, '[') + std::string(200, ']') + "]}";
  auto page = Read(deep, none);
  ASSERT_FALSE(page);
  EXPECT_THAT(page.error().message(), HasSubstr("nests deeper than 128"));
  // Brackets inside strings are text, not nesting.
  const std::string text = R"({"data":[{"id":1,"note":")" + std::string(500, '[') + R"("}]})";
  EXPECT_TRUE(Read(text, none));
}

TEST(HttpAnswerTest, FieldsAreFoundByNameOrPointerAndAreScalars) {
  const auto record = FieldValue::parse(
      R"({"id":7,"email":"a@b.c","address":{"city":"Montréal","lines":["1 rue"]},"a/b":{"~":1}})");
  EXPECT_EQ(FieldOf(record, "email"), "a@b.c");
  EXPECT_EQ(FieldOf(record, "/address/city"), "Montréal");
  EXPECT_EQ(FieldOf(record, "/address/lines/0"), "1 rue");
  EXPECT_EQ(FieldOf(record, "/address/lines"), R"(["1 rue"])");
  EXPECT_EQ(FieldOf(record, "/a~1b/~0"), 1);
  EXPECT_TRUE(FieldOf(record, "phone").is_null());
  EXPECT_TRUE(FieldOf(record, "/address/lines/01").is_null());
  EXPECT_EQ(KeyText(FieldOf(record, "id")), "7");
  EXPECT_EQ(KeyText(FieldValue("cus_123")), "cus_123");
  EXPECT_EQ(KeyText(FieldValue(1.5)), "");
  EXPECT_EQ(KeyText(FieldValue(nullptr)), "");
}

TEST(HttpAnswerTest, AReadAnswersOneRecord) {
  EXPECT_EQ((*ReadRecord(R"({"data":{"id":1}})", "/data"))["id"], 1);
  EXPECT_EQ((*ReadRecord(R"({"id":1})", ""))["id"], 1);
  EXPECT_EQ(ReadRecord(R"({"data":[{"id":1}]})", "/data").error().code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace rightsdesk::connectors
