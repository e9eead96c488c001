// The requests of an HTTP system's data map: parsed once, with the placeholders named; values put
// into them percent-encoded so that no identifier can change the request's shape.
#include "core/http_map.h"

#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

TEST(HttpMapTest, ARequestIsAMethodAndATargetWithItsPlaceholders) {
  auto request = ParseRequestTemplate("GET /customers/{parent}/tickets?email={email}");
  ASSERT_TRUE(request) << request.error().message();
  EXPECT_EQ(request->method, "GET");
  EXPECT_EQ(request->target, "/customers/{parent}/tickets?email={email}");
  EXPECT_EQ(request->placeholders, (std::vector<std::string>{"parent", "email"}));
  EXPECT_TRUE(request->Uses("email"));
  EXPECT_FALSE(request->Uses("phone"));
}

TEST(HttpMapTest, MalformedRequestsAreRefusedWithWhy) {
  for (const char* text : {"GET", "FETCH /x", "GET x", "GET /a b", "GET /x#frag", "GET /{Email}",
                           "GET /{email", "GET /email}", "GET /{}", "get /x"}) {
    auto request = ParseRequestTemplate(text);
    ASSERT_FALSE(request) << text;
    EXPECT_EQ(request.error().code(), ErrorCode::kInvalidArgument) << text;
  }
}

TEST(HttpMapTest, ValuesArePercentEncodedSoTheyCannotChangeTheRequest) {
  EXPECT_EQ(PercentEncode("luis+crm@embraer.com.br"), "luis%2Bcrm%40embraer.com.br");
  EXPECT_EQ(PercentEncode("+55 (12) 3923-5555"), "%2B55%20%2812%29%203923-5555");
  EXPECT_EQ(PercentEncode("a/../b?c=d&e#f"), "a%2F..%2Fb%3Fc%3Dd%26e%23f");
  EXPECT_EQ(PercentEncode("Gonçalves"), "Gon%C3%A7alves");
  EXPECT_EQ(PercentEncode("A-z_0.9~"), "A-z_0.9~");
  auto request = ParseRequestTemplate("GET /customers/{parent}/tickets?q={email}&x={missing}");
  ASSERT_TRUE(request);
  EXPECT_EQ(ExpandTarget(*request, {{"email", "a&b=c@d"}, {"parent", "12/../13"}}),
            "/customers/12%2F..%2F13/tickets?q=a%26b%3Dc%40d&x=");
}

TEST(HttpMapTest, JsonPointersFollowRfc6901) {
  for (const char* ok : {"", "/", "/data", "/a/b~0c~1d", "/0"})
    EXPECT_TRUE(IsJsonPointer(ok)) << ok;
  for (const char* bad : {"data", "/a~", "/a~2", "#/a"}) EXPECT_FALSE(IsJsonPointer(bad)) << bad;
}

}  // namespace
}  // namespace rightsdesk
