#include "core/drp.h"

#include <array>
#include <nlohmann/json.hpp>

#include "core/drp_message.h"
#include "core/enum_names.h"

namespace rightsdesk {
namespace {

using nlohmann::json;

constexpr std::array<EnumName<DrpAction>, 6> kActions{{
    {DrpAction::kSaleOptOut, "sale:opt-out"},
    {DrpAction::kSaleOptIn, "sale:opt-in"},
    {DrpAction::kDeletion, "deletion"},
    {DrpAction::kAccess, "access"},
    {DrpAction::kAccessCategories, "access:categories"},
    {DrpAction::kAccessSpecific, "access:specific"},
}};

Result<json> ParseObject(std::string_view text) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "the signed message is not a JSON object", "");
  }
  return parsed;
}

// A string member: absent (or null) is "" unless required; any other type, or one longer than
// kDrpMaxField, is an error naming the key.
Result<std::string> StringAt(const json& object, const std::string& key, bool required) {
  auto it = object.find(key);
  const std::string pointer = "/" + key;
  if (it == object.end() || it->is_null()) {
    if (required) return Fail(ErrorCode::kInvalidArgument, key + " is required", pointer);
    return std::string();
  }
  if (!it->is_string())
    return Fail(ErrorCode::kInvalidArgument, key + " must be a string", pointer);
  auto value = it->get<std::string>();
  if (value.size() > kDrpMaxField) {
    return Fail(ErrorCode::kInvalidArgument, key + " is too long", pointer);
  }
  if (required && value.empty()) {
    return Fail(ErrorCode::kInvalidArgument, key + " must not be empty", pointer);
  }
  return value;
}

Result<bool> BoolAt(const json& object, const std::string& key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return false;
  if (!it->is_boolean()) {
    return Fail(ErrorCode::kInvalidArgument, key + " must be true or false", "/" + key);
  }
  return it->get<bool>();
}

Result<Instant> TimeAt(const json& object, const std::string& key) {
  auto text = StringAt(object, key, true);
  if (!text) return std::unexpected(text.error());
  auto at = ParseDrpTime(*text);
  if (!at) return Fail(ErrorCode::kInvalidArgument, at.error().message(), "/" + key);
  return *at;
}

Result<DrpEnvelope> EnvelopeOf(const json& object) {
  DrpEnvelope envelope;
  auto agent = StringAt(object, "agent-id", true);
  if (!agent) return std::unexpected(agent.error());
  auto business = StringAt(object, "business-id", true);
  if (!business) return std::unexpected(business.error());
  auto issued = TimeAt(object, "issued-at");
  if (!issued) return std::unexpected(issued.error());
  auto expires = TimeAt(object, "expires-at");
  if (!expires) return std::unexpected(expires.error());
  auto version = StringAt(object, "drp.version", true);
  if (!version) return std::unexpected(version.error());
  if (*version != kDrpVersion) {
    return Fail(ErrorCode::kInvalidArgument, "drp.version must be \"1.0\"", "/drp.version");
  }
  return DrpEnvelope{.agent_id = std::move(*agent),
                     .business_id = std::move(*business),
                     .issued_at = *issued,
                     .expires_at = *expires,
                     .version = std::move(*version)};
}

// The OpenID Connect address claim (an object) or a plain string, as one line.
Result<std::string> AddressOf(const json& object) {
  auto it = object.find("address");
  if (it == object.end() || it->is_null()) return std::string();
  if (it->is_string()) return StringAt(object, "address", false);
  if (!it->is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "address must be an object or a string", "/address");
  }
  auto formatted = StringAt(*it, "formatted", false);
  if (!formatted)
    return Fail(ErrorCode::kInvalidArgument, "address/formatted must be a string",
                "/address/formatted");
  if (!formatted->empty()) return formatted;
  std::string line;
  for (const char* part : {"street_address", "locality", "region", "postal_code", "country"}) {
    auto value = StringAt(*it, part, false);
    if (!value) {
      return Fail(ErrorCode::kInvalidArgument, std::string("address/") + part + " must be a string",
                  std::string("/address/") + part);
    }
    if (value->empty()) continue;
    if (!line.empty()) line += ", ";
    line += *value;
  }
  return line;
}

Result<DrpClaims> ClaimsOf(const json& object) {
  DrpClaims claims;
  struct Text {
    const char* key;
    std::string* into;
  };
  for (const Text& field : {Text{"name", &claims.name}, Text{"email", &claims.email},
                            Text{"phone_number", &claims.phone_number},
                            Text{"power_of_attorney", &claims.power_of_attorney}}) {
    auto value = StringAt(object, field.key, std::string_view(field.key) == "email");
    if (!value) return std::unexpected(value.error());
    *field.into = std::move(*value);
  }
  struct Flag {
    const char* key;
    bool* into;
  };
  for (const Flag& flag : {Flag{"email_verified", &claims.email_verified},
                           Flag{"phone_number_verified", &claims.phone_number_verified},
                           Flag{"address_verified", &claims.address_verified}}) {
    auto value = BoolAt(object, flag.key);
    if (!value) return std::unexpected(value.error());
    *flag.into = *value;
  }
  auto address = AddressOf(object);
  if (!address) return std::unexpected(address.error());
  claims.address = std::move(*address);
  return claims;
}

