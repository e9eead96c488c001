// Secret tokens: API tokens ("rdt_"), consumers' status links ("rds_"), staff console sessions
// ("rdc_"), browser ids for the preference ledger ("rdb_") and access packages' download links
// ("rdp_") and authorized agents' DRP bearer tokens ("rda_"), each 32 random bytes
// shown once as prefix + 64 hex digits; only their BLAKE2b hash is stored. Looking a token up by
// its hash leaks nothing useful by timing (the hash of an unguessable secret), and the final
// comparison is constant-time.
#pragma once

#include <string>
#include <string_view>

#include "core/audit_event.h"
#include "core/random.h"

namespace rightsdesk::security {

inline constexpr std::string_view kApiTokenPrefix = "rdt_";
inline constexpr std::string_view kStatusTokenPrefix = "rds_";
inline constexpr std::string_view kSessionTokenPrefix = "rdc_";
inline constexpr std::string_view kBrowserIdPrefix = "rdb_";
inline constexpr std::string_view kPackageTokenPrefix = "rdp_";
inline constexpr std::string_view kAgentTokenPrefix = "rda_";
inline constexpr std::string_view kFeedbackTokenPrefix = "rdf_";

std::string NewApiTokenSecret(Random& random);
std::string NewStatusTokenSecret(Random& random);
std::string NewSessionTokenSecret(Random& random);
std::string NewBrowserId(Random& random);
std::string NewPackageTokenSecret(Random& random);   // an access package's download link
std::string NewAgentTokenSecret(Random& random);     // a DRP agent's pair-wise bearer token
std::string NewFeedbackTokenSecret(Random& random);  // a closed request's survey link
Hash HashToken(std::string_view token);
// "rds_" + 64 hex digits.
bool LooksLikeStatusToken(std::string_view token);
// `prefix` + 64 hex digits.
bool LooksLikeToken(std::string_view token, std::string_view prefix);
bool SameHash(const Hash& a, const Hash& b);  // constant time

}  // namespace rightsdesk::security
