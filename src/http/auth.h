// Bearer-token checks for staff endpoints: 401 (with WWW-Authenticate) without a valid token,
// 403 when the token's role lacks the permission (core/role.h).
#pragma once

#include "core/role.h"
#include "http/http_types.h"
#include "store/token_store.h"

namespace rightsdesk::http {

// The token, or the 401/403 response to send instead.
std::expected<store::ApiToken, Response> RequirePermission(const Request& request,
                                                           const store::TokenStore& tokens,
                                                           Permission permission);

// The actor recorded in the audit trail for changes made with this token.
std::string ActorOf(const store::ApiToken& token);

}  // namespace rightsdesk::http
