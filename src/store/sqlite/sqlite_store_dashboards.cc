// SqliteStore's reads for the console's dashboards (RequestStore::ForEachDashboardRow,
// ForEachStatusHistory): plain columns and audit events only, nothing unsealed; one statement
// each, no query per request.
#include <algorithm>

#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

Result<DashboardRow> ReadDashboardRow(const Statement& s) {
  auto type = ParseRequestType(s.TextView(0));
  auto status = ParseStatus(s.TextView(1));
  auto channel = ParseChannel(s.TextView(2));
  auto received_on = ParseDate(s.TextView(4));
  if (!type || !status || !channel || !received_on) {
    return Fail(ErrorCode::kDataLoss, "a request has an unknown type, status, channel or date");
  }
  DashboardRow row{.type = *type,
                   .status = *status,
                   .channel = *channel,
                   .jurisdiction = s.Text(3),
                   .received_on = *received_on,
                   .received_at = FromMicros(s.Int(5)),
                   .due_at = FromMicros(s.Int(7)),
                   .assignee = s.Text(8)};
  if (!s.IsNull(6)) row.closed_at = FromMicros(s.Int(6));
  if (!s.IsNull(9)) {
    row.denial_basis = ParseDenialBasis(s.TextView(9));
    if (!row.denial_basis)
      return Fail(ErrorCode::kDataLoss, "a request has an unknown denial basis");
  }
  return row;
}

}  // namespace

Result<void> SqliteStore::ForEachDashboardRow(
    Date first, Date end, Instant closed_from, Instant closed_end,
    const std::function<void(const DashboardRow&)>& visit) const {
  auto conn = readers_->Acquire();
  // The open requests and those closed in the period may have been received at any time, so
  // the whole ledger is read once in table order; the unary + keeps SQLite from following the
  // index of receipt to each row instead (ten times slower over most of the ledger, see
  // sqlite_store_reports.cc).
  auto stmt = conn->Prepared(
      "SELECT type, status, channel, jurisdiction, received_on, received_at, closed_at, due_at,"
      " assignee, denial_basis FROM requests"
      " WHERE (+received_on >= ?1 AND +received_on < ?2) OR closed_at IS NULL"
      " OR (closed_at >= ?3 AND closed_at < ?4)");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)
      ->Bind(1, FormatDate(first))
      .Bind(2, FormatDate(end))
      .Bind(3, ToMicros(closed_from))
      .Bind(4, ToMicros(closed_end));
  for (;;) {
    auto step = (*stmt)->Step();
    if (!step) return std::unexpected(step.error().WithContext("reading the dashboards' requests"));
    if (!*step) return {};
    auto row = ReadDashboardRow(**stmt);
    if (!row) {
      (*stmt)->Reset();
      return std::unexpected(row.error());
    }
    visit(*row);
  }
}

Result<void> SqliteStore::ForEachStatusHistory(
    Date first, Date end, const std::function<void(const StatusHistory&)>& visit) const {
  auto conn = readers_->Acquire();
  // Index only: the index of receipt (migration 0026) holds the requests' day, time and id, and
  // the index of transitions (migration 0029) each one's changes, so neither table is visited
  // (bench/README.md, dashboards). The rows of one request come together (ORDER BY r.id, which
  // the index gives); ordering them by e.seq in SQL as well would make SQLite sort each request's
  // rows apart, so they are put in chain order here.
  auto stmt = conn->Prepared(
      "SELECT r.id, r.received_at, e.seq, e.at, json_extract(e.details, '$.from'),"
      " json_extract(e.details, '$.to')"
      " FROM requests r JOIN audit_events e"
      "  ON e.request_id = r.id AND e.action = 'request.transitioned'"
      " WHERE r.received_on >= ?1 AND r.received_on < ?2"
      " ORDER BY r.received_on, r.received_at, r.id");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, FormatDate(first)).Bind(2, FormatDate(end));
  std::string current;
  StatusHistory history;
  std::vector<std::pair<std::int64_t, StatusChange>> changes;  // seq, change
  // Every status change is a transition event, so a request's status now is its last change's.
  // A duplicate's one change closed it at intake (closed_duplicate): it is not visited.
  auto finish = [&] {
    if (current.empty()) return;
    std::ranges::sort(changes, {}, &std::pair<std::int64_t, StatusChange>::first);
    history.changes.clear();
    for (const auto& [seq, change] : changes) history.changes.push_back(change);
    history.status = history.changes.back().to;
    if (history.status != Status::kClosedDuplicate) visit(history);
  };
  for (;;) {
    auto step = (*stmt)->Step();
    if (!step) return std::unexpected(step.error().WithContext("reading the status changes"));
    if (!*step) break;
    const Statement& s = **stmt;
    if (s.TextView(0) != current) {
      finish();
      current = s.Text(0);
      history.received_at = FromMicros(s.Int(1));
      changes.clear();
    }
    auto from = ParseStatus(s.TextView(4));
    auto to = ParseStatus(s.TextView(5));
    if (!from || !to) {
      (*stmt)->Reset();
      return Fail(ErrorCode::kDataLoss, "a transition event names an unknown status");
    }
    changes.push_back({s.Int(2), {.at = FromMicros(s.Int(3)), .from = *from, .to = *to}});
  }
  finish();
  return {};
}

}  // namespace rightsdesk::store::sqlite
