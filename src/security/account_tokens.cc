#include "security/account_tokens.h"

#include <sodium.h>

#include <array>
#include <cctype>

#include "core/hex.h"
#include "platform/files.h"
#include "security/jwt_key.h"

namespace rightsdesk::security {
namespace {

std::unexpected<Error> AccountTokenRefused(std::string message, std::string field) {
  return Fail(ErrorCode::kUnauthenticated, "account token refused: " + std::move(message),
              std::move(field));
}

bool AccountTokenLooksJson(std::string_view text) {
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) return c == '{';
  }
  return false;
}

}  // namespace

Result<AccountTokenKeys> AccountTokenKeys::Parse(std::string_view text, std::string_view source) {
  auto parsed = AccountTokenLooksJson(text) ? ParseJwks(text) : ParsePemKeys(text);
  if (!parsed) return std::unexpected(std::move(parsed.error()).WithContext(source));
  AccountTokenKeys keys;
  for (JwtKey& key : *parsed) keys.keys_.push_back(std::make_shared<JwtKey>(std::move(key)));
  return keys;
}

Result<AccountTokenKeys> AccountTokenKeys::Load(const std::filesystem::path& path) {
  auto text = platform::ReadFile(path);
  if (!text) return std::unexpected(std::move(text.error()).WithContext(path.string()));
  return Parse(*text, path.string());
}

Result<std::string> AccountTokenKeys::Verify(const Jwt& token) const {
  const std::string& kid = token.header.kid;
  const std::string alg(Name(token.header.alg));
  // A kid that names a key chooses it alone; otherwise every key without a kid may check.
  std::vector<const JwtKey*> chosen;
  for (const auto& key : keys_) {
    if (!kid.empty() && key->kid == kid) chosen.assign(1, key.get());
  }
  if (chosen.empty()) {
    for (const auto& key : keys_) {
      if (key->kid.empty() || kid.empty()) chosen.push_back(key.get());
    }
  }
  if (chosen.empty()) return AccountTokenRefused("no key has kid \"" + kid + "\"", "/header/kid");
  std::erase_if(chosen, [&](const JwtKey* key) { return !KeyFits(*key, token.header.alg); });
  if (chosen.empty()) {
    return AccountTokenRefused("no key " + (kid.empty() ? "" : "with kid \"" + kid + "\" ") +
                                   "may check " + alg + " signatures",
                               "/header/alg");
  }
  for (const JwtKey* key : chosen) {
    if (JwtSignatureValid(*key, token.header.alg, token.signing_input, token.signature)) {
      return key->kid;
    }
  }
  return AccountTokenRefused("the " + alg + " signature does not verify", "/signature");
}

std::string AccountTokenUseId(std::string_view issuer, std::string_view jti) {
  // The issuer's length first keeps ("ab", "c") and ("a", "bc") apart, whatever bytes they hold.
  std::string input = "rightsdesk.account_token.v1:" + std::to_string(issuer.size()) + ":";
  input.append(issuer);
  input.append(jti);
  std::array<std::uint8_t, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr,
                     0);
  return ToHex(digest);
}

}  // namespace rightsdesk::security
