#include "app/mailbox_intake.h"

namespace rightsdesk::app {

int MailboxReport::total() const {
  int n = rejected;
  for (const auto& [outcome, count] : outcomes) n += count;
  return n;
}

Result<MailboxReport> TakeInMailbox(const Services& services, store::InboxStore& inbox,
                                    const MessageClassifier& classifier,
                                    messaging::Mailbox& mailbox, const std::atomic<bool>* stop) {
  auto waiting = mailbox.Waiting();
  if (!waiting) return std::unexpected(waiting.error().WithContext("listing the mailbox"));
  MailboxReport report;
  for (std::uint64_t uid : *waiting) {
    if (stop != nullptr && stop->load()) break;
    auto raw = mailbox.Fetch(uid);
    if (!raw && raw.error().code() != ErrorCode::kInvalidArgument) {
      return std::unexpected(raw.error().WithContext("fetching message " + std::to_string(uid)));
    }
    auto email = raw ? messaging::ParseInboundEmail(*raw)
                     : Result<messaging::InboundEmail>(std::unexpected(raw.error()));
    bool rejected = !email;
    if (email) {
      auto taken = TakeInEmail(services, inbox, classifier, *email);
      if (!taken) return std::unexpected(taken.error());
      ++report.outcomes[std::string(Name(taken->outcome))];
    } else {
      ++report.rejected;
    }
    auto filed = mailbox.File(uid, rejected);
    if (!filed)
      return std::unexpected(filed.error().WithContext("filing message " + std::to_string(uid)));
  }
  return report;
}

}  // namespace rightsdesk::app
