// Staff and integration API tokens: created by an admin from the command line, checked on every
// staff request.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/random.h"
#include "core/time.h"
#include "store/token_store.h"

namespace rightsdesk::app {

struct CreatedToken {
  std::string secret;  // shown once; never stored, never logged
  store::ApiToken token;
};

// kInvalidArgument for an unknown role or an empty/overlong name.
Result<CreatedToken> CreateApiToken(store::TokenStore& tokens, Random& random, const Clock& clock,
                                    std::string_view role, std::string_view name,
                                    std::string_view actor);

// The token behind an "Authorization: Bearer ..." value. kUnauthenticated (without saying why,
// to the caller) for a missing, malformed, unknown or revoked token.
Result<store::ApiToken> Authenticate(const store::TokenStore& tokens,
                                     std::string_view authorization);

}  // namespace rightsdesk::app
