// SqliteStore's inbound email (the InboxStore interface).
#include <nlohmann/json.hpp>

#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {
namespace {

std::string ContentContext(std::string_view id) { return "inbound/" + std::string(id); }
std::string AttachmentContext(std::string_view id, std::size_t n, std::string_view part) {
  return "inbound/" + std::string(id) + "/" + std::to_string(n) + "/" + std::string(part);
}

struct SealedAttachment {
  std::string content_type;
  std::int64_t size = 0;
  std::vector<std::uint8_t> filename;
  std::vector<std::uint8_t> bytes;
};

constexpr std::string_view kSelectInbound =
    "SELECT id, kind, request_id, received_at, content_sealed FROM inbound_messages ";

}  // namespace

Result<bool> SqliteStore::RecordInbound(const InboundRecord& record,
                                        const std::vector<AuditEventDraft>& events,
                                        const std::optional<std::string>& bounced_notice) {
  const nlohmann::json content = {{"message_id", record.message_id},
                                  {"from", record.from_address},
                                  {"name", record.from_name},
                                  {"subject", record.subject},
                                  {"text", record.text},
                                  {"language", record.language}};
  const std::vector<std::uint8_t> sealed = sealer_.Seal(content.dump(), ContentContext(record.id));
  std::vector<SealedAttachment> attachments;
  for (std::size_t n = 0; n < record.attachments.size(); ++n) {
    const StoredAttachment& a = record.attachments[n];
    attachments.push_back(
        {.content_type = a.content_type,
         .size = static_cast<std::int64_t>(a.bytes.size()),
         .filename = sealer_.Seal(a.filename, AttachmentContext(record.id, n, "filename")),
         .bytes = sealer_.Seal(a.bytes, AttachmentContext(record.id, n, "bytes"))});
  }
  bool recorded = false;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    recorded = false;
    auto insert = txn.Prepared(
        "INSERT INTO inbound_messages (id, kind, request_id, received_at, content_sealed)"
        " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->Bind(1, record.id).Bind(2, record.kind);
    if (record.request_id) {
      (*insert)->Bind(3, *record.request_id);
    } else {
      (*insert)->BindNull(3);
    }
    (*insert)->Bind(4, ToMicros(record.received_at)).Bind(5, sealed);
    if (auto done = (*insert)->Run(); !done) {
      return std::unexpected(done.error().WithContext("recording inbound " + record.id));
    }
    if (txn.Changes() == 0) return {};  // already recorded: nothing more to do
    recorded = true;
    auto attach = txn.Prepared(
        "INSERT INTO inbound_attachments (inbound_id, n, content_type, size, filename_sealed,"
        " bytes_sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!attach) return std::unexpected(attach.error());
    for (std::size_t n = 0; n < attachments.size(); ++n) {
      const SealedAttachment& a = attachments[n];
      auto done = (*attach)
                      ->Bind(1, record.id)
                      .Bind(2, static_cast<std::int64_t>(n))
                      .Bind(3, a.content_type)
                      .Bind(4, a.size)
                      .Bind(5, a.filename)
                      .Bind(6, a.bytes)
                      .Run();
      (*attach)->Reset();
      if (!done) return std::unexpected(done.error().WithContext("storing an attachment"));
    }
    if (bounced_notice) {
      auto bounce = txn.Prepared(
          "UPDATE outbox SET status = 'bounced' WHERE id = ?1"
          " AND status = 'sent'");
      if (!bounce) return std::unexpected(bounce.error());
      if (auto done = (*bounce)->Bind(1, *bounced_notice).Run(); !done) {
        return std::unexpected(done.error().WithContext("marking " + *bounced_notice));
      }
    }
    for (const AuditEventDraft& event : events) {
      if (auto appended = txn.AppendEvent(event); !appended) {
        return std::unexpected(appended.error());
      }
    }
    return {};
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  return recorded;
}

Result<std::vector<InboundRecord>> SqliteStore::ReadInbound(std::string_view where,
                                                            std::string_view key,
                                                            std::size_t limit) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(std::string(kSelectInbound) + std::string(where));
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, key).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<InboundRecord> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    InboundRecord r{.id = (*stmt)->Text(0), .kind = (*stmt)->Text(1)};
    if (!(*stmt)->IsNull(2)) r.request_id = (*stmt)->Text(2);
    r.received_at = FromMicros((*stmt)->Int(3));
    auto opened = sealer_.Open((*stmt)->Blob(4), ContentContext(r.id));
    if (!opened) return std::unexpected(opened.error().WithContext("opening inbound " + r.id));
    auto content = nlohmann::json::parse(*opened, nullptr, false);
    if (!content.is_object()) {
      return Fail(ErrorCode::kDataLoss, "inbound message " + r.id + " is unreadable");
    }
    r.message_id = content.value("message_id", "");
    r.from_address = content.value("from", "");
    r.from_name = content.value("name", "");
    r.subject = content.value("subject", "");
    r.text = content.value("text", "");
    r.language = content.value("language", "");
    out.push_back(std::move(r));
  }
  for (InboundRecord& r : out) {
    if (auto read = ReadAttachments(r); !read) return std::unexpected(read.error());
  }
  return out;
}

