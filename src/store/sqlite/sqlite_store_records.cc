// SqliteStore's §7101 records (RequestStore::ForEachRecord, FindRecord): the plain columns of
// the requests, nothing unsealed. A denial's reason is read in the same statement from the
// request's last transition event (audit_events_request index, newest first), and a duplicate's
// link from the request it repeats (primary key): one statement per report, no query per request.
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

constexpr char kRecordColumns[] =
    "SELECT r.reference, r.type, r.channel, r.jurisdiction, r.received_at, r.received_on,"
    " r.status, r.extended, r.closed_at, r.purged_at,"
    " CASE WHEN r.status IN ('denied', 'closed_unverified') THEN"
    "  (SELECT json_extract(e.details, '$.reason') FROM audit_events e"
    "   WHERE e.request_id = r.id AND e.action = 'request.transitioned'"
    "   ORDER BY e.seq DESC LIMIT 1) END,"
    " d.reference, r.denial_basis"
    " FROM requests r LEFT JOIN requests d ON d.id = r.duplicate_of ";

Result<RequestRecord> ReadRecordRow(const Statement& s) {
  auto type = ParseRequestType(s.TextView(1));
  auto channel = ParseChannel(s.TextView(2));
  auto received_on = ParseDate(s.Text(5));
  auto status = ParseStatus(s.TextView(6));
  if (!type || !channel || !received_on || !status) {
    return Fail(ErrorCode::kDataLoss,
                "request " + s.Text(0) + " has an unknown type, channel, status or date");
  }
  RequestRecord record{.reference = s.Text(0),
                       .type = *type,
                       .channel = *channel,
                       .jurisdiction = s.Text(3),
                       .received_at = FromMicros(s.Int(4)),
                       .received_on = *received_on,
                       .status = *status,
                       .extended = s.Int(7) != 0};
  if (!s.IsNull(8)) record.responded_at = FromMicros(s.Int(8));
  if (!s.IsNull(9)) record.purged_at = FromMicros(s.Int(9));
  if (!s.IsNull(10)) record.denial_reason = s.Text(10);
  if (!s.IsNull(11)) record.duplicate_of = s.Text(11);
  if (!s.IsNull(12)) {
    record.recorded_basis = ParseDenialBasis(s.TextView(12));
    if (!record.recorded_basis) {
      return Fail(ErrorCode::kDataLoss,
                  "request " + record.reference + " has an unknown denial basis");
    }
  }
  return record;
}

}  // namespace

Result<void> SqliteStore::ForEachRecord(
    Date first, Date end, const std::function<void(const RequestRecord&)>& visit) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(std::string(kRecordColumns) +
                             "WHERE r.received_on >= ?1 AND r.received_on < ?2"
                             " ORDER BY r.received_on, r.received_at, r.reference");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, FormatDate(first)).Bind(2, FormatDate(end));
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error().WithContext("reading the period's records"));
    if (!*row) return {};
    auto record = ReadRecordRow(**stmt);
    if (!record) return std::unexpected(record.error());
    visit(*record);
  }
}

Result<RequestRecord> SqliteStore::FindRecord(std::string_view reference_or_id) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(std::string(kRecordColumns) + "WHERE r.reference = ?1 OR r.id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, reference_or_id);
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error().WithContext("reading a request's record"));
  if (!*row) {
    (*stmt)->Reset();
    return Fail(ErrorCode::kNotFound, "no request " + std::string(reference_or_id));
  }
  auto record = ReadRecordRow(**stmt);
  (*stmt)->Reset();
  return record;
}

}  // namespace rightsdesk::store::sqlite
