// TokenStore: the API tokens of staff and integrations, kept as hashes (the token is shown once).
// Implemented by SqliteStore. Thread-safe; writes are durable on success.
#pragma once

#include <optional>
#include <string>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/role.h"
#include "core/time.h"

namespace rightsdesk::store {

struct ApiToken {
  std::string id;
  std::string name;  // who or what holds it ("alice", "crm-sync"); not a secret
  Role role = Role::kAuditor;
  Hash hash{};  // of the token text (security/api_token.h)
  Instant created_at;
  std::optional<Instant> revoked_at;
};

class TokenStore {
 public:
  virtual ~TokenStore() = default;
  // Stores the token and its audit event in one transaction. kAlreadyExists if the hash is taken.
  [[nodiscard]] virtual Result<void> CreateToken(const ApiToken& token,
                                                 const AuditEventDraft& created) = 0;
  // kNotFound when no token has this hash.
  [[nodiscard]] virtual Result<ApiToken> FindTokenByHash(const Hash& hash) const = 0;
};

}  // namespace rightsdesk::store
