// The Data Rights Protocol 1.0 messages an authorized agent sends us (shared/specs/drp, sections
// 2.01, 2.04, 2.05, 3.04), parsed from the verified JSON into values, and the protocol's checks of
// their claims (section 3.07). Pure: the signature is checked before (core/drp_message.h), the
// bearer token and the replay guard after (app/drp.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/request_type.h"
#include "core/time.h"

namespace rightsdesk {

inline constexpr std::string_view kDrpVersion = "1.0";

// The rights actions of section 3.01.
enum class DrpAction {
  kSaleOptOut,        // "sale:opt-out"
  kSaleOptIn,         // "sale:opt-in"
  kDeletion,          // "deletion"
  kAccess,            // "access"
  kAccessCategories,  // "access:categories"
  kAccessSpecific,    // "access:specific"
};
std::string_view Name(DrpAction action);
std::optional<DrpAction> ParseDrpAction(std::string_view name);

// Our request type for an action; nullopt for one we do not take (sale:opt-in: consent to sell
// is not a CCPA request we answer). access is the right to know specific pieces
// (Cal. Civ. Code §1798.110), as the spec links it.
std::optional<RequestType> RequestTypeFor(DrpAction action);

// The keys every signed message carries (sections 2.01 and 2.05): who signed it, for whom, and
// when it is valid.
struct DrpEnvelope {
  std::string agent_id;
  std::string business_id;
  Instant issued_at;
  Instant expires_at;
  std::string version;  // "drp.version"
};

// The schema.org/Person claims of section 3.04. `address` is flattened to one line from the
// OpenID Connect address claim (its "formatted" member, or its parts).
struct DrpClaims {
  std::string name;
  std::string email;
  bool email_verified = false;
  std::string phone_number;
  bool phone_number_verified = false;
  std::string address;
  bool address_verified = false;
  std::string power_of_attorney;
};

struct DrpExercise {
  DrpEnvelope envelope;
  std::string agent_request_id;  // "" when the agent gave none
  DrpAction action = DrpAction::kAccess;
  std::string regime;  // "ccpa" or "" (voluntary)
  std::vector<std::string> relationships;
  std::string status_callback;  // "" when the agent wants none
  DrpClaims claims;
};

// Longest strings we keep from a message; longer ones are refused, not cut.
inline constexpr std::size_t kDrpMaxField = 2000;

// Each parser takes the verified JSON text. kInvalidArgument, naming the key as a JSON pointer,
// when the text is not a JSON object, a required key is missing or of the wrong type, the version
// is not 1.0, a timestamp is not ISO 8601, or (exercise) the action is unknown or the callback is
// not an http(s) URL. The exercise needs an email claim: it is how we reach the consumer.
Result<DrpEnvelope> ParseDrpPairing(std::string_view json_text);
Result<DrpExercise> ParseDrpExercise(std::string_view json_text);
// The revoke body of section 2.04: its optional reason ("" when absent).
Result<std::string> ParseDrpRevoke(std::string_view json_text);

// Clock skew we forgive on `issued-at` (an agent's clock a little ahead of ours), and the
// longest validity we accept: the spec recommends no more than 10 minutes.
inline constexpr std::chrono::seconds kDrpClockSkew{60};
inline constexpr std::chrono::hours kDrpMaxValidity{24};

// Section 3.07's checks of the claims, after the signature: the agent named inside is the one
// that signed (`agent_id`), the business is us, and now is within [issued-at, expires-at].
// kPermissionDenied for another agent or business; kFailedPrecondition for a message not yet
// valid, expired, or valid for longer than kDrpMaxValidity.
Result<void> CheckDrpEnvelope(const DrpEnvelope& envelope, std::string_view agent_id,
                              std::string_view business_id, Instant now);

}  // namespace rightsdesk
