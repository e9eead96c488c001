// How a Request maps to a row of `requests`: personal data sealed, enums as their names.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/request.h"
#include "security/sealer.h"
#include "store/sqlite/sqlite_db.h"

namespace rightsdesk::store::sqlite {

// The columns ReadRequest expects, in order; use in SELECT lists.
inline constexpr std::string_view kRequestColumns =
    "id, reference, type, status, channel, priority, jurisdiction, language, received_at,"
    " received_on, acknowledge_by, respond_by, extended_respond_by, extended, on_hold, due_at,"
    " assignee, subject_sealed, message_sealed, version, updated_at, closed_at, status_token_hash,"
    " priority_reasons, scheduler_marks, purged_at, duplicate_of, denial_basis";

// Binds every column of the INSERT statement in kInsertRequest.
inline constexpr std::string_view kInsertRequest =
    "INSERT INTO requests (id, reference, type, status, channel, priority, jurisdiction, language,"
    " received_at, received_on, acknowledge_by, respond_by, extended_respond_by, extended, on_hold,"
    " due_at, assignee, subject_sealed, message_sealed, version, updated_at, closed_at,"
    " email_index, status_token_hash, priority_reasons, scheduler_marks, duplicate_of,"
    " agent_index, denial_basis) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
    " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)";

// Updates the mutable columns of ?1 = id when ?2 = expected version.
inline constexpr std::string_view kUpdateRequest =
    "UPDATE requests SET type = ?3, status = ?4, priority = ?5, jurisdiction = ?6, language = ?7,"
    " acknowledge_by = ?8, respond_by = ?9, extended_respond_by = ?10, extended = ?11,"
    " on_hold = ?12, due_at = ?13, assignee = ?14, subject_sealed = ?15, message_sealed = ?16,"
    " email_index = ?17, version = version + 1, updated_at = ?18, closed_at = ?19,"
    " priority_reasons = ?20, scheduler_marks = ?21, agent_index = ?22, denial_basis = ?23"
    " WHERE id = ?1 AND version = ?2";

// A request's personal data as stored: sealed, plus the blind indexes of its email and of its
// agent's email (none when no agent acts). Computed by
// the calling thread before the write is queued, so the single writer spends no time on crypto.
struct SealedFields {
  std::vector<std::uint8_t> subject;
  std::optional<std::vector<std::uint8_t>> message;
  std::vector<std::uint8_t> email_index;
  std::optional<std::vector<std::uint8_t>> agent_index;
};

struct RowCodec {
  const security::Sealer& sealer;
  const security::BlindIndex& index;

  SealedFields Seal(const Request& request) const;
  void BindInsert(Statement& stmt, const Request& request, const SealedFields& sealed) const;
  void BindUpdate(Statement& stmt, const Request& request, std::int64_t expected_version,
                  const SealedFields& sealed) const;
  // kDataLoss when a column holds something this version cannot read or a seal does not open.
  Result<Request> Read(const Statement& stmt) const;
};

}  // namespace rightsdesk::store::sqlite
