// The data map's part for systems reached through an HTTP/REST API (connector = "http"): how the
// API is reached and authenticated, and per table (one collection of the API's records) the
// requests that search, read and erase records and where the records sit in the answers.
// Pure data and its checks, no I/O; the connector itself is connectors/http_source.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace rightsdesk {

struct SystemMap;

// One request of the data map, "GET /customers?email={email}": a method and a target appended
// to the system's base_url. Each {name} is a placeholder: {email}, {phone}, {account_id} (the
// consumer's identifiers), {parent} (a linked collection: the parent record's linked value),
// {key} (a record's key).
struct RequestTemplate {
  std::string method;                     // GET, POST, PUT, PATCH or DELETE
  std::string target;                     // "/customers?email={email}"
  std::vector<std::string> placeholders;  // their names, in order of appearance

  bool Uses(std::string_view name) const;
};

// kInvalidArgument, naming what is wrong, for text that is not "METHOD /target" with well-formed
// placeholders ({name}, name in a-z and _).
Result<RequestTemplate> ParseRequestTemplate(std::string_view text);

// Every byte but the unreserved ones of RFC 3986 (A-Z a-z 0-9 - . _ ~) as %XX, so a value put in
// a path or a query can never end the segment, add a parameter or turn into a space ("+").
std::string PercentEncode(std::string_view value);

// The target with every placeholder replaced by its value, percent-encoded; a placeholder
// without a value becomes empty.
std::string ExpandTarget(const RequestTemplate& request,
                         const std::vector<std::pair<std::string, std::string>>& values);

// "" or "/a/b~1c" (RFC 6901): what `records`, `record`, `next` and a field's column may hold.
bool IsJsonPointer(std::string_view text);

// How the API knows RightsDesk. The secret itself is never in the data map, only the name of
// the environment variable that holds it.
struct HttpAuth {
  enum class Kind { kNone, kBearer, kHeader, kBasic };
  Kind kind = Kind::kNone;
  std::string header;      // kHeader: the header's name ("X-Api-Key")
  std::string user;        // kBasic
  std::string secret_env;  // the token (kBearer), header value (kHeader) or password (kBasic)
};

struct HttpConnection {
  std::string base_url;  // "https://crm.example.com/api/v2": no trailing slash, query or user
  HttpAuth auth;
  std::optional<RequestTemplate> health;  // answers 2xx when the API is up (`datamap check`)
};

// How the pages of a search's answer follow each other.
struct HttpPaging {
  enum class Kind {
    kNone,        // one page
    kNextLink,    // `next`: a JSON pointer to the next page's URL (absolute or relative)
    kPageNumber,  // `page_param`: ?param=first_page, first_page + 1... until a page is empty
    kCursor,      // `cursor`: a JSON pointer to a cursor, sent back as ?cursor_param=...
  };
  Kind kind = Kind::kNone;
  std::string pointer;  // kNextLink, kCursor
  std::string param;    // kPageNumber, kCursor
  std::int64_t first_page = 1;
  int max_pages = 50;  // a search reading more pages fails: an API cannot page forever
};

// One collection of the API's records (a [[system.table]] of an http system). Fields are the
// records' members by name ("email") or by JSON pointer ("/address/city").
struct HttpCollection {
  std::vector<RequestTemplate> search;  // GET; each uses one identity placeholder, or {parent}
  std::string records;                  // pointer to the records array in a search's answer
  HttpPaging paging;
  std::optional<RequestTemplate> read;    // GET with {key}; 404 or 410: the record is gone
  std::string record;                     // pointer to the record in read's answer
  std::optional<RequestTemplate> remove;  // `delete`, {key}: erase = "delete_row"
  std::optional<RequestTemplate> update;  // {key}, a JSON body of the planned values
};

// The HTTP settings of `system` against the rest of the map: an http system has a base_url and
// every table a complete collection; no other system has any. kInvalidArgument, with where.
Result<void> ValidateHttpSystem(const SystemMap& system);

}  // namespace rightsdesk
