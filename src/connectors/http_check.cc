// HttpDataSource::Check (`rightsdesk datamap check`): the API reachable, the credentials
// accepted, and each identity collection's search answering with its records where the data
// map says, asked for an identifier that cannot exist.
#include <set>

#include "connectors/http_answer.h"
#include "connectors/http_source.h"

namespace rightsdesk::connectors {
namespace {

using Severity = CheckFinding::Severity;

CheckFinding HttpCheckFinding(Severity severity, std::string where, std::string message) {
  return {.severity = severity, .where = std::move(where), .message = std::move(message)};
}

// Values no consumer has: the .invalid top-level domain is reserved (RFC 2606).
std::string ImpossibleValue(std::string_view kind) {
  if (kind == "email") return "nobody@rightsdesk-check.invalid";
  if (kind == "phone") return "+0 000 000 0000";
  return "rightsdesk-check-no-such-account";
}

// An answer's status as a finding; nullopt when it is a success.
std::optional<CheckFinding> StatusFinding(const messaging::HttpReply& reply, std::string where,
                                          std::string_view asked) {
  auto ok = RequireSuccess(reply);
  if (ok) return std::nullopt;
  return HttpCheckFinding(Severity::kError, std::move(where),
                          std::string(asked) + " " + ok.error().message());
}

// The first record's shape: its key, and the members the data map leaves out.
void CheckSampleRecord(const TableMap& table, const FieldValue& record, const std::string& where,
                       std::vector<CheckFinding>& out) {
  if (KeyText(FieldOf(record, table.key)).empty()) {
    out.push_back(
        HttpCheckFinding(Severity::kError, where + "." + table.key, "not in the records"));
  }
  std::string unmapped;
  for (const auto& [name, value] : record.items()) {
    bool mapped = false;
    for (const auto& field : table.fields) {
      mapped = mapped || field.column == name || field.column.starts_with("/" + name + "/") ||
               field.column == "/" + name;
    }
    if (!mapped) unmapped += (unmapped.empty() ? "" : ", ") + name;
  }
  if (!unmapped.empty()) {
    out.push_back(HttpCheckFinding(
        Severity::kInfo, where,
        "members not in the data map (never searched, disclosed or erased): " + unmapped));
  }
}

// A call that got no answer: unreachable (kUnavailable), or not made (credentials unset).
CheckFinding CallFailure(const Error& error, std::string where) {
  const bool unreachable = error.code() == ErrorCode::kUnavailable;
  return HttpCheckFinding(Severity::kError, std::move(where),
                          (unreachable ? "unreachable: " : "") + error.message());
}

}  // namespace

bool HttpDataSource::CheckCollection(const TableMap& table, std::vector<CheckFinding>& out) {
  const std::string where = system_.name + "." + table.name;
  if (table.link) {
    out.push_back(HttpCheckFinding(Severity::kInfo, where,
                                   "searched from " + table.link->parent_table +
                                       "'s records: checked when a consumer is found"));
    return true;
  }
  const RequestTemplate& search = table.http->search.front();
  const std::string kind = search.placeholders.front();
  const std::string url = api_.Url(search, {{kind, ImpossibleValue(kind)}});
  const HttpPaging& paging = table.http->paging;
  auto reply =
      api_.Send("GET", paging.kind == HttpPaging::Kind::kPageNumber
                           ? WithQueryParam(url, paging.param, std::to_string(paging.first_page))
                           : url);
  if (!reply) {
    out.push_back(CallFailure(reply.error(), where));
    return false;
  }
  if (auto bad = StatusFinding(*reply, where, "search by " + kind); bad) {
    out.push_back(std::move(*bad));
    return true;
  }
  auto page = ReadSearchPage(reply->body, *table.http,
                             {.base_url = api_.base_url(), .search_url = url, .url = url});
  if (!page) {
    out.push_back(HttpCheckFinding(Severity::kError, where,
                                   "search by " + kind + ": " + page.error().message()));
    return true;
  }
  out.push_back(HttpCheckFinding(Severity::kInfo, where,
                                 "reachable; search by " + kind + " answers with its records at '" +
                                     table.http->records + "'"));
  if (page->records.empty()) return true;
  out.push_back(
      HttpCheckFinding(Severity::kWarning, where,
                       "searching by " + kind + " for a value no one has returned " +
                           std::to_string(page->records.size()) +
                           " record(s): the API seems to ignore the filter (only matching records "
                           "are kept, but every search reads them all)"));
  CheckSampleRecord(table, page->records.front(), where, out);
  return true;
}

std::vector<CheckFinding> HttpDataSource::Check() {
  std::vector<CheckFinding> out;
  const HttpConnection& http = system_.connector.http;
  if (http.health) {
    auto reply = api_.Send("GET", api_.Url(*http.health, {}));
    if (!reply) {
      out.push_back(CallFailure(reply.error(), system_.name));
      return out;
    }
    if (auto bad = StatusFinding(*reply, system_.name, "health"); bad) {
      out.push_back(std::move(*bad));
      return out;
    }
    out.push_back(
        HttpCheckFinding(Severity::kInfo, system_.name,
                         "reachable (health answered " + std::to_string(reply->status) + ")"));
  }
  for (const TableMap* table : ParentsFirst(system_)) {
    // Without an answer at all, every other collection would only say the same.
    if (!CheckCollection(*table, out)) break;
  }
  return out;
}

}  // namespace rightsdesk::connectors
