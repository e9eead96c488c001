#include "messaging/imap_mailbox.h"

#include <curl/curl.h>

#include <algorithm>
#include <sstream>

#include "messaging/curl_global.h"
#include "messaging/inbound_email.h"

namespace rightsdesk::messaging {
namespace {

struct Download {
  std::string data;
  bool too_large = false;
};

std::size_t Collect(char* bytes, std::size_t size, std::size_t count, void* user) {
  auto* download = static_cast<Download*>(user);
  std::size_t n = size * count;
  if (download->data.size() + n > kMaxInboundBytes + 65536) {
    download->too_large = true;
    return 0;  // stops the transfer
  }
  download->data.append(bytes, n);
  return n;
}

// What went wrong, without the server's text (it may quote a message or an address).
Error ImapError(CURLcode code, const std::string& command) {
  const std::string what = (command.empty() ? std::string("fetching") : command.substr(0, 10)) +
                           " over IMAP failed: " + curl_easy_strerror(code);
  if (code == CURLE_QUOTE_ERROR) return Error(ErrorCode::kFailedPrecondition, what);
  return Error(ErrorCode::kUnavailable, what);
}

}  // namespace

struct ImapMailbox::Session {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> handle{curl_easy_init(), curl_easy_cleanup};
};

ImapMailbox::ImapMailbox(ImapSettings settings)
    : settings_(std::move(settings)), session_(std::make_unique<Session>()) {
  InitCurlOnce();
  std::size_t authority = settings_.url.find("://");
  std::size_t path = settings_.url.find('/', authority == std::string::npos ? 0 : authority + 3);
  server_ = path == std::string::npos ? settings_.url + "/" : settings_.url.substr(0, path + 1);
  while (settings_.url.ends_with('/')) settings_.url.pop_back();
}

ImapMailbox::~ImapMailbox() = default;

Result<std::string> ImapMailbox::Perform(const std::string& url, const std::string& command) {
  CURL* h = session_->handle.get();
  if (h == nullptr) return Fail(ErrorCode::kUnavailable, "IMAP failed: no curl handle");
  Download download;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, command.empty() ? nullptr : command.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &download);
  SetTransportOptions(h, settings_.require_tls, settings_.timeout);
  curl_easy_setopt(h, CURLOPT_USERNAME, settings_.username.c_str());
  curl_easy_setopt(h, CURLOPT_PASSWORD, settings_.password.c_str());
  CURLcode code = curl_easy_perform(h);
  if (download.too_large) {
    return Fail(ErrorCode::kInvalidArgument, "the message is larger than 25 MB");
  }
  if (code != CURLE_OK) return std::unexpected(ImapError(code, command));
  return std::move(download.data);
}

Result<std::vector<std::uint64_t>> ImapMailbox::Waiting() {
  auto response = Perform(settings_.url, "UID SEARCH ALL");
  if (!response) return std::unexpected(response.error());
  std::vector<std::uint64_t> uids;
  std::istringstream lines(*response);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("* SEARCH")) continue;
    std::istringstream words(line.substr(8));
    for (std::uint64_t uid = 0; words >> uid;) uids.push_back(uid);
  }
  std::ranges::sort(uids);
  return uids;
}

Result<std::string> ImapMailbox::Fetch(std::uint64_t uid) {
  return Perform(settings_.url + "/;UID=" + std::to_string(uid), "");
}

Result<void> ImapMailbox::EnsureFolder(const std::string& folder) {
  auto created = Perform(server_, "CREATE " + folder);
  // A NO to CREATE is the folder being there already; were it anything else, the MOVE says so.
  if (!created && created.error().code() != ErrorCode::kFailedPrecondition) {
    return std::unexpected(created.error());
  }
  return {};
}

Result<void> ImapMailbox::File(std::uint64_t uid, bool rejected) {
  if (!folders_ready_) {
    for (const std::string& folder : {settings_.processed_folder, settings_.rejected_folder}) {
      if (auto ready = EnsureFolder(folder); !ready) return ready;
    }
    folders_ready_ = true;
  }
  const std::string& folder = rejected ? settings_.rejected_folder : settings_.processed_folder;
  auto moved = Perform(settings_.url, "UID MOVE " + std::to_string(uid) + " " + folder);
  if (!moved) return std::unexpected(moved.error());
  return {};
}

}  // namespace rightsdesk::messaging
