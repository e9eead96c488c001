#include "security/password.h"

#include <sodium.h>

#include "security/sodium_init.h"

namespace rightsdesk::security {

Result<std::string> HashPassword(std::string_view password) {
  if (password.size() < 12 || password.size() > 256) {
    return Fail(ErrorCode::kInvalidArgument, "a password must have 12 to 256 characters",
                "/password");
  }
  EnsureSodium();
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(encoded, password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Fail(ErrorCode::kResourceExhausted, "not enough memory to hash a password");
  }
  return std::string(encoded);
}

bool VerifyPassword(std::string_view encoded, std::string_view password) {
  EnsureSodium();
  std::string terminated(encoded);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void VerifyPasswordDecoy(std::string_view password) {
  // A hash made once with the same cost as real ones; nobody's password.
  static const std::string decoy = [] {
    auto made = HashPassword("decoy-password-for-unknown-users");
    return made ? *made : std::string();
  }();
  (void)VerifyPassword(decoy, password);
}

}  // namespace rightsdesk::security
