// SqliteStore's Data Rights Protocol records (the DrpStore interface).
#include "store/sqlite/audit_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

std::string DrpVerificationPathContext(std::string_view request_id) {
  return "drp-verification-path/" + std::string(request_id);
}

constexpr std::string_view kAgentColumns =
    "SELECT id, name, email, verify_key, callback_base, created_at, token_hash, token_issued_at"
    " FROM drp_agents WHERE removed_at IS NULL";

DrpAgent AgentOf(const Statement& row) {
  DrpAgent agent{.id = row.Text(0),
                 .name = row.Text(1),
                 .email = row.Text(2),
                 .verify_key = FixedBytes<32>(row.Blob(3)),
                 .callback_base = row.Text(4),
                 .created_at = FromMicros(row.Int(5))};
  if (!row.IsNull(6)) agent.token_hash = FixedBytes<32>(row.Blob(6));
  if (!row.IsNull(7)) agent.token_issued_at = FromMicros(row.Int(7));
  return agent;
}

std::span<const std::uint8_t> Bytes(std::span<const std::uint8_t> bytes) { return bytes; }

}  // namespace

Result<void> SqliteStore::AddAgent(const DrpAgent& agent, const AuditEventDraft& added) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto insert = txn.Prepared(
        "INSERT INTO drp_agents (id, name, email, verify_key, callback_base, created_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, agent.id)
                    .Bind(2, agent.name)
                    .Bind(3, agent.email)
                    .Bind(4, Bytes(agent.verify_key))
                    .Bind(5, agent.callback_base)
                    .Bind(6, ToMicros(agent.created_at))
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("adding agent " + agent.id));
    auto event = txn.AppendEvent(added);
    if (!event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<std::vector<DrpAgent>> SqliteStore::ListAgents() const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(std::string(kAgentColumns) + " ORDER BY id");
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<DrpAgent> agents;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return agents;
    agents.push_back(AgentOf(**stmt));
  }
}

Result<DrpAgent> SqliteStore::FindAgent(std::string_view id) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(std::string(kAgentColumns) + " AND id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, id);
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "no agent " + std::string(id));
  return AgentOf(**stmt);
}

Result<DrpAgent> SqliteStore::FindAgentByToken(const Hash& token_hash) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(std::string(kAgentColumns) + " AND token_hash = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, Bytes(token_hash));
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "no agent holds this token");
  return AgentOf(**stmt);
}

Result<void> SqliteStore::RemoveAgent(std::string_view id, Instant at,
                                      const AuditEventDraft& removed) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(
        "UPDATE drp_agents SET removed_at = ?2, token_hash = NULL"
        " WHERE id = ?1 AND removed_at IS NULL");
    if (!update) return std::unexpected(update.error());
    if (auto done = (*update)->Bind(1, id).Bind(2, ToMicros(at)).Run(); !done) return done;
    if (txn.Changes() == 0) return Fail(ErrorCode::kNotFound, "no agent " + std::string(id));
    auto event = txn.AppendEvent(removed);
    if (!event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<void> SqliteStore::SetAgentToken(std::string_view id, const Hash& token_hash, Instant at,
                                        const AuditEventDraft& issued) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(
        "UPDATE drp_agents SET token_hash = ?2, token_issued_at = ?3"
        " WHERE id = ?1 AND removed_at IS NULL");
    if (!update) return std::unexpected(update.error());
    auto done = (*update)->Bind(1, id).Bind(2, Bytes(token_hash)).Bind(3, ToMicros(at)).Run();
    if (!done) return done;
    if (txn.Changes() == 0) return Fail(ErrorCode::kNotFound, "no agent " + std::string(id));
    auto event = txn.AppendEvent(issued);
    if (!event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<void> SqliteStore::UseSignature(const Hash& signature_hash, std::string_view agent_id,
                                       Instant expires_at, Instant now) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto purge = txn.Prepared("DELETE FROM drp_signatures WHERE expires_at < ?1");
    if (!purge) return std::unexpected(purge.error());
    if (auto done = (*purge)->Bind(1, ToMicros(now)).Run(); !done) return done;
    auto insert = txn.Prepared(
        "INSERT INTO drp_signatures (signature_hash, agent_id, expires_at) VALUES (?1, ?2, ?3)");
    if (!insert) return std::unexpected(insert.error());
    auto done = (*insert)
                    ->Bind(1, Bytes(signature_hash))
                    .Bind(2, agent_id)
                    .Bind(3, ToMicros(expires_at))
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("the message was used before"));
    return {};
  };
  return writer_->Run(job);
}

Result<void> SqliteStore::LinkRequest(const DrpLink& link) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto insert = txn.Prepared(
        "INSERT INTO drp_requests (request_id, agent_id, agent_request_id, status_callback,"
        " created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert) return std::unexpected(insert.error());
    std::optional<std::string> agent_request_id;
    if (!link.agent_request_id.empty()) agent_request_id = link.agent_request_id;
    auto done = (*insert)
                    ->Bind(1, link.request_id)
                    .Bind(2, link.agent_id)
                    .Bind(3, agent_request_id)
                    .Bind(4, link.status_callback)
                    .Bind(5, ToMicros(link.created_at))
                    .Run();
    if (!done) {
      return std::unexpected(done.error().WithContext("the agent already used this request id"));
    }
    return {};
  };
  return writer_->Run(job);
}

Result<void> SqliteStore::UnlinkRequest(std::string_view request_id) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto drop = txn.Prepared("DELETE FROM drp_requests WHERE request_id = ?1");
    if (!drop) return std::unexpected(drop.error());
    return (*drop)->Bind(1, request_id).Run();
  };
  return writer_->Run(job);
}

Result<void> SqliteStore::SetVerificationPath(std::string_view request_id, std::string_view path) {
  const auto sealed = sealer_.Seal(path, DrpVerificationPathContext(request_id));
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update =
        txn.Prepared("UPDATE drp_requests SET verification_path_sealed = ?2 WHERE request_id = ?1");
    if (!update) return std::unexpected(update.error());
    if (auto done = (*update)->Bind(1, request_id).Bind(2, sealed).Run(); !done) {
      return std::unexpected(done.error().WithContext("keeping a DRP request's verification page"));
    }
    if (txn.Changes() == 0) {
      return Fail(ErrorCode::kNotFound, "no DRP request " + std::string(request_id));
    }
    return {};
  };
  return writer_->Run(job);
}

Result<DrpLink> SqliteStore::FindLink(std::string_view request_id) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(
      "SELECT request_id, agent_id, agent_request_id, status_callback, created_at,"
      " verification_path_sealed FROM drp_requests WHERE request_id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, request_id);
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "no DRP request " + std::string(request_id));
  DrpLink link{.request_id = (*stmt)->Text(0),
               .agent_id = (*stmt)->Text(1),
               .agent_request_id = (*stmt)->IsNull(2) ? std::string() : (*stmt)->Text(2),
               .status_callback = (*stmt)->Text(3),
               .created_at = FromMicros((*stmt)->Int(4))};
  if (!(*stmt)->IsNull(5)) {
    auto path = sealer_.Open((*stmt)->Blob(5), DrpVerificationPathContext(link.request_id));
    if (!path) return std::unexpected(path.error().WithContext("opening a DRP verification page"));
    link.verification_path = std::move(*path);
  }
  return link;
}

}  // namespace rightsdesk::store::sqlite
