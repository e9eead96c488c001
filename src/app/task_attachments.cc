#include "app/task_attachments.h"

#include "core/hex.h"
#include "core/random.h"
#include "core/text.h"

namespace rightsdesk::app {
Result<std::string> CleanUploadedFilename(std::string_view filename) {
  auto clean = CleanText(filename, {.max_bytes = 200}, "/file");
  if (!clean) return clean;
  if (clean->empty() || clean->find_first_of("/\\") != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "the file needs a name without a directory", "/file");
  }
  return clean;
}

std::string CleanUploadedContentType(std::string_view type) {
  bool plausible = !type.empty() && type.size() <= 100 && type.find('/') != std::string_view::npos;
  for (char c : type) plausible = plausible && c > ' ' && c < 127 && c != '"';
  return plausible ? std::string(type) : "application/octet-stream";
}

Result<store::TaskAttachment> AttachToTask(const Services& services,
                                           store::TaskAttachmentStore& attachments,
                                           std::string_view task_id, const NewAttachment& file,
                                           std::string_view actor) {
  if (file.bytes.empty()) return Fail(ErrorCode::kInvalidArgument, "the file is empty", "/file");
  if (file.bytes.size() > kMaxAttachmentBytes) {
    return Fail(ErrorCode::kInvalidArgument, "the file is larger than 10 MB", "/file");
  }
  auto name = CleanUploadedFilename(file.filename);
  if (!name) return std::unexpected(name.error());
  const Instant now = services.clock.Now();
  store::TaskAttachment attachment{.id = NewTimeOrderedUuid(now, services.random),
                                   .task_id = std::string(task_id),
                                   .filename = std::move(*name),
                                   .content_type = CleanUploadedContentType(file.content_type),
                                   .size = static_cast<std::int64_t>(file.bytes.size()),
                                   .sha256 = Sha256Hex(file.bytes),
                                   .added_at = now,
                                   .added_by = std::string(actor)};
  if (services.fulfilment == nullptr) {
    return Fail(ErrorCode::kInternal, "attachments need the fulfilment store");
  }
  auto task = services.fulfilment->FindTask(task_id);
  if (!task) return std::unexpected(task.error());
  attachment.request_id = task->request_id;
  const auto* data = reinterpret_cast<const std::uint8_t*>(file.bytes.data());
  auto added = attachments.AddAttachment(attachment, {data, file.bytes.size()},
                                         {.request_id = attachment.request_id,
                                          .actor = std::string(actor),
                                          .action = "task.attachment_added",
                                          .at = now,
                                          .details = {{"task_id", attachment.task_id},
                                                      {"attachment_id", attachment.id},
                                                      {"size", attachment.size},
                                                      {"sha256", attachment.sha256}}});
  if (!added) return std::unexpected(added.error());
  return attachment;
}

Result<std::pair<store::TaskAttachment, std::vector<std::uint8_t>>> OpenAttachment(
    const Services& services, store::TaskAttachmentStore& attachments,
    std::string_view attachment_id, std::string_view actor) {
  return attachments.ReadAttachment(attachment_id, {.actor = std::string(actor),
                                                    .action = "task.attachment_opened",
                                                    .at = services.clock.Now(),
                                                    .details = {{"attachment_id", attachment_id}}});
}

}  // namespace rightsdesk::app
