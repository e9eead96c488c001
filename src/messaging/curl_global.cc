#include "messaging/curl_global.h"

#include <curl/curl.h>

#include <mutex>

namespace rightsdesk::messaging {

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void SetTransportOptions(CURL* handle, bool require_tls, std::chrono::seconds timeout) {
  curl_easy_setopt(
      handle, CURLOPT_USE_SSL,
      require_tls ? static_cast<long>(CURLUSESSL_ALL) : static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, static_cast<long>(timeout.count()));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
}

}  // namespace rightsdesk::messaging
