// Answers of another company's API as the HTTP connector reads them (connectors/http_answer.h).
// The first byte picks the collection's settings (records pointer, paging style); the rest is
// the answer's body, and also a next link as an API could send it. Beyond "no crash, no leak, no
// undefined behaviour": a page's records are objects whose fields are scalars; an answer that
// parses prints; and every next URL stays on the API's origin (or extends the search's own URL)
// and holds only printable ASCII, so no answer can send the credentials elsewhere or smuggle a
// header into the next call.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "connectors/http_answer.h"
#include "fuzz_target.h"

namespace {

using namespace rightsdesk;
using namespace rightsdesk::connectors;

constexpr std::string_view kBase = "https://crm.example.com/api";
constexpr std::string_view kOrigin = "https://crm.example.com";
constexpr std::string_view kSearch = "https://crm.example.com/api/customers?email=a%40b.c";
constexpr std::string_view kCurrent = "https://crm.example.com/api/customers?email=a%40b.c&p=2";

void Require(bool property) {
  if (!property) std::abort();
}

bool IsPrintableAscii(std::string_view text) {
  for (char c : text) {
    if (c <= ' ' || c >= 0x7f) return false;
  }
  return true;
}

// On the API's origin: the origin, then nothing, a path, a query or a fragment (never "@host"
// or ":port").
void RequireOnOrigin(std::string_view url) {
  Require(IsPrintableAscii(url));
  Require(url.size() >= kOrigin.size());
  std::string lower(url.substr(0, kOrigin.size()));
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  Require(lower == kOrigin);
  const char after = url.size() == kOrigin.size() ? '/' : url[kOrigin.size()];
  Require(after == '/' || after == '?' || after == '#');
}

HttpCollection CollectionFor(std::uint8_t choice) {
  HttpCollection collection;
  static constexpr std::string_view kRecords[] = {"", "/data", "/data/items", "/0"};
  collection.records = std::string(kRecords[choice & 3]);
  switch ((choice >> 2) & 3) {
    case 0:
      collection.paging = {.kind = HttpPaging::Kind::kNone};
      break;
    case 1:
      collection.paging = {.kind = HttpPaging::Kind::kNextLink, .pointer = "/links/next"};
      break;
    case 2:
      collection.paging = {.kind = HttpPaging::Kind::kPageNumber, .param = "page"};
      break;
    default:
      collection.paging = {
          .kind = HttpPaging::Kind::kCursor, .pointer = "/meta/cursor", .param = "cursor"};
  }
  return collection;
}

void CheckPage(std::string_view body, const HttpCollection& collection, std::int64_t page_number) {
  auto page = ReadSearchPage(
      body, collection,
      {.base_url = kBase, .search_url = kSearch, .url = kCurrent, .page_number = page_number});
  if (!page) {
    Require(page.error().code() == ErrorCode::kUnavailable ||
            page.error().code() == ErrorCode::kFailedPrecondition);
    return;
  }
  for (const auto& record : page->records) {
    Require(record.is_object());
    for (const char* column : {"id", "email", "/address/city", "/a~1b/0", "/"}) {
      Require(!FieldOf(record, column).is_structured());
    }
    (void)KeyText(FieldOf(record, "id"));
  }
  if (page->next_url) RequireOnOrigin(*page->next_url);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  CheckPage(body, CollectionFor(data[0]), data[0] >> 4);

  if (auto document = ParseAnswer(body)) {
    (void)document->dump(-1, ' ', false, FieldValue::error_handler_t::replace);
  }
  for (std::string_view pointer : {"", "/data"}) {
    if (auto record = ReadRecord(body, pointer)) Require(record->is_object());
  }
  if (auto link = ResolveLink(kBase, kCurrent, body)) RequireOnOrigin(*link);
  return 0;
}
