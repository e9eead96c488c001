#include "core/account_token.h"

#include <array>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<AccountTokenIdentity>, 2> kAccountTokenIdentityNames{{
    {AccountTokenIdentity::kEmail, "email"},
    {AccountTokenIdentity::kSubject, "sub"},
}};

// The part of a token at fault (Error::field, core/jwt.h) → the reason recorded.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kAccountTokenReasons{{
    {"/header/alg", "algorithm_refused"},
    {"/header/kid", "unknown_key"},
    {"/signature", "bad_signature"},
    {"/payload/exp", "expired"},
    {"/payload/nbf", "not_yet_valid"},
    {"/payload/iat", "not_yet_valid"},
    {"/payload/iss", "wrong_issuer"},
    {"/payload/aud", "wrong_audience"},
    {"/payload/email", "wrong_consumer"},
    {"/payload/sub", "wrong_consumer"},
    {"/payload/email_verified", "email_unverified"},
    {"/payload/jti", "replayed"},  // refused (not missing, which is malformed): used before
}};

std::unexpected<Error> AccountTokenNotThisConsumer(std::string message, std::string field) {
  return Fail(ErrorCode::kUnauthenticated, "account token refused: " + std::move(message),
              std::move(field));
}

}  // namespace

std::string_view Name(AccountTokenIdentity identity) {
  return NameIn(kAccountTokenIdentityNames, identity);
}

std::optional<AccountTokenIdentity> ParseAccountTokenIdentity(std::string_view name) {
  return ParseIn(kAccountTokenIdentityNames, name);
}

Result<void> CheckTokenIdentifies(const JwtClaims& claims, AccountTokenIdentity identity,
                                  const SubjectIdentifiers& subject) {
  if (identity == AccountTokenIdentity::kEmail) {
    if (claims.email.empty())
      return AccountTokenNotThisConsumer("it has no email claim", "/payload/email");
    // The login itself says it never confirmed the address: anyone may have typed it there.
    if (claims.email_verified == false) {
      return AccountTokenNotThisConsumer("the login has not verified its email",
                                         "/payload/email_verified");
    }
    // Normalising lower-cases it as the request's address was on intake.
    auto email = NormalizeEmail(claims.email);
    if (!email || *email != subject.email) {
      return AccountTokenNotThisConsumer("its email is not the request's", "/payload/email");
    }
    return {};
  }
  if (claims.sub.empty()) return AccountTokenNotThisConsumer("it has no sub claim", "/payload/sub");
  if (subject.account_id.empty()) {
    return AccountTokenNotThisConsumer("the request names no account id to compare its sub with",
                                       "/payload/sub");
  }
  if (claims.sub != subject.account_id) {
    return AccountTokenNotThisConsumer("its sub is not the request's account id", "/payload/sub");
  }
  return {};
}

std::string_view AccountTokenRefusal(const Error& error) {
  if (error.code() == ErrorCode::kInvalidArgument) return "malformed";
  if (error.code() != ErrorCode::kUnauthenticated) return "refused";
  for (const auto& [field, reason] : kAccountTokenReasons) {
    if (error.field() == field) return reason;
  }
  return "refused";
}

}  // namespace rightsdesk
