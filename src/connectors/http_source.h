// A DataSource over another company's HTTP/REST API (connector = "http"; docs/datamap.md): each
// table of the data map is one collection of the API's records (core/http_map.h).
//   Discover  calls each identity collection's searches for the identifiers the consumer gave,
//             then each linked collection's search once per parent record ({parent}), page by
//             page up to max_pages. Only records that hold the identifier (or the parent's value
//             in their link field) are kept: an API that ignores a filter never adds someone
//             else's record.
//   Reread    reads each record by its key (`read`); 404 and 410 mean it is gone.
//   Erase     calls `delete` or `update` (a JSON body of the planned values) record by record,
//             children first. There is no transaction across HTTP calls: each call that fails
//             transiently is retried (the system's `retries`, with backoff); at the first that
//             still fails, Erase stops and its error says how many records were already deleted
//             and updated, so the erasure record shows what was done. Erasing again finishes.
//   Check     the API reachable, the credentials accepted, the records where the map says.
//
// Errors name the system, the collection and what was being done ("search by email, page 2"),
// never an identifier, a URL's query or a secret: kUnavailable for what may pass (no answer,
// timeout, 429, 5xx, an answer that cannot be read: http_answer.h), kFailedPrecondition for what
// needs a person (credentials unset or refused, an unexpected status, too many pages, a next
// link to another host), kConflict when a record to update disappeared since it was searched.
//
// Like every DataSource it serves one call at a time.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "connectors/data_source.h"
#include "connectors/http_api.h"
#include "core/datamap.h"
#include "core/time.h"

namespace rightsdesk::connectors {

class HttpDataSource final : public DataSource {
 public:
  // kInvalidArgument unless `system` is an http system whose tables all have their requests.
  // `system` and `clock` must outlive the source.
  static Result<std::unique_ptr<HttpDataSource>> Open(const SystemMap& system, const Clock& clock,
                                                      HttpApiOptions options = {});

  Result<SystemFindings> Discover(const SubjectIdentifiers& consumer) override;
  Result<SystemFindings> Reread(const SystemFindings& rows) override;
  Result<Applied> Erase(const SystemErasurePlan& plan) override;
  std::vector<CheckFinding> Check() override;

 private:
  struct Progress;
  using RecordSink = std::function<Result<void>(const FieldValue& record)>;

  HttpDataSource(const SystemMap& system, const Clock& clock, HttpApiOptions options)
      : system_(system), clock_(clock), api_(system, std::move(options)) {}

  Result<void> SearchPages(const TableMap& table, const RequestTemplate& search,
                           const TemplateValues& values, const std::string& label,
                           const RecordSink& sink);
  Result<FoundTable> SearchByIdentity(const TableMap& table, const SubjectIdentifiers& consumer);
  Result<FoundTable> FollowLink(const TableMap& table, const SystemFindings& so_far);
  Result<std::optional<FoundRow>> ReadRecordByKey(const TableMap& table, const FieldValue& key);
  Result<void> EraseTable(const TableMap& table, const TableErasurePlan& plan, Progress& progress);
  // False when the API could not be called at all (unreachable, credentials unset).
  bool CheckCollection(const TableMap& table, std::vector<CheckFinding>& out);

  const SystemMap& system_;
  const Clock& clock_;
  HttpApi api_;
};

}  // namespace rightsdesk::connectors
