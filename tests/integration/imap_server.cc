#include "imap_server.h"

#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "free_port.h"

namespace rightsdesk::testing {
namespace {

constexpr const char* kDovecot = "/usr/sbin/dovecot";

// Who the mail files belong to. Dovecot refuses mail access as root, so a root test run uses
// "nobody" (and the package's own users for its services); anyone else runs it all as themself.
struct Identities {
  std::string internal_user;
  std::string login_user;
  uid_t mail_uid;
  gid_t mail_gid;
};

Identities IdentitiesForThisRun() {
  if (::geteuid() == 0) {
    const passwd* nobody = ::getpwnam("nobody");
    if (nobody == nullptr) throw std::runtime_error("no user 'nobody'");
    return {"dovecot", "dovenull", nobody->pw_uid, nobody->pw_gid};
  }
  const passwd* me = ::getpwuid(::geteuid());
  if (me == nullptr) throw std::runtime_error("who am I?");
  return {me->pw_name, me->pw_name, me->pw_uid, me->pw_gid};
}

void ChownTree(const std::filesystem::path& path, uid_t uid, gid_t gid) {
  if (::geteuid() != 0) return;
  (void)::chown(path.c_str(), uid, gid);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
    (void)::chown(entry.path().c_str(), uid, gid);
  }
}

bool Accepts(unsigned short port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

ImapServer::ImapServer(std::filesystem::path root) : root_(std::move(root)), port_(FreePort()) {}

ImapServer::~ImapServer() { Stop(); }

std::filesystem::path ImapServer::MaildirOf(const std::string& folder) const {
  std::filesystem::path maildir = root_ / "home" / kUser / "Maildir";
  return folder == "INBOX" ? maildir : maildir / ("." + folder);
}

void ImapServer::Start() {
  if (!std::filesystem::exists(kDovecot)) {
    throw std::runtime_error("dovecot is not installed (Debian package dovecot-imapd)");
  }
  const Identities ids = IdentitiesForThisRun();
  for (const char* dir : {"run", "state"}) std::filesystem::create_directories(root_ / dir);
  // Dovecot's own users must reach the files below the (0700) scratch directory.
  if (::geteuid() == 0) {
    for (std::filesystem::path p = root_; p.has_relative_path() && p != p.root_path();
         p = p.parent_path()) {
      std::filesystem::permissions(p, std::filesystem::perms::others_exec,
                                   std::filesystem::perm_options::add);
    }
  }
  for (const char* sub : {"new", "cur", "tmp"}) {
    std::filesystem::create_directories(MaildirOf("INBOX") / sub);
  }
  ChownTree(root_ / "home", ids.mail_uid, ids.mail_gid);
  std::ofstream(root_ / "passwd") << kUser << ":{PLAIN}" << kPassword << "\n";
  const std::string r = root_.string();
  std::ofstream(root_ / "dovecot.conf")
      << "protocols = imap\nlisten = 127.0.0.1\nbase_dir = " << r << "/run\nstate_dir = " << r
      << "/state\nlog_path = " << r << "/dovecot.log\nssl = no\n"
      << "disable_plaintext_auth = no\nauth_mechanisms = plain\n"
      << "default_internal_user = " << ids.internal_user << "\n"
      << "default_internal_group = " << ids.internal_user << "\n"
      << "default_login_user = " << ids.login_user << "\nfirst_valid_uid = 1\n"
      << "mail_location = maildir:" << r << "/home/%u/Maildir\n"
      << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " << r
      << "/passwd\n}\n"
      << "userdb {\n  driver = static\n  args = uid=" << ids.mail_uid << " gid=" << ids.mail_gid
      << " home=" << r << "/home/%u\n}\n"
      << "service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n"
      << "    port = " << port_ << "\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}\n"
      << "service anvil {\n  chroot =\n}\n"
      << "service stats {\n  unix_listener stats-writer {\n    mode = 0666\n  }\n}\n";
  pid_ = ::fork();
  if (pid_ == 0) {
    const std::string conf = (root_ / "dovecot.conf").string();
    ::execl(kDovecot, "dovecot", "-F", "-c", conf.c_str(), nullptr);
    ::_exit(127);
  }
  for (int i = 0; i < 100; ++i) {
    if (Accepts(port_)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  Stop();
  throw std::runtime_error("dovecot did not start; see " + (root_ / "dovecot.log").string());
}

void ImapServer::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  ::waitpid(pid_, nullptr, 0);
  pid_ = 0;
}

void ImapServer::Deliver(const std::string& raw) {
  const std::string name = "test." + std::to_string(++delivered_) + ".localhost";
  const std::filesystem::path tmp = MaildirOf("INBOX") / "tmp" / name;
  std::ofstream(tmp, std::ios::binary) << raw;
  const std::filesystem::path delivered = MaildirOf("INBOX") / "new" / name;
  std::filesystem::rename(tmp, delivered);
  const Identities ids = IdentitiesForThisRun();
  if (::geteuid() == 0) (void)::chown(delivered.c_str(), ids.mail_uid, ids.mail_gid);
}

std::size_t ImapServer::Count(const std::string& folder) const {
  std::size_t n = 0;
  for (const char* sub : {"new", "cur"}) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(MaildirOf(folder) / sub, ec)) {
      if (entry.is_regular_file()) ++n;
    }
  }
  return n;
}

}  // namespace rightsdesk::testing
