// Staff passwords: argon2id through libsodium (crypto_pwhash_str), its "interactive" cost
// (64 MiB, 2 passes), stored as libsodium's self-describing string so that the cost can be
// raised later without a migration. At most two hashes run at once (64 MiB each); more wait.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk::security {

// kInvalidArgument for a password shorter than 12 or longer than 256 bytes; kResourceExhausted
// if the memory for hashing cannot be had.
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `encoded`. Takes as long for a wrong password as for a right one.
bool VerifyPassword(std::string_view encoded, std::string_view password);

// Burns the time of one verification, for a login whose user does not exist, so that timing
// does not tell which usernames do.
void VerifyPasswordDecoy(std::string_view password);

}  // namespace rightsdesk::security
