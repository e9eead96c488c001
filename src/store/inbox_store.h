// InboxStore: the email that arrived (issue 6's email intake), kept with the request it became or
// threads to, or waiting in the triage queue for a person. Everything a sender wrote (address,
// subject, text, attachments) is personal data and sealed at rest. A message is recorded once:
// its id derives from its Message-ID, so fetching or piping the same email again changes
// nothing. Implemented by SqliteStore; thread-safe; writes durable on success.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::store {

struct StoredAttachment {
  std::string filename;
  std::string content_type;
  std::string bytes;
};

struct InboundRecord {
  std::string id;
  std::string message_id;  // the sender's Message-ID ("" when it gave none)
  // "request" (became one), "reply" (threaded to one), "triage" (a person decides), "dismissed"
  // (a person decided it is not a privacy request), "bounce", "auto_reply".
  std::string kind;
  std::optional<std::string> request_id;
  Instant received_at;
  std::string from_address;
  std::string from_name;
  std::string subject;
  std::string text;
  std::string language;  // as the classifier heard it ("" when not classified)
  std::vector<StoredAttachment> attachments;
};

class InboxStore {
 public:
  virtual ~InboxStore() = default;

  // Records the message, its attachments and `events` in one transaction; when
  // `bounced_notice` is set, that outbox message (if sent) is marked bounced in the same
  // transaction. false (and nothing changed) when a message with this id is already recorded.
  [[nodiscard]] virtual Result<bool> RecordInbound(
      const InboundRecord& record, const std::vector<AuditEventDraft>& events,
      const std::optional<std::string>& bounced_notice = std::nullopt) = 0;

  // A person's decision on a message waiting in triage: it became `request_id` (kind "request")
  // or is not a privacy request (kind "dismissed"); recorded with `decided`. kNotFound when no
  // message with that id waits in triage (decided before, or never there).
  [[nodiscard]] virtual Result<void> ResolveTriage(std::string_view id, std::string_view kind,
                                                   const std::optional<std::string>& request_id,
                                                   const AuditEventDraft& decided) = 0;

  // kNotFound when there is no such message.
  [[nodiscard]] virtual Result<InboundRecord> FindInbound(std::string_view id) const = 0;
  // The messages of one kind ("triage": the queue), oldest first, at most `limit`.
  [[nodiscard]] virtual Result<std::vector<InboundRecord>> InboundOfKind(
      std::string_view kind, std::size_t limit) const = 0;
  // The messages threaded to, or that became, a request, oldest first.
  [[nodiscard]] virtual Result<std::vector<InboundRecord>> InboundOf(
      std::string_view request_id) const = 0;
};

}  // namespace rightsdesk::store
