#include "messaging/smtp_mailer.h"

#include <curl/curl.h>

#include <cstring>
#include <memory>

#include "messaging/curl_global.h"

namespace rightsdesk::messaging {
namespace {

struct Upload {
  std::string_view data;
  std::size_t sent = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data.size() - upload->sent);
  std::memcpy(buffer, upload->data.data() + upload->sent, n);
  upload->sent += n;
  return n;
}

// What went wrong, without the server's text (it may quote the recipient's address).
Error SendError(CURLcode code, long reply) {
  if (reply >= 500) {
    return Error(ErrorCode::kFailedPrecondition,
                 "the mail server refused the message (SMTP " + std::to_string(reply) + ")");
  }
  std::string what = "sending by SMTP failed: " + std::string(curl_easy_strerror(code));
  if (reply > 0) what += " (SMTP " + std::to_string(reply) + ")";
  return Error(ErrorCode::kUnavailable, what);
}

}  // namespace

SmtpMailer::SmtpMailer(SmtpSettings settings, const Clock& clock)
    : settings_(std::move(settings)), clock_(clock) {
  InitCurlOnce();
}

Result<void> SmtpMailer::Send(const EmailMessage& message) {
  auto formatted = FormatEmail(message, clock_.Now());
  if (!formatted) {
    return Fail(ErrorCode::kFailedPrecondition, formatted.error().message());
  }
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Fail(ErrorCode::kUnavailable, "sending by SMTP failed: no curl handle");
  std::string from = "<" + message.from_address + ">";
  std::string to = "<" + message.to_address + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
      curl_slist_append(nullptr, to.c_str()), curl_slist_free_all);
  Upload upload{.data = *formatted};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  SetTransportOptions(h, settings_.require_tls, settings_.timeout);
  if (!settings_.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  CURLcode code = curl_easy_perform(h);
  long reply = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
  if (code != CURLE_OK) return std::unexpected(SendError(code, reply));
  return {};
}

}  // namespace rightsdesk::messaging