Result<std::vector<std::string>> RelationshipsOf(const json& object) {
  auto it = object.find("relationships");
  std::vector<std::string> out;
  if (it == object.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > 50) {
    return Fail(ErrorCode::kInvalidArgument, "relationships must be a list of at most 50 strings",
                "/relationships");
  }
  for (const json& item : *it) {
    if (!item.is_string() || item.get_ref<const std::string&>().size() > 200) {
      return Fail(ErrorCode::kInvalidArgument, "relationships must be a list of short strings",
                  "/relationships");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

bool IsHttpUrl(std::string_view url) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (url.starts_with(scheme) && url.size() > scheme.size()) {
      return url.find_first_of(" \t\r\n") == std::string_view::npos;
    }
  }
  return false;
}

}  // namespace

std::string_view Name(DrpAction action) { return NameIn(kActions, action); }
std::optional<DrpAction> ParseDrpAction(std::string_view name) { return ParseIn(kActions, name); }

std::optional<RequestType> RequestTypeFor(DrpAction action) {
  switch (action) {
    case DrpAction::kSaleOptOut:
      return RequestType::kOptOut;
    case DrpAction::kDeletion:
      return RequestType::kDelete;
    case DrpAction::kAccess:
    case DrpAction::kAccessSpecific:
      return RequestType::kAccess;
    case DrpAction::kAccessCategories:
      return RequestType::kCategories;
    case DrpAction::kSaleOptIn:
      return std::nullopt;
  }
  return std::nullopt;
}

Result<DrpEnvelope> ParseDrpPairing(std::string_view json_text) {
  auto object = ParseObject(json_text);
  if (!object) return std::unexpected(object.error());
  return EnvelopeOf(*object);
}

Result<DrpExercise> ParseDrpExercise(std::string_view json_text) {
  auto object = ParseObject(json_text);
  if (!object) return std::unexpected(object.error());
  auto envelope = EnvelopeOf(*object);
  if (!envelope) return std::unexpected(envelope.error());
  DrpExercise exercise{.envelope = std::move(*envelope)};
  auto action = StringAt(*object, "exercise", true);
  if (!action) return std::unexpected(action.error());
  auto parsed = ParseDrpAction(*action);
  if (!parsed) {
    return Fail(ErrorCode::kInvalidArgument, "Unsupported rights actions submitted.", "/exercise");
  }
  exercise.action = *parsed;
  struct Text {
    const char* key;
    std::string* into;
  };
  for (const Text& field :
       {Text{"agent-request-id", &exercise.agent_request_id}, Text{"regime", &exercise.regime},
        Text{"status_callback", &exercise.status_callback}}) {
    auto value = StringAt(*object, field.key, false);
    if (!value) return std::unexpected(value.error());
    *field.into = std::move(*value);
  }
  if (!exercise.status_callback.empty() && !IsHttpUrl(exercise.status_callback)) {
    return Fail(ErrorCode::kInvalidArgument, "status_callback must be an http(s) URL",
                "/status_callback");
  }
  auto relationships = RelationshipsOf(*object);
  if (!relationships) return std::unexpected(relationships.error());
  exercise.relationships = std::move(*relationships);
  auto claims = ClaimsOf(*object);
  if (!claims) return std::unexpected(claims.error());
  exercise.claims = std::move(*claims);
  return exercise;
}

Result<std::string> ParseDrpRevoke(std::string_view json_text) {
  auto object = ParseObject(json_text);
  if (!object) return std::unexpected(object.error());
  auto reason = StringAt(*object, "reason", false);
  // Room is kept for our own words around it in the request's record (a reason is at most 2000).
  if (reason && reason->size() > 1500) {
    return Fail(ErrorCode::kInvalidArgument, "reason is too long", "/reason");
  }
  return reason;
}

Result<void> CheckDrpEnvelope(const DrpEnvelope& envelope, std::string_view agent_id,
                              std::string_view business_id, Instant now) {
  if (envelope.agent_id != agent_id) {
    return Fail(ErrorCode::kPermissionDenied, "the message names another agent", "/agent-id");
  }
  if (envelope.business_id != business_id) {
    return Fail(ErrorCode::kPermissionDenied, "the message is for another business",
                "/business-id");
  }
  if (now + kDrpClockSkew < envelope.issued_at) {
    return Fail(ErrorCode::kFailedPrecondition, "the message was issued in the future",
                "/issued-at");
  }
  if (now >= envelope.expires_at) {
    return Fail(ErrorCode::kFailedPrecondition, "the message has expired", "/expires-at");
  }
  if (envelope.expires_at - envelope.issued_at > kDrpMaxValidity) {
    return Fail(ErrorCode::kFailedPrecondition, "the message is valid for longer than a day",
                "/expires-at");
  }
  return {};
}

}  // namespace rightsdesk
