#include "http/auth.h"

#include "app/tokens.h"
#include "http/responses.h"

namespace rightsdesk::http {

std::expected<store::ApiToken, Response> RequirePermission(const Request& request,
                                                           const store::TokenStore& tokens,
                                                           Permission permission) {
  auto token = app::Authenticate(tokens, View(request[beast_http::field::authorization]));
  if (!token) {
    Response response = ProblemFor(token.error());
    if (token.error().code() == ErrorCode::kUnauthenticated) {
      response.set(beast_http::field::www_authenticate, "Bearer");
    }
    return std::unexpected(std::move(response));
  }
  if (!Allows(token->role, permission)) {
    return std::unexpected(ProblemResponse(
        403, "Forbidden", "the " + std::string(Name(token->role)) + " role may not do this"));
  }
  return std::move(*token);
}

std::string ActorOf(const store::ApiToken& token) { return "token:" + token.name; }

}  // namespace rightsdesk::http
