#include "app/staff_accounts.h"

#include "core/text.h"
#include "security/api_token.h"
#include "security/password.h"
#include "security/totp.h"

namespace rightsdesk::app {
namespace {

Error Refused() { return Error(ErrorCode::kUnauthenticated, "wrong username, password or code"); }

bool IsUsername(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Counts a failure; the fifth in a row locks the account (an audit event, so staff see it).
Result<void> CountFailure(store::UserStore& users, const store::StaffUser& user, Instant now) {
  int failed = user.failed_logins + 1;
  std::optional<Instant> locked_until;
  std::optional<AuditEventDraft> locked;
  if (failed >= kMaxFailedLogins) {
    locked_until = now + kLockout;
    locked = AuditEventDraft{
        .actor = "system",
        .action = "staff.locked_out",
        .at = now,
        .details = {{"user_id", user.id}, {"username", user.username}, {"failed_logins", failed}}};
    failed = 0;
  }
  return users.RecordLoginFailure(user.id, failed, locked_until, locked);
}

}  // namespace

Result<CreatedUser> CreateStaffUser(store::UserStore& users, Random& random, const Clock& clock,
                                    std::string_view username, std::string_view role_name,
                                    std::string_view password, std::string_view issuer,
                                    std::string_view actor) {
  if (!IsUsername(username)) {
    return Fail(ErrorCode::kInvalidArgument,
                "a username has 1 to 64 of: lower-case letters, digits, '.', '_', '-'",
                "/username");
  }
  auto role = ParseRole(role_name);
  if (!role) {
    return Fail(ErrorCode::kInvalidArgument,
                "unknown role '" + std::string(role_name) + "' (one of: " + RoleNames() + ")",
                "/role");
  }
  auto hash = security::HashPassword(password);
  if (!hash) return std::unexpected(hash.error());
  Instant now = clock.Now();
  CreatedUser created;
  created.user = {.id = NewTimeOrderedUuid(now, random),
                  .username = std::string(username),
                  .role = *role,
                  .password_hash = std::move(*hash),
                  .totp_secret = security::NewTotpSecret(random),
                  .created_at = now};
  created.totp_uri = security::TotpUri(issuer, username, created.user.totp_secret);
  AuditEventDraft event{.actor = std::string(actor),
                        .action = "staff.user_created",
                        .at = now,
                        .details = {{"user_id", created.user.id},
                                    {"username", created.user.username},
                                    {"role", Name(*role)}}};
  if (auto stored = users.CreateUser(created.user, event); !stored) {
    return std::unexpected(stored.error());
  }
  return created;
}

Result<LoggedIn> LogIn(store::UserStore& users, Random& random, const Clock& clock,
                       std::string_view username, std::string_view password,
                       std::string_view code) {
  auto user = users.FindUserByName(username);
  if (!user) {
    if (user.error().code() != ErrorCode::kNotFound) return std::unexpected(user.error());
    security::VerifyPasswordDecoy(password);
    return std::unexpected(Refused());
  }
  Instant now = clock.Now();
  if (user->locked_until && now < *user->locked_until) {
    return Fail(ErrorCode::kResourceExhausted,
                "too many failed attempts; this account is locked for a few minutes");
  }
  bool password_ok = security::VerifyPassword(user->password_hash, password);
  auto step = security::MatchTotp(user->totp_secret, TrimAscii(code), now, user->last_totp_step);
  if (!password_ok || !step || user->disabled_at) {
    if (auto counted = CountFailure(users, *user, now); !counted) {
      return std::unexpected(counted.error());
    }
    return std::unexpected(Refused());
  }
  LoggedIn in{.user = *user, .session_secret = security::NewSessionTokenSecret(random)};
  store::StaffSession session{.token_hash = security::HashToken(in.session_secret),
                              .user_id = user->id,
                              .created_at = now,
                              .expires_at = now + kSessionLifetime};
  AuditEventDraft event{.actor = ActorOf(*user),
                        .action = "staff.logged_in",
                        .at = now,
                        .details = {{"user_id", user->id}}};
  if (auto started = users.StartSession(session, *step, event); !started) {
    if (started.error().code() == ErrorCode::kConflict) return std::unexpected(Refused());
    return std::unexpected(started.error());
  }
  return in;
}

Result<store::StaffUser> CurrentStaff(const store::UserStore& users, const Clock& clock,
                                      std::string_view session_secret) {
  auto refuse = [] { return Fail(ErrorCode::kUnauthenticated, "please log in"); };
  if (!security::LooksLikeToken(session_secret, security::kSessionTokenPrefix)) return refuse();
  auto session = users.FindSession(security::HashToken(session_secret));
  if (!session) {
    if (session.error().code() == ErrorCode::kNotFound) return refuse();
    return std::unexpected(session.error());
  }
  if (session->ended_at || clock.Now() >= session->expires_at) return refuse();
  auto user = users.FindUserById(session->user_id);
  if (!user) return std::unexpected(user.error());
  if (user->disabled_at) return refuse();
  return user;
}

Result<void> LogOut(store::UserStore& users, const Clock& clock, std::string_view session_secret) {
  auto user = CurrentStaff(users, clock, session_secret);
  if (!user) return {};  // nothing to end
  Instant now = clock.Now();
  AuditEventDraft event{.actor = ActorOf(*user),
                        .action = "staff.logged_out",
                        .at = now,
                        .details = {{"user_id", user->id}}};
  return users.EndSession(security::HashToken(session_secret), now, event);
}

Result<void> DisableStaffUser(store::UserStore& users, const Clock& clock,
                              std::string_view username, std::string_view actor) {
  const Instant now = clock.Now();
  return users.DisableUser(
      username, now, {.actor = std::string(actor), .action = "staff.user_disabled", .at = now});
}

std::string ActorOf(const store::StaffUser& user) { return "user:" + user.username; }

}  // namespace rightsdesk::app
