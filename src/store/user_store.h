// UserStore: staff console accounts and sessions. Implemented by SqliteStore, which seals the
// TOTP secret at rest. Thread-safe; writes durable on success.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/role.h"
#include "core/time.h"

namespace rightsdesk::store {

struct StaffUser {
  std::string id;
  std::string username;
  Role role = Role::kAuditor;
  std::string password_hash;              // argon2id string (security/password.h)
  std::vector<std::uint8_t> totp_secret;  // in memory only; sealed at rest
  std::int64_t last_totp_step = 0;
  int failed_logins = 0;
  std::optional<Instant> locked_until;
  Instant created_at;
  std::optional<Instant> disabled_at;
};

struct StaffSession {
  Hash token_hash{};  // of the cookie's secret
  std::string user_id;
  Instant created_at;
  Instant expires_at;
  std::optional<Instant> ended_at;
};

class UserStore {
 public:
  virtual ~UserStore() = default;
  // kAlreadyExists when the username is taken.
  [[nodiscard]] virtual Result<void> CreateUser(const StaffUser& user,
                                                const AuditEventDraft& created) = 0;
  // kNotFound when there is no such user.
  [[nodiscard]] virtual Result<StaffUser> FindUserByName(std::string_view username) const = 0;
  [[nodiscard]] virtual Result<StaffUser> FindUserById(std::string_view id) const = 0;
  // Stores a failed attempt's count and lock; `locked` (the audit event of a lockout) is
  // appended in the same transaction when given.
  [[nodiscard]] virtual Result<void> RecordLoginFailure(
      std::string_view user_id, int failed_logins, std::optional<Instant> locked_until,
      const std::optional<AuditEventDraft>& locked) = 0;
  // A successful login: stores the session, marks `totp_step` used and clears the failures, with
  // `login` (its audit event), atomically. kConflict if `totp_step` was already used (a replayed
  // code racing the first use). The user's ended and expired sessions are deleted then, so the
  // table holds at most the sessions still usable plus one per login.
  [[nodiscard]] virtual Result<void> StartSession(const StaffSession& session,
                                                  std::int64_t totp_step,
                                                  const AuditEventDraft& login) = 0;
  // kNotFound when no session has this hash (ended or expired ones are returned as they are).
  [[nodiscard]] virtual Result<StaffSession> FindSession(const Hash& token_hash) const = 0;
  [[nodiscard]] virtual Result<void> EndSession(const Hash& token_hash, Instant at,
                                                const AuditEventDraft& logout) = 0;
  // Disables the account and ends its open sessions, with `disabled` (its audit event), in one
  // transaction. kNotFound for no such user; kFailedPrecondition when already disabled.
  [[nodiscard]] virtual Result<void> DisableUser(std::string_view username, Instant at,
                                                 const AuditEventDraft& disabled) = 0;
};

}  // namespace rightsdesk::store
