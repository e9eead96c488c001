#include "app/completion_gate.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/recipient_notices.h"

namespace rightsdesk::app {
namespace {

struct Needed {
  std::string_view action;
  std::string_view what;  // for the message: what staff still have to do
};

std::optional<Needed> NeededFor(RequestType type) {
  switch (type) {
    case RequestType::kAccess:
      return Needed{"package.offered", "no access package was offered (rightsdesk fulfil package)"};
    case RequestType::kCategories:
      return Needed{"categories.disclosed",
                    "the categories were not disclosed (rightsdesk fulfil categories)"};
    case RequestType::kDelete:
      return Needed{"erasure.executed",
                    "no fully verified erasure is on record (rightsdesk fulfil erase-plan)"};
    case RequestType::kCorrect:
      return Needed{"correction.applied",
                    "no verified correction is on record (rightsdesk fulfil correct-plan), nor a "
                    "manual task completed"};
    case RequestType::kOptOut:
    case RequestType::kLimit:
      return Needed{"preference.recorded",
                    "the preference is not on the ledger (rightsdesk fulfil honor)"};
  }
  return std::nullopt;
}

bool Satisfies(const AuditEvent& event, const Needed& needed) {
  // A correction may concern only a system worked by hand: its owner's completed task is it.
  if (needed.action == "correction.applied" && event.action == "task.completed") return true;
  if (event.action != needed.action) return false;
  auto details = nlohmann::json::parse(event.details, nullptr, false);
  if (needed.action == "erasure.executed") {
    return details.is_object() && details.value("all_verified", false);
  }
  if (needed.action == "correction.applied") {
    return details.is_object() && details.value("verified", false);
  }
  return true;
}

// A recipient blocks completion while staff owe it something: a notice refused for good, or
// one to tell by hand, not yet confirmed.
std::optional<std::string> BlockingRecipient(const std::vector<AuditEvent>& events) {
  for (auto notice : {RecipientNotice::kDeletion, RecipientNotice::kOptOut, RecipientNotice::kLimit,
                      RecipientNotice::kCorrection}) {
    for (const auto& r : ProgressOf(events, notice).recipients) {
      if (!r.confirmed && (r.failed || r.by == "manual")) {
        return r.recipient + " has not been told of the " + std::string(Name(notice)) +
               (r.failed ? " (its notice failed)" : " (it is told by hand)") +
               ": tell it, then rightsdesk fulfil confirm --notice " + std::string(Name(notice));
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Result<void> CheckFulfilmentRecorded(const Request& request,
                                     const std::vector<AuditEvent>& events) {
  const auto needed = NeededFor(request.type);
  if (needed &&
      std::ranges::none_of(events, [&](const AuditEvent& e) { return Satisfies(e, *needed); })) {
    return Fail(ErrorCode::kFailedPrecondition,
                request.reference + " cannot complete: " + std::string(needed->what));
  }
  if (auto blocking = BlockingRecipient(events)) {
    return Fail(ErrorCode::kFailedPrecondition,
                request.reference + " cannot complete: " + *blocking);
  }
  return {};
}

}  // namespace rightsdesk::app
