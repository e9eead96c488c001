// libcurl's global initialisation, done once for the process before the first handle (SMTP
// delivery, IMAP intake) is made, and the transport options both mail protocols share.
#pragma once

#include <curl/curl.h>

#include <chrono>

namespace rightsdesk::messaging {

void InitCurlOnce();

// TLS (required, or used when offered), connect and transfer timeouts, no signals (the handle is
// used from worker threads).
void SetTransportOptions(CURL* handle, bool require_tls, std::chrono::seconds timeout);

}  // namespace rightsdesk::messaging