Result<void> SqliteStore::ReadAttachments(InboundRecord& record) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(
      "SELECT n, content_type, filename_sealed, bytes_sealed FROM inbound_attachments"
      " WHERE inbound_id = ?1 ORDER BY n");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, record.id);
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
    auto n = static_cast<std::size_t>((*stmt)->Int(0));
    auto filename = sealer_.Open((*stmt)->Blob(2), AttachmentContext(record.id, n, "filename"));
    auto bytes = sealer_.Open((*stmt)->Blob(3), AttachmentContext(record.id, n, "bytes"));
    if (!filename || !bytes) {
      return Fail(ErrorCode::kDataLoss, "an attachment of " + record.id + " does not open");
    }
    record.attachments.push_back(
        {.filename = *filename, .content_type = (*stmt)->Text(1), .bytes = *bytes});
  }
}

Result<void> SqliteStore::ResolveTriage(std::string_view id, std::string_view kind,
                                        const std::optional<std::string>& request_id,
                                        const AuditEventDraft& decided) {
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(
        "UPDATE inbound_messages SET kind = ?2, request_id = ?3 WHERE id = ?1 AND kind = 'triage'"
        " RETURNING 1");
    if (!update) return std::unexpected(update.error());
    (*update)->Bind(1, id).Bind(2, kind);
    if (request_id) {
      (*update)->Bind(3, *request_id);
    } else {
      (*update)->BindNull(3);
    }
    auto row = (*update)->Step();
    if (!row) return std::unexpected(row.error());
    (*update)->Reset();
    if (!*row) {
      return Fail(ErrorCode::kNotFound, "no message " + std::string(id) + " waits in triage");
    }
    if (auto event = txn.AppendEvent(decided); !event) return std::unexpected(event.error());
    return {};
  };
  return writer_->Run(job);
}

Result<InboundRecord> SqliteStore::FindInbound(std::string_view id) const {
  auto found = ReadInbound("WHERE id = ?1 LIMIT ?2", id, 1);
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return Fail(ErrorCode::kNotFound, "no message " + std::string(id));
  return std::move(found->front());
}

Result<std::vector<InboundRecord>> SqliteStore::InboundOfKind(std::string_view kind,
                                                              std::size_t limit) const {
  return ReadInbound("WHERE kind = ?1 ORDER BY received_at, id LIMIT ?2", kind, limit);
}

Result<std::vector<InboundRecord>> SqliteStore::InboundOf(std::string_view request_id) const {
  return ReadInbound("WHERE request_id = ?1 ORDER BY received_at, id LIMIT ?2", request_id, 10000);
}

}  // namespace rightsdesk::store::sqlite
