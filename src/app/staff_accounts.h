// Staff console accounts: created by an admin on the server (`rightsdesk user add`), logged in
// with a password (argon2id) and a TOTP code, kept in by a session cookie. Five wrong attempts
// lock an account for 15 minutes; a TOTP code works once; failures never say which part was
// wrong.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/random.h"
#include "core/time.h"
#include "store/user_store.h"

namespace rightsdesk::app {

inline constexpr int kMaxFailedLogins = 5;
inline constexpr std::chrono::minutes kLockout{15};
inline constexpr std::chrono::hours kSessionLifetime{12};

struct CreatedUser {
  store::StaffUser user;
  std::string totp_uri;  // otpauth:// for the authenticator app: shown once, never logged
};

// kInvalidArgument for a bad username (1-64 of a-z 0-9 . _ -), role or password (12-256 bytes);
// kAlreadyExists for a taken username.
Result<CreatedUser> CreateStaffUser(store::UserStore& users, Random& random, const Clock& clock,
                                    std::string_view username, std::string_view role,
                                    std::string_view password, std::string_view issuer,
                                    std::string_view actor);

struct LoggedIn {
  store::StaffUser user;
  std::string session_secret;  // for the cookie; only its hash is stored
};

// kUnauthenticated ("wrong username, password or code") for any wrong part, a disabled
// account, or a replayed code; kResourceExhausted while the account is locked.
Result<LoggedIn> LogIn(store::UserStore& users, Random& random, const Clock& clock,
                       std::string_view username, std::string_view password, std::string_view code);

// The user behind a session cookie's secret. kUnauthenticated for an unknown, ended or expired
// session or a disabled user.
Result<store::StaffUser> CurrentStaff(const store::UserStore& users, const Clock& clock,
                                      std::string_view session_secret);

Result<void> LogOut(store::UserStore& users, const Clock& clock, std::string_view session_secret);

// Disables an account (someone left, or a device was lost): its sessions end at once and it can
// no longer log in; recorded as "staff.user_disabled". kNotFound for no such user,
// kFailedPrecondition when already disabled.
Result<void> DisableStaffUser(store::UserStore& users, const Clock& clock,
                              std::string_view username, std::string_view actor);

// The actor recorded in the audit trail for a staff member's changes.
std::string ActorOf(const store::StaffUser& user);

}  // namespace rightsdesk::app
