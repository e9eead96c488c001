// Files attached to a manual task as evidence of what the system's owner did (docs/fulfilment.md):
// added while the task is worked, sealed at rest, opened only by staff, each opening an audit
// event. Events name the attachment's id, size and SHA-256, never the file's name or contents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/services.h"
#include "store/task_attachment_store.h"

namespace rightsdesk::app {

// An uploaded file's name as kept: valid UTF-8, at most 200 bytes, no directory.
// kInvalidArgument (field "/file") otherwise.
Result<std::string> CleanUploadedFilename(std::string_view filename);
// A declared type is kept only when it looks like one ("type/subtype", printable ASCII);
// otherwise application/octet-stream. Never trusted for display either way.
std::string CleanUploadedContentType(std::string_view type);

inline constexpr std::size_t kMaxAttachmentBytes = 10 * 1024 * 1024;

struct NewAttachment {
  std::string filename;
  std::string content_type;  // empty: application/octet-stream
  std::string_view bytes;
};

// Attaches the file to the task, recording `task.attachment_added`. kInvalidArgument for an empty
// or oversized file or an unusable name ("/file"); kNotFound for an unknown task.
[[nodiscard]] Result<store::TaskAttachment> AttachToTask(const Services& services,
                                                         store::TaskAttachmentStore& attachments,
                                                         std::string_view task_id,
                                                         const NewAttachment& file,
                                                         std::string_view actor);

// The attachment's record and bytes, recording `task.attachment_opened` by `actor`.
// kNotFound for an unknown id; kFailedPrecondition once erased with the request's personal data.
[[nodiscard]] Result<std::pair<store::TaskAttachment, std::vector<std::uint8_t>>> OpenAttachment(
    const Services& services, store::TaskAttachmentStore& attachments,
    std::string_view attachment_id, std::string_view actor);

}  // namespace rightsdesk::app
