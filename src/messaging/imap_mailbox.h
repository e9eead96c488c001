// The Mailbox over IMAP, through libcurl: imaps:// (implicit TLS) or imap:// with STARTTLS
// required unless `require_tls` is false (a local server in tests), certificate checked, login
// with the configured user. Folder names must pass IsSimpleMailboxName (core/text.h): they go on
// the command line unquoted. Processed messages are moved (UID MOVE, RFC 6851) to folders that
// are created on first use.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "messaging/mailbox.h"

namespace rightsdesk::messaging {

struct ImapSettings {
  std::string url;  // "imaps://host[:port]/INBOX": the server and the mailbox to take in from
  bool require_tls = true;
  std::string username;
  std::string password;
  std::string processed_folder = "RightsDesk-Processed";
  std::string rejected_folder = "RightsDesk-Rejected";
  std::chrono::seconds timeout{30};
};

class ImapMailbox final : public Mailbox {
 public:
  explicit ImapMailbox(ImapSettings settings);
  ~ImapMailbox() override;

  Result<std::vector<std::uint64_t>> Waiting() override;
  Result<std::string> Fetch(std::uint64_t uid) override;
  Result<void> File(std::uint64_t uid, bool rejected) override;

 private:
  struct Session;
  Result<std::string> Perform(const std::string& url, const std::string& command);
  Result<void> EnsureFolder(const std::string& folder);

  ImapSettings settings_;
  std::string server_;  // the URL without the mailbox: "imaps://host:port/"
  std::unique_ptr<Session> session_;
  bool folders_ready_ = false;
};

}  // namespace rightsdesk::messaging
