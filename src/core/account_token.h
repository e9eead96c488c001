// The account token as identity verification (issue 4): an account holder signs in to the
// company's own login, which gives them a signed JWT, and that sign-in stands for the data
// points a non-account holder must match (Cal. Code Regs. tit. 11 §7061(a)). Here the pure
// rules: which claim names the consumer and whether it names the one the request is about, and
// the reason code under which a refused token is recorded. The token's format and claims are
// core/jwt.h; its signature is security/account_tokens.h; the use case app/verification.h.
#pragma once

#include <optional>
#include <string_view>

#include "core/error.h"
#include "core/jwt.h"
#include "core/subject.h"

namespace rightsdesk {

// The claim that says which consumer signed in.
enum class AccountTokenIdentity {
  kEmail,    // `email`, compared with the request's email address without regard to case
  kSubject,  // `sub`, compared exactly with the request's account id
};
std::string_view Name(AccountTokenIdentity identity);  // "email", "sub"
std::optional<AccountTokenIdentity> ParseAccountTokenIdentity(std::string_view name);

// Whether `claims` name the consumer of `subject` (whose email is normalised, core/subject.h).
// kUnauthenticated, field "/payload/email" or "/payload/sub", when the claim is absent or names
// someone else (the message never says who); a request without an account id matches no `sub`.
// By email, field "/payload/email_verified" when the token says `email_verified: false` (absent,
// the login is trusted to issue tokens for confirmed addresses only).
Result<void> CheckTokenIdentifies(const JwtClaims& claims, AccountTokenIdentity identity,
                                  const SubjectIdentifiers& subject);

// The reason code recorded when a token is refused, from an error of ParseJwt, CheckJwtClaims,
// CheckTokenIdentifies or the signature check: "malformed" (kInvalidArgument), and for
// kUnauthenticated by the part at fault: "algorithm_refused", "unknown_key", "bad_signature",
// "expired", "not_yet_valid", "wrong_issuer", "wrong_audience", "wrong_consumer",
// "email_unverified", and
// "replayed" (field "/payload/jti": the use case's refusal of a token used before); "refused"
// for anything else.
std::string_view AccountTokenRefusal(const Error& error);

}  // namespace rightsdesk
