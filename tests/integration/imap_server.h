// A real IMAP server for the tests: Debian's dovecot-imapd, run in the foreground from a
// configuration written under a scratch directory, with one mailbox user and Maildir storage.
// Messages are delivered by writing them into the Maildir, as a mail server's delivery agent does.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace rightsdesk::testing {

class ImapServer {
 public:
  static constexpr const char* kUser = "privacy";
  static constexpr const char* kPassword = "imap-test-secret";

  explicit ImapServer(std::filesystem::path root);
  ~ImapServer();
  ImapServer(const ImapServer&) = delete;
  ImapServer& operator=(const ImapServer&) = delete;

  void Start();  // returns once it accepts connections; throws if it cannot start
  void Stop();
  std::string url() const { return "imap://127.0.0.1:" + std::to_string(port_) + "/INBOX"; }

  void Deliver(const std::string& raw);  // into INBOX
  // Messages in "INBOX" or in a folder ("RightsDesk-Processed").
  std::size_t Count(const std::string& folder) const;

 private:
  std::filesystem::path MaildirOf(const std::string& folder) const;

  std::filesystem::path root_;
  unsigned short port_ = 0;
  pid_t pid_ = 0;
  int delivered_ = 0;
};

}  // namespace rightsdesk::testing
