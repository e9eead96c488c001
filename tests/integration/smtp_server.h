// A real SMTP server (tests/support/smtp_server.py, aiosmtpd) in a child process, and the
// messages it accepted, read from its Maildir.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace rightsdesk::testing {

struct ReceivedMail {
  std::map<std::string, std::string> headers;  // as written, by header name
  std::string subject;                         // RFC 2047 encoded words decoded
  std::string body;                            // base64 decoded
};

class SmtpServer {
 public:
  // Picks a free port; the server is not started yet (an outage until Start).
  explicit SmtpServer(std::filesystem::path maildir, std::string reject_domain = "");
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  void Start();  // returns once it accepts connections; throws if it cannot start
  void Stop();   // SIGTERM and wait
  unsigned short port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // Every message accepted so far, in no particular order.
  std::vector<ReceivedMail> Received() const;

 private:
  std::filesystem::path maildir_;
  std::string reject_domain_;
  unsigned short port_ = 0;
  pid_t pid_ = 0;
};

}  // namespace rightsdesk::testing
