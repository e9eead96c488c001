#include "smtp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "free_port.h"

namespace rightsdesk::testing {
namespace {

std::string DecodeBase64(const std::string& text) {
  std::string bytes(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), "\r\n", &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return "<not base64>";
  }
  bytes.resize(length);
  return bytes;
}

std::string DecodeWords(const std::string& header) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t open; (open = header.find("=?UTF-8?B?", at)) != std::string::npos;) {
    std::size_t close = header.find("?=", open + 10);
    out += DecodeBase64(header.substr(open + 10, close - open - 10));
    at = close + 2;
  }
  return at == 0 ? header : out;
}

ReceivedMail Parse(const std::string& raw) {
  ReceivedMail mail;
  std::size_t end = raw.find("\r\n\r\n");
  std::size_t sep = 4;
  if (end == std::string::npos) {
    end = raw.find("\n\n");  // Maildir may store LF line ends
    sep = 2;
  }
  std::istringstream headers(raw.substr(0, end));
  std::string last;
  for (std::string line; std::getline(headers, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      mail.headers[last] += line;  // a folded line
      continue;
    }
    auto colon = line.find(": ");
    if (colon == std::string::npos) continue;
    last = line.substr(0, colon);
    mail.headers[last] = line.substr(colon + 2);
  }
  mail.body = DecodeBase64(raw.substr(end + sep));
  if (mail.headers.contains("Subject")) mail.subject = DecodeWords(mail.headers["Subject"]);
  return mail;
}

}  // namespace

SmtpServer::SmtpServer(std::filesystem::path maildir, std::string reject_domain)
    : maildir_(std::move(maildir)), reject_domain_(std::move(reject_domain)), port_(FreePort()) {}

SmtpServer::~SmtpServer() { Stop(); }

void SmtpServer::Start() {
  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    std::string port = std::to_string(port_);
    // Debian's python3, which has python3-aiosmtpd (another python3 may come first in PATH).
    ::execl("/usr/bin/python3", "python3", RIGHTSDESK_SMTP_SERVER, "--port", port.c_str(),
            "--maildir", maildir_.c_str(), "--reject-domain", reject_domain_.c_str(), nullptr);
    ::_exit(127);
  }
  ::close(out[1]);
  std::string printed;
  char buffer[64];
  int last_errno = 0;
  while (printed.find("ready\n") == std::string::npos) {  // the whole line: the server dies
    // of a broken pipe if its newline finds the pipe closed
    ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      last_errno = n < 0 ? errno : 0;
      break;
    }
    printed.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  if (printed.find("ready\n") == std::string::npos) {
    Stop();
    throw std::runtime_error(
        "the SMTP server did not start (is python3-aiosmtpd installed?) "
        "read: '" +
        printed + "' errno " + std::to_string(last_errno));
  }
}

void SmtpServer::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  ::waitpid(pid_, nullptr, 0);
  pid_ = 0;
}

std::vector<ReceivedMail> SmtpServer::Received() const {
  std::vector<ReceivedMail> mails;
  for (const char* sub : {"new", "cur"}) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(maildir_ / sub, ec)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream raw;
      raw << in.rdbuf();
      mails.push_back(Parse(raw.str()));
    }
  }
  return mails;
}

}  // namespace rightsdesk::testing
