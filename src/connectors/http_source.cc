#include "connectors/http_source.h"

#include <set>

#include "connectors/http_answer.h"
#include "connectors/sql_text.h"

namespace rightsdesk::connectors {
namespace {

// Rows of one collection gathered from several searches, each key once, in the order first found.
class HttpRowSet {
 public:
  explicit HttpRowSet(const TableMap& table) : table_(table) {}
  // kUnavailable for a record without a usable key: it could be neither re-read nor erased.
  Result<void> Add(const FieldValue& record) {
    FoundRow row;
    for (const auto& field : table_.fields) row.values.push_back(FieldOf(record, field.column));
    row.key = row.values.at(table_.FieldIndex(table_.key));
    const std::string key = KeyText(row.key);
    if (key.empty()) {
      return Fail(ErrorCode::kUnavailable,
                  "a record without a usable key (" + table_.key + ": a string or a whole number)");
    }
    if (seen_.insert(key).second) rows_.push_back(std::move(row));
    return {};
  }
  FoundTable Take() && { return {.table = table_.name, .rows = std::move(rows_)}; }

 private:
  const TableMap& table_;
  std::set<std::string> seen_;
  std::vector<FoundRow> rows_;
};

struct HttpIdentitySearch {
  IdentityKind kind;
  const std::string& value;
};

std::vector<HttpIdentitySearch> HttpIdentitySearches(const SubjectIdentifiers& consumer) {
  std::vector<HttpIdentitySearch> searches;
  if (!consumer.email.empty()) searches.push_back({IdentityKind::kEmail, consumer.email});
  if (!consumer.phone.empty()) searches.push_back({IdentityKind::kPhone, consumer.phone});
  if (!consumer.account_id.empty()) {
    searches.push_back({IdentityKind::kAccountId, consumer.account_id});
  }
  return searches;
}

// A record's value holds the consumer's identifier: email without regard to case, phone by its
// digits, account id exactly (a JSON number by its digits). What the API matched does not count.
bool Holds(const FieldValue& value, const HttpIdentitySearch& search) {
  switch (search.kind) {
    case IdentityKind::kEmail:
      return MatchValue(value, MatchMode::kCaseInsensitive) ==
             MatchValue(FieldValue(search.value), MatchMode::kCaseInsensitive);
    case IdentityKind::kPhone: {
      const std::string digits = DigitsOf(search.value);
      return !digits.empty() && MatchValue(value, MatchMode::kDigits) == digits;
    }
    case IdentityKind::kAccountId:
      return !KeyText(value).empty() && KeyText(value) == search.value;
  }
  return false;
}

bool BelongsTo(const TableMap& table, const FieldValue& record, const HttpIdentitySearch& search) {
  for (const auto& identity : table.identity) {
    if (identity.kind == search.kind && Holds(FieldOf(record, identity.column), search)) {
      return true;
    }
  }
  return false;
}

// The JSON body of an update: each planned column's new value; a pointer column ("/address/city")
// as nested objects, merged by the API with what it holds.
std::string UpdateBody(const RowUpdate& update) {
  FieldValue body = FieldValue::object();
  for (const auto& [column, value] : update.set) {
    if (!column.starts_with("/")) {
      body[column] = value;
      continue;
    }
    FieldValue* at = &body;
    std::string_view rest(column);
    while (!rest.empty()) {
      rest.remove_prefix(1);
      std::string token(rest.substr(0, rest.find('/')));
      rest.remove_prefix(token.size());
      for (std::size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
        token.replace(i, 2, token[i + 1] == '1' ? "/" : "~");
      }
      if (!at->is_object()) *at = FieldValue::object();
      at = &(*at)[token];
    }
    *at = value;
  }
  return body.dump(-1, ' ', false, FieldValue::error_handler_t::replace);
}

}  // namespace

struct HttpDataSource::Progress {
  std::int64_t calls_done = 0;
  std::int64_t calls_planned = 0;
  Applied applied;
};

Result<std::unique_ptr<HttpDataSource>> HttpDataSource::Open(const SystemMap& system,
                                                             const Clock& clock,
                                                             HttpApiOptions options) {
  bool complete = system.connector.kind == ConnectorSettings::Kind::kHttp;
  for (const auto& table : system.tables) complete = complete && table.http && table.http->read;
  if (!complete) {
    return Fail(ErrorCode::kInvalidArgument,
                system.name + ": an http system needs base_url and, per table, its requests");
  }
  return std::unique_ptr<HttpDataSource>(new HttpDataSource(system, clock, std::move(options)));
}

// Every page of one search, each record handed to `sink`. The page limit and the pages already
// read stop an API whose paging never ends.
Result<void> HttpDataSource::SearchPages(const TableMap& table, const RequestTemplate& search,
                                         const TemplateValues& values, const std::string& label,
                                         const RecordSink& sink) {
  const HttpPaging& paging = table.http->paging;
  const std::string search_url = api_.Url(search, values);
  std::string url =
      paging.kind == HttpPaging::Kind::kPageNumber
          ? WithQueryParam(search_url, paging.param, std::to_string(paging.first_page))
          : search_url;
  std::set<std::string> read;
  for (int page = 1;; ++page) {
    const std::string where = table.name + " (" + label + ", page " + std::to_string(page) + ")";
    if (!read.insert(url).second) {
      return Fail(ErrorCode::kFailedPrecondition,
                  where + ": the next link leads back to a page already read");
    }
    auto reply = api_.Send("GET", url);
    if (!reply) return std::unexpected(std::move(reply.error()).WithContext(where));
    if (auto ok = RequireSuccess(*reply); !ok) return WithContext(std::move(ok), where);
    auto found = ReadSearchPage(reply->body, *table.http,
                                {.base_url = api_.base_url(),
                                 .search_url = search_url,
                                 .url = url,
                                 .page_number = paging.first_page + page - 1});
    if (!found) return std::unexpected(std::move(found.error()).WithContext(where));
    for (const auto& record : found->records) {
      if (auto kept = sink(record); !kept) return WithContext(std::move(kept), where);
    }
    if (!found->next_url) return {};
    if (page >= paging.max_pages) {
      return Fail(ErrorCode::kFailedPrecondition, where + ": more pages than max_pages (" +
                                                      std::to_string(paging.max_pages) +
                                                      "): raise it, or check the API's paging");
    }
    url = std::move(*found->next_url);
  }
}

Result<FoundTable> HttpDataSource::SearchByIdentity(const TableMap& table,
                                                    const SubjectIdentifiers& consumer) {
  HttpRowSet rows(table);
  for (const auto& wanted : HttpIdentitySearches(consumer)) {
    const std::string kind(Name(wanted.kind));
    for (const auto& search : table.http->search) {
      if (!search.Uses(kind)) continue;
      auto searched = SearchPages(table, search, {{kind, wanted.value}}, "search by " + kind,
                                  [&](const FieldValue& record) -> Result<void> {
                                    if (!BelongsTo(table, record, wanted)) return {};
                                    return rows.Add(record);
                                  });
      if (!searched) return std::unexpected(searched.error());
    }
  }
  return std::move(rows).Take();
}

Result<FoundTable> HttpDataSource::FollowLink(const TableMap& table, const SystemFindings& so_far) {
  HttpRowSet rows(table);
  const FoundTable* parent_rows = so_far.Table(table.link->parent_table);
  const TableMap* parent = system_.Table(table.link->parent_table);
  if (!parent_rows || !parent) return std::move(rows).Take();
  const std::size_t at = parent->FieldIndex(table.link->parent_column);
  std::set<std::string> parents;
  for (const auto& row : parent_rows->rows) {
    const std::string value = KeyText(row.values.at(at));
    if (value.empty() || !parents.insert(value).second) continue;
    for (const auto& search : table.http->search) {
      auto searched = SearchPages(table, search, {{"parent", value}}, "search by parent",
                                  [&](const FieldValue& record) -> Result<void> {
                                    if (KeyText(FieldOf(record, table.link->column)) != value) {
                                      return {};
                                    }
                                    return rows.Add(record);
                                  });
      if (!searched) return std::unexpected(searched.error());
    }
  }
  return std::move(rows).Take();
}

Result<SystemFindings> HttpDataSource::Discover(const SubjectIdentifiers& consumer) {
  SystemFindings findings{.system = system_.name, .tables = {}, .searched_at = clock_.Now()};
  for (const TableMap* table : ParentsFirst(system_)) {
    auto found = table->link ? FollowLink(*table, findings) : SearchByIdentity(*table, consumer);
    if (!found) {
      return std::unexpected(std::move(found.error()).WithContext("searching " + system_.name));
    }
    if (!found->rows.empty()) findings.tables.push_back(std::move(*found));
  }
  return findings;
}

// The record as the API holds it now; nullopt when it answers 404 or 410.
Result<std::optional<FoundRow>> HttpDataSource::ReadRecordByKey(const TableMap& table,
                                                                const FieldValue& key) {
  const std::string where = table.name + " (read)";
  auto reply = api_.SendRetrying("GET", api_.Url(*table.http->read, {{"key", KeyText(key)}}), {},
                                 {404, 410});
  if (!reply) return std::unexpected(std::move(reply.error()).WithContext(where));
  if (reply->status == 404 || reply->status == 410) return std::nullopt;
  auto record = ReadRecord(reply->body, table.http->record);
  if (!record) return std::unexpected(std::move(record.error()).WithContext(where));
  HttpRowSet one(table);
  if (auto added = one.Add(*record); !added) {
    return std::unexpected(std::move(added.error()).WithContext(where));
  }
  FoundTable found = std::move(one).Take();
  if (KeyText(found.rows.front().key) != KeyText(key)) {
    return Fail(ErrorCode::kUnavailable, where + ": the answer holds another record");
  }
  return std::move(found.rows.front());
}

Result<SystemFindings> HttpDataSource::Reread(const SystemFindings& rows) {
  SystemFindings now{.system = system_.name, .tables = {}, .searched_at = clock_.Now()};
  for (const auto& found : rows.tables) {
    const TableMap* table = system_.Table(found.table);
    if (!table) continue;
    FoundTable current{.table = table->name, .rows = {}};
    for (const auto& row : found.rows) {
      auto read = ReadRecordByKey(*table, row.key);
      if (!read) {
        return std::unexpected(std::move(read.error()).WithContext("re-reading " + system_.name));
      }
      if (*read) current.rows.push_back(std::move(**read));
    }
    now.tables.push_back(std::move(current));
  }
  return now;
}

Result<void> HttpDataSource::EraseTable(const TableMap& table, const TableErasurePlan& plan,
                                        Progress& progress) {
  const HttpCollection& http = *table.http;
  for (const auto& key : plan.delete_keys) {
    const std::string where = table.name + " (delete)";
    if (!http.remove) return Fail(ErrorCode::kInvalidArgument, where + ": no delete request");
    auto reply = api_.SendRetrying(http.remove->method,
                                   api_.Url(*http.remove, {{"key", KeyText(key)}}), {}, {404, 410});
    if (!reply) return std::unexpected(std::move(reply.error()).WithContext(where));
    if (reply->status / 100 == 2) ++progress.applied.rows_deleted;  // else already gone
    ++progress.calls_done;
  }
  for (const auto& update : plan.updates) {
    const std::string where = table.name + " (update)";
    if (!http.update) return Fail(ErrorCode::kInvalidArgument, where + ": no update request");
    auto reply = api_.SendRetrying(http.update->method,
                                   api_.Url(*http.update, {{"key", KeyText(update.key)}}),
                                   UpdateBody(update), {404, 410});
    if (!reply) return std::unexpected(std::move(reply.error()).WithContext(where));
    if (reply->status / 100 != 2) {
      return Fail(ErrorCode::kConflict,
                  where + ": a record was removed since it was searched: search and plan again");
    }
    ++progress.applied.rows_updated;
    ++progress.calls_done;
  }
  return {};
}

Result<DataSource::Applied> HttpDataSource::Erase(const SystemErasurePlan& plan) {
  Progress progress;
  for (const auto& table : plan.tables) {
    progress.calls_planned +=
        static_cast<std::int64_t>(table.delete_keys.size() + table.updates.size());
  }
  for (const auto& planned : plan.tables) {
    const TableMap* table = system_.Table(planned.table);
    Result<void> erased =
        table ? EraseTable(*table, planned, progress)
              : Fail(ErrorCode::kInvalidArgument, planned.table + ": not in the data map");
    if (!erased) {
      const Applied& done = progress.applied;
      return std::unexpected(
          std::move(erased.error())
              .WithContext("erasing in " + system_.name +
                           " (no transaction: " + std::to_string(progress.calls_done) + " of " +
                           std::to_string(progress.calls_planned) + " records done, " +
                           std::to_string(done.rows_deleted) + " deleted and " +
                           std::to_string(done.rows_updated) + " updated; erase again to finish)"));
    }
  }
  return progress.applied;
}

}  // namespace rightsdesk::connectors
