// The records of Cal. Code Regs. tit. 11 §7101 (core/request_record.h) for one request or for
// the requests received in a period, and their forms: JSON (the API's and `report records`')
// and CSV. They hold no personal data, so purged requests are reported like the rest.
// Who may read them is the caller's check (Permission::kReadRecords, core/role.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/services.h"
#include "core/request_record.h"

namespace rightsdesk::app {

// Requests received (their day of receipt) on or after `from` and before `to`.
struct RecordsPeriod {
  Date from;
  Date to;
};

// "YYYY-MM-DD" each; kInvalidArgument pointing at /from or /to for a malformed date, and at /to
// when `to` is not after `from`.
Result<RecordsPeriod> ParseRecordsPeriod(std::string_view from, std::string_view to);

enum class RecordsFormat { kJson, kCsv };
// "json" or "csv"; kInvalidArgument pointing at /format otherwise.
Result<RecordsFormat> ParseRecordsFormat(std::string_view name);

// In order of receipt. One read of the store (store/request_store.h ForEachRecord).
Result<std::vector<RequestRecord>> RecordsReceived(const Services& services,
                                                   const RecordsPeriod& period);
// kNotFound when there is no such request.
Result<RequestRecord> RecordOfRequest(const Services& services, std::string_view reference_or_id);

// {"reference", "type", "channel", "jurisdiction", "received_on", "received_at", "status",
// "extended", "response": {"nature", "at"}, "denial": null | {"basis", "reason"},
// "duplicate_of", "purged_at"}; "at", "duplicate_of" and "purged_at" null when there is none.
nlohmann::ordered_json RecordJson(const RequestRecord& record);
// {"from", "to", "count", "records": [...]}.
nlohmann::ordered_json RecordsJson(const RecordsPeriod& period,
                                   const std::vector<RequestRecord>& records);

// RFC 4180 (CRLF line ends), a header line then one line per record, the JSON's fields
// flattened. Every text cell is guarded against spreadsheet formulas (fulfil::CsvCell), since a
// denial's reason is staff-typed text.
std::string RecordsCsv(const std::vector<RequestRecord>& records);

}  // namespace rightsdesk::app
