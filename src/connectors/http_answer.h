// Reading another company's API answers for the HTTP connector (http_source.h): the JSON, the
// records of a search's page and the link to the next page, the record of a read, a record's
// field values. Everything here is outside input: nothing throws, nothing recurses without a
// bound, and a next link never leads away from the API's own scheme, host and port (the
// credentials go with every call). Pure functions, no I/O; fuzzed by fuzz/fuzz_http_answer.cc.
//
// Errors: kUnavailable for an answer that cannot be read (not JSON, too deep, no records array,
// a record that is not an object, a next link that is not a URL): it may be a proxy's error page
// or a cut answer, so it is worth another try. kFailedPrecondition for a next link to another
// host or scheme: a person must look at the API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/findings.h"
#include "core/http_map.h"

namespace rightsdesk::connectors {

inline constexpr int kMaxAnswerDepth = 128;  // nesting of arrays and objects in an answer

// The answer as JSON; kUnavailable when it is not JSON or nests deeper than kMaxAnswerDepth.
Result<FieldValue> ParseAnswer(std::string_view body);

// The value `pointer` (RFC 6901) designates in `document`, or nullptr.
const FieldValue* AtPointer(const FieldValue& document, std::string_view pointer);

// Where a page of a search was read.
struct PageAt {
  std::string_view base_url;     // the system's base_url: the only origin a next link may have
  std::string_view search_url;   // the search's URL without paging parameters
  std::string_view url;          // this page's URL
  std::int64_t page_number = 1;  // kPageNumber: the number this page was asked for
};

struct SearchPage {
  std::vector<FieldValue> records;      // JSON objects, as the API sent them
  std::optional<std::string> next_url;  // nullopt: this was the last page
};

// The records at `collection.records` and, by `collection.paging`, the next page's URL.
Result<SearchPage> ReadSearchPage(std::string_view body, const HttpCollection& collection,
                                  const PageAt& at);

// `link` (absolute, "/root-relative", "?query" or "relative") as a URL on `base_url`'s origin,
// relative to `current_url`.
Result<std::string> ResolveLink(std::string_view base_url, std::string_view current_url,
                                std::string_view link);

// `url` with `name=value` added to its query, the value percent-encoded.
std::string WithQueryParam(std::string_view url, std::string_view name, std::string_view value);

// The record at `pointer` in a read's answer; kUnavailable when it is absent or not an object.
Result<FieldValue> ReadRecord(std::string_view body, std::string_view pointer);

// A field of a record by member name ("email") or JSON pointer ("/address/city"): null when
// absent; objects and arrays as their JSON text, so every value is a scalar.
FieldValue FieldOf(const FieldValue& record, std::string_view column);

// A key as a request's {key}: a string as is, an integer's digits; empty for anything else
// (no usable key).
std::string KeyText(const FieldValue& key);

}  // namespace rightsdesk::connectors
