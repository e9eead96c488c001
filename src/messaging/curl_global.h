// libcurl's global initialisation, done once for the process before the first handle (SMTP
// delivery, IMAP intake) is made.
#pragma once

namespace rightsdesk::messaging {

void InitCurlOnce();

}  // namespace rightsdesk::messaging
