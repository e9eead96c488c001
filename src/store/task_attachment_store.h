// TaskAttachmentStore: files the owner of a system without a connector attaches to the request's
// manual task (an export of what the system held, a screenshot of the deletion, the vendor's
// confirmation). The file and its name are sealed at rest (they may be the consumer's data); at
// the end of the request's retention both are erased and the row stays, with size and SHA-256,
// as the record that evidence was kept. Implemented by SqliteStore; thread-safe; writes are
// durable on success and carry their audit event in the same transaction.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::store {

struct TaskAttachment {
  std::string id;
  std::string task_id;
  std::string request_id;
  std::string filename;      // sealed at rest; empty once erased
  std::string content_type;  // as uploaded; the console never serves it inline
  std::int64_t size = 0;
  std::string sha256;  // hex, of the bytes
  Instant added_at;
  std::string added_by;
  bool erased = false;
};

class TaskAttachmentStore {
 public:
  virtual ~TaskAttachmentStore() = default;

  // Seals and stores the file with `added` (its audit event) in one transaction.
  // kNotFound when the task does not exist.
  [[nodiscard]] virtual Result<void> AddAttachment(const TaskAttachment& attachment,
                                                   std::span<const std::uint8_t> bytes,
                                                   const AuditEventDraft& added) = 0;
  // The task's attachments, oldest first, names opened (no bytes).
  [[nodiscard]] virtual Result<std::vector<TaskAttachment>> AttachmentsOf(
      std::string_view task_id) const = 0;
  // The attachment and its bytes, recording `read` (who opened it) in the same transaction.
  // kNotFound for an unknown id; kFailedPrecondition once erased.
  [[nodiscard]] virtual Result<std::pair<TaskAttachment, std::vector<std::uint8_t>>> ReadAttachment(
      std::string_view id, const AuditEventDraft& read) = 0;
};

}  // namespace rightsdesk::store
