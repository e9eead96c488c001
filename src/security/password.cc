#include "security/password.h"

#include <sodium.h>

#include <semaphore>

#include "security/sodium_init.h"

namespace rightsdesk::security {
namespace {

// Each hash or verification takes 64 MiB for a moment; a burst of sign-ins (or an attacker's)
// must not multiply that by the number of worker threads.
std::counting_semaphore<> memory_slots(2);

struct MemorySlot {
  MemorySlot() { memory_slots.acquire(); }
  ~MemorySlot() { memory_slots.release(); }
  MemorySlot(const MemorySlot&) = delete;
  MemorySlot& operator=(const MemorySlot&) = delete;
};

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  if (password.size() < 12 || password.size() > 256) {
    return Fail(ErrorCode::kInvalidArgument, "a password must have 12 to 256 characters",
                "/password");
  }
  EnsureSodium();
  MemorySlot slot;
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
  MemorySlot slot;
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
