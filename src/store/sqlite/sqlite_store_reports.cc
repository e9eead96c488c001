// SqliteStore's reporting reads (RequestStore::ForEachOutcome): one pass over the year's rows,
// the plain columns only, nothing unsealed.
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {

Result<void> SqliteStore::ForEachOutcome(
    Date first, Date last, const std::function<void(const RequestOutcome&)>& visit) const {
  auto conn = readers_->Acquire();
  // A year is most of the ledger: reading the rows in table order is ten times faster than
  // following the index of receipt (migration 0026) to each row, so the unary + keeps SQLite
  // from choosing that index (bench/README.md, metrics).
  auto stmt = conn->Prepared(
      "SELECT type, status, channel, received_at, closed_at, denial_basis FROM requests"
      " WHERE +received_on BETWEEN ?1 AND ?2");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, FormatDate(first)).Bind(2, FormatDate(last));
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error().WithContext("reading the year's requests"));
    if (!*row) break;
    auto type = ParseRequestType((*stmt)->TextView(0));
    auto status = ParseStatus((*stmt)->TextView(1));
    auto channel = ParseChannel((*stmt)->TextView(2));
    if (!type || !status || !channel) {
      return Fail(ErrorCode::kDataLoss, "a request has an unknown type, status or channel");
    }
    RequestOutcome outcome{
        .type = *type, .status = *status, .channel = *channel, .received_micros = (*stmt)->Int(3)};
    if (!(*stmt)->IsNull(4)) outcome.closed_micros = (*stmt)->Int(4);
    if (!(*stmt)->IsNull(5)) {
      outcome.denial_basis = ParseDenialBasis((*stmt)->TextView(5));
      if (!outcome.denial_basis)
        return Fail(ErrorCode::kDataLoss, "a request has an unknown denial basis");
    }
    visit(outcome);
  }
  return {};
}

}  // namespace rightsdesk::store::sqlite
