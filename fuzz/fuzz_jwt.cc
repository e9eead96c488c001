// Account tokens (JWTs) as anyone holding one may hand them in (`request verify --account-token`):
// the compact form and base64url, the header and claims JSON, the claim checks, the consumer
// check, and the signature check with real RS256, ES256 and EdDSA keys (fuzz/jwt_fuzz_keys.h,
// whose tokens seed the corpus). Properties checked beside "no crash": a parsed token's signing
// input is what precedes its last dot and its signature encodes back to the text after it
// (one spelling per byte string), every error is kInvalidArgument or kUnauthenticated with a
// reason code, and a decoded base64url text encodes back to itself.
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/account_token.h"
#include "core/jwt.h"
#include "fuzz_target.h"
#include "jwt_fuzz_keys.h"
#include "security/account_tokens.h"

namespace {

using rightsdesk::ErrorCode;

void JwtCheck(bool property) {
  if (!property) std::abort();
}

const rightsdesk::security::AccountTokenKeys& JwtFuzzKeys() {
  static const rightsdesk::security::AccountTokenKeys keys = [] {
    auto parsed = rightsdesk::security::AccountTokenKeys::Parse(kFuzzJwks, "jwt_fuzz_keys.h");
    JwtCheck(parsed.has_value() && parsed->size() == 3);
    return *parsed;
  }();
  return keys;
}

void JwtCheckRefusal(const rightsdesk::Error& error) {
  JwtCheck(error.code() == ErrorCode::kInvalidArgument ||
           error.code() == ErrorCode::kUnauthenticated);
  JwtCheck(!rightsdesk::AccountTokenRefusal(error).empty());
}

void JwtCheckClaims(const rightsdesk::Jwt& jwt) {
  const rightsdesk::JwtExpectations expected{.issuer = "https://login.example.com",
                                             .audience = "rightsdesk"};
  const auto now = rightsdesk::FromMicros(1'790'000'000'000'000);
  if (auto valid = rightsdesk::CheckJwtClaims(jwt.claims, expected, now); !valid) {
    JwtCheckRefusal(valid.error());
  }
  const rightsdesk::SubjectIdentifiers ana{.email = "ana.nunez@example.com",
                                           .account_id = "C-1042"};
  for (auto identity :
       {rightsdesk::AccountTokenIdentity::kEmail, rightsdesk::AccountTokenIdentity::kSubject}) {
    if (auto named = rightsdesk::CheckTokenIdentifies(jwt.claims, identity, ana); !named) {
      JwtCheckRefusal(named.error());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto decoded = rightsdesk::Base64UrlDecode(text)) {
    JwtCheck(rightsdesk::Base64UrlEncode(*decoded) == text);
  }
  auto jwt = rightsdesk::ParseJwt(text);
  if (!jwt) {
    JwtCheckRefusal(jwt.error());
    return 0;
  }
  const std::size_t last_dot = text.rfind('.');
  JwtCheck(last_dot == jwt->signing_input.size() && text.starts_with(jwt->signing_input));
  JwtCheck(rightsdesk::Base64UrlEncode(jwt->signature) == text.substr(last_dot + 1));
  JwtCheck(rightsdesk::ParseJwtAlgorithm(rightsdesk::Name(jwt->header.alg)) == jwt->header.alg);
  if (auto verified = JwtFuzzKeys().Verify(*jwt); !verified) {
    JwtCheck(verified.error().code() == ErrorCode::kUnauthenticated);
    JwtCheckRefusal(verified.error());
  }
  JwtCheckClaims(*jwt);
  return 0;
}
