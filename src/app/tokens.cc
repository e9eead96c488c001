#include "app/tokens.h"

#include "core/text.h"
#include "security/api_token.h"

namespace rightsdesk::app {

Result<CreatedToken> CreateApiToken(store::TokenStore& tokens, Random& random, const Clock& clock,
                                    std::string_view role_name, std::string_view name,
                                    std::string_view actor) {
  auto role = ParseRole(role_name);
  if (!role) {
    return Fail(ErrorCode::kInvalidArgument,
                "unknown role '" + std::string(role_name) + "' (one of: " + RoleNames() + ")",
                "/role");
  }
  auto clean = CleanText(TrimAscii(name), {.max_bytes = 100}, "/name");
  if (!clean) return std::unexpected(clean.error());
  if (clean->empty()) return Fail(ErrorCode::kInvalidArgument, "a name is required", "/name");
  CreatedToken created{.secret = security::NewApiTokenSecret(random)};
  Instant now = clock.Now();
  created.token = {.id = NewTimeOrderedUuid(now, random),
                   .name = *clean,
                   .role = *role,
                   .hash = security::HashToken(created.secret),
                   .created_at = now};
  AuditEventDraft event{
      .actor = std::string(actor),
      .action = "token.created",
      .at = now,
      .details = {
          {"token_id", created.token.id}, {"name", created.token.name}, {"role", Name(*role)}}};
  if (auto stored = tokens.CreateToken(created.token, event); !stored) {
    return std::unexpected(stored.error());
  }
  return created;
}

Result<store::ApiToken> Authenticate(const store::TokenStore& tokens,
                                     std::string_view authorization) {
  auto refuse = [] {
    return Fail(ErrorCode::kUnauthenticated, "a valid bearer token is required");
  };
  constexpr std::string_view kScheme = "Bearer ";
  if (!authorization.starts_with(kScheme)) return refuse();
  std::string_view secret = TrimAscii(authorization.substr(kScheme.size()));
  if (!secret.starts_with(security::kApiTokenPrefix) || secret.size() != 4 + 64) return refuse();
  Hash hash = security::HashToken(secret);
  auto token = tokens.FindTokenByHash(hash);
  if (!token) {
    if (token.error().code() == ErrorCode::kNotFound) return refuse();
    return std::unexpected(token.error());
  }
  if (!security::SameHash(token->hash, hash) || token->revoked_at) return refuse();
  return token;
}

}  // namespace rightsdesk::app
