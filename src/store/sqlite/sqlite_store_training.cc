// SqliteStore's training attempts (the TrainingStore interface).
#include <nlohmann/json.hpp>

#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

constexpr std::string_view kAttemptColumns =
    "id, staff, scenario, scenario_version, started_at, received_on, finished_at, score,"
    " max_score, answers";

Result<TrainingAttempt> AttemptFromRow(const Statement& s) {
  TrainingAttempt a{.id = s.Text(0),
                    .staff = s.Text(1),
                    .scenario = s.Text(2),
                    .scenario_version = static_cast<int>(s.Int(3)),
                    .started_at = FromMicros(s.Int(4))};
  auto day0 = ParseDate(s.Text(5));
  if (!day0) return Fail(ErrorCode::kDataLoss, "training attempt " + a.id + " has no day 0");
  a.received_on = *day0;
  if (!s.IsNull(6)) {
    a.finished_at = FromMicros(s.Int(6));
    a.score = static_cast<int>(s.Int(7));
    a.max_score = static_cast<int>(s.Int(8));
    auto answers = nlohmann::json::parse(s.Text(9), nullptr, false);
    if (!answers.is_object()) {
      return Fail(ErrorCode::kDataLoss, "training attempt " + a.id + " has unreadable answers");
    }
    for (const auto& [key, value] : answers.items()) {
      if (value.is_string()) a.answers.emplace(key, value.get<std::string>());
    }
  }
  return a;
}

}  // namespace

Result<void> SqliteStore::StartAttempt(const TrainingAttempt& attempt,
                                       const AuditEventDraft& started) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto insert = txn.Prepared(
        "INSERT INTO training_attempts (id, staff, scenario, scenario_version, started_at,"
        " received_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, attempt.id)
                    .Bind(2, attempt.staff)
                    .Bind(3, attempt.scenario)
                    .Bind(4, std::int64_t{attempt.scenario_version})
                    .Bind(5, ToMicros(attempt.started_at))
                    .Bind(6, FormatDate(attempt.received_on))
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("starting a training attempt"));
    if (auto event = txn.AppendEvent(started); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<TrainingAttempt> SqliteStore::FindAttempt(std::string_view id) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared("SELECT " + std::string(kAttemptColumns) +
                             " FROM training_attempts WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, id);
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "no such training attempt");
  return AttemptFromRow(**stmt);
}

Result<void> SqliteStore::FinishAttempt(std::string_view id,
                                        const std::map<std::string, std::string>& answers,
                                        int score, int max_score, Instant at,
                                        const AuditEventDraft& scored) {
  const std::string answers_json = nlohmann::json(answers).dump();
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    // One statement decides: a finished attempt is not updated again.
    auto finish = txn.Prepared(
        "UPDATE training_attempts SET finished_at = ?2, score = ?3, max_score = ?4, answers = ?5"
        " WHERE id = ?1 AND finished_at IS NULL");
    if (!finish) return std::unexpected(finish.error());
    auto done = (*finish)
                    ->Bind(1, id)
                    .Bind(2, ToMicros(at))
                    .Bind(3, std::int64_t{score})
                    .Bind(4, std::int64_t{max_score})
                    .Bind(5, answers_json)
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("scoring a training attempt"));
    if (txn.Changes() == 0) {
      auto exists = txn.Prepared("SELECT 1 FROM training_attempts WHERE id = ?1");
      if (!exists) return std::unexpected(exists.error());
      auto row = (*exists)->Bind(1, id).Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return Fail(ErrorCode::kNotFound, "no such training attempt");
      return Fail(ErrorCode::kAlreadyExists, "this attempt was already scored");
    }
    if (auto event = txn.AppendEvent(scored); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<std::vector<TrainingAttempt>> SqliteStore::Attempts(std::string_view staff,
                                                           std::size_t limit) const {
  auto conn = readers_->Acquire();
  // An empty view may be bound as NULL: coalesce makes "no trainee named" mean every trainee.
  auto stmt = conn->Prepared("SELECT " + std::string(kAttemptColumns) +
                             " FROM training_attempts WHERE coalesce(?1, '') = '' OR staff = ?1"
                             " ORDER BY started_at DESC, id LIMIT ?2");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, staff).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<TrainingAttempt> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    auto attempt = AttemptFromRow(**stmt);
    if (!attempt) return std::unexpected(attempt.error());
    out.push_back(std::move(*attempt));
  }
}

}  // namespace rightsdesk::store::sqlite
