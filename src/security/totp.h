// Time-based one-time passwords (RFC 6238) for the staff console's second factor: HMAC-SHA1,
// 6 digits, 30-second steps, the settings every authenticator app supports. HMAC-SHA1 comes from
// OpenSSL's libcrypto because libsodium has no SHA-1; SHA-1's collision weakness does not touch
// HMAC. Secrets are 20 random bytes (RFC 4226's recommended length), shown once as base32.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/random.h"
#include "core/time.h"

namespace rightsdesk::security {

std::vector<std::uint8_t> NewTotpSecret(Random& random);

// RFC 4648 base32, upper case, without padding (what authenticator apps read).
std::string Base32(std::span<const std::uint8_t> bytes);

// "otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30",
// with issuer and account percent-encoded.
std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::span<const std::uint8_t> secret);

// The 30-second step that `at` falls in.
std::int64_t TotpStep(Instant at);

// The 6-digit code of `step` (RFC 4226 HOTP over the step counter).
std::string TotpCode(std::span<const std::uint8_t> secret, std::int64_t step);

// The step whose code `code` is, looking at the current step and one on either side (clock
// drift), but never at a step <= `last_used_step`: a code works once. Codes are compared in
// constant time. nullopt: wrong, stale or replayed.
std::optional<std::int64_t> MatchTotp(std::span<const std::uint8_t> secret, std::string_view code,
                                      Instant now, std::int64_t last_used_step);

}  // namespace rightsdesk::security
